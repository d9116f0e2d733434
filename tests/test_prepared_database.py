"""The prepared test database is named after what its contents derive from, and nothing else."""

from tests import prepared_database
from tests.prepared_database import ROOT


def _fingerprinted() -> set[str]:
    return {str(path.relative_to(ROOT)) for path in prepared_database._fingerprinted_files()}


def test_the_fingerprint_reads_migrations_models_seeds_and_requirements():
    files = _fingerprinted()
    assert "projects/migrations/0001_initial.py" in files
    assert "projects/models.py" in files
    assert "seeding/demo/loader.py" in files
    assert "requirements.txt" in files


def test_tests_templates_and_scripts_do_not_change_it():
    files = _fingerprinted()
    for left_out in ("tests/", "templates/", "static/", "scripts/", "bench/", ".venv/", ".data/"):
        assert not any(name.startswith(left_out) for name in files), left_out
    assert not any("__pycache__" in name for name in files)


def test_the_name_is_stable_and_changes_with_a_file(tmp_path, monkeypatch):
    name = prepared_database.template_name()
    assert name == prepared_database.template_name()
    assert name.startswith(prepared_database.TEMPLATE_PREFIX)
    copy = tmp_path / "tree"
    (copy / "app" / "migrations").mkdir(parents=True)
    migration = copy / "app" / "migrations" / "0001_initial.py"
    migration.write_text("operations = []\n")
    monkeypatch.setattr(prepared_database, "ROOT", copy)
    before = prepared_database.template_name()
    migration.write_text("operations = ['changed']\n")
    assert prepared_database.template_name() != before
