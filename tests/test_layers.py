"""The layers read one way: the ground imports no domain app, the domain imports nothing above it.

Imports are read from the source (every `import` and `from ... import`, inside functions too), so a
late import does not slip past.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = {
    "programs",
    "projects",
    "budgets",
    "reports",
    "reporting",
    "imports",
    "attachments",
    "portal",
    "api",
    "notifications",
}
ABOVE_DOMAIN = {"policy", "home", "seeding", "guide"}


def _imported_top_packages(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        # The ground: users, organisations, administrative units, generic helpers.
        ("accounts", DOMAIN | ABOVE_DOMAIN),
        # Settings, URLs (apps named by string) and generic helpers.
        ("khuyencong", DOMAIN | ABOVE_DOMAIN | {"accounts", "ops"}),
        # Completion sits beside the targets: programmes never read the reports.
        ("programs", {"reports", "seeding", "guide", "home"}),
        ("projects", {"seeding", "guide", "home"}),
        ("budgets", {"seeding", "guide", "home"}),
        ("reports", {"seeding", "guide", "home"}),
        ("imports", {"seeding", "guide", "home"}),
        # Periodic tasks as data: the dispatcher names each task by its path, never by an import.
        ("scheduling", DOMAIN | ABOVE_DOMAIN),
        ("reporting", {"seeding", "guide", "home"}),
    ],
)
def test_a_layer_imports_nothing_above_it(package, forbidden):
    imported = _imported_top_packages(package)
    wrong = {name: sorted(paths) for name, paths in imported.items() if name in forbidden}
    assert not wrong, f"{package} imports {wrong}"


def test_production_login_refusal_reads_the_small_logins_module_not_the_loader():
    source = (ROOT / "ops" / "auth.py").read_text(encoding="utf-8")
    assert "seeding.logins" in source
    assert "seeding.demo" not in source
