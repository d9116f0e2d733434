"""The dependency audit fails on a known vulnerability and says plainly when it could check nothing."""

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "dependency_audit.py"


@pytest.fixture
def audit():
    spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pip_audit_says(monkeypatch, audit, report: dict | None, stderr: str = "") -> None:
    stdout = json.dumps(report) if report is not None else ""
    monkeypatch.setattr(
        audit.subprocess,
        "run",
        lambda *a, **k: subprocess.CompletedProcess(a, 1 if report is None else 0, stdout, stderr),
    )


def test_it_fails_on_a_known_vulnerability(audit, monkeypatch, capsys):
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["6.1.4"], "aliases": [], "description": ""}
    _pip_audit_says(monkeypatch, audit, {"dependencies": [{"name": "django", "version": "6.1.3", "vulns": [vuln]}]})
    assert audit.main() == 1
    assert "django 6.1.3: PYSEC-2099-1 (fixed in 6.1.4)" in capsys.readouterr().out


def test_it_passes_when_nothing_is_known(audit, monkeypatch, capsys):
    _pip_audit_says(monkeypatch, audit, {"dependencies": [{"name": "django", "version": "6.1.3", "vulns": []}]})
    assert audit.main() == 0
    assert "no known vulnerability in 1 audited" in capsys.readouterr().out


def test_it_says_when_the_database_is_unreachable(audit, monkeypatch, capsys):
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited: django (6.1.3)"}
    _pip_audit_says(monkeypatch, audit, {"dependencies": [skipped]})
    assert audit.main() == 0
    assert "KHÔNG KIỂM TRA ĐƯỢC" in capsys.readouterr().out
    _pip_audit_says(monkeypatch, audit, None, stderr="ConnectionError: Failed to resolve 'api.osv.dev'")
    assert audit.main() == 0
    assert "nothing was audited" in capsys.readouterr().out
