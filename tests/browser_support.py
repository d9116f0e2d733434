"""What the browser tests share: Debian's Chromium driven by Playwright.

Loaded as a pytest plugin by tests/conftest.py, so its fixtures need no import.

`playwright install` cannot download a browser on these machines, so the tests
launch /usr/bin/chromium. Locally they skip where Chromium is missing; under CI
they never skip (.ci/run installs it), so a missing browser fails the run.
"""

import os
import shutil

import pytest

from tests.conftest import _ensure_demo

CHROMIUM = shutil.which("chromium")
# Without the background-networking flags Chromium keeps dialling out on a closed network.
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--disable-component-update",
]
requires_browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Chromium is not installed (.ci/run installs it)"
)


@pytest.fixture
def demo_restored_afterwards(django_db_blocker):
    """Transactional browser tests flush the database; put the demo back for the tests after them."""
    yield
    with django_db_blocker.unblock():
        _ensure_demo()


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM reads are still synchronous.
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser.new_page(accept_downloads=True)
        browser.close()
