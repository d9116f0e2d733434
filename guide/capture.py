"""Photograph every step of every chapter in a real browser, signed in as that chapter's demo login.

Used by `manage.py build_guide` (against its own live server on the current
database) and by tests/test_guide_browser.py (against pytest's live_server).
Only GET requests are made: taking the pictures changes no data.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from accounts.models import User
from guide.chapters import CHAPTERS, Chapter, Step
from guide.screenshots import SCREENSHOTS_DIR, screenshot_path
from guide.targets import resolve

DEMO_PASSWORD = "khuyencong"  # noqa: S105  the demo logins' published password
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The same flags as tests/browser_support.py: without them Chromium keeps dialling out on a closed network.
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
VIEWPORT = {"width": 1280, "height": 860}
# The element a step is about gets an outline, drawn here rather than by the page's own CSS. The page
# scrolls only when the element starts low on the screen, and then to its top, so that a long form
# is shown from its beginning with the page heading above it where it fits.
OUTLINE = """el => {
  el.style.outline = '4px solid #d63384';
  el.style.outlineOffset = '3px';
  const top = el.getBoundingClientRect().top;
  if (top > window.innerHeight * 0.6) window.scrollBy(0, top - 80);
}"""


@dataclass
class Shot:
    chapter: Chapter
    step: Step
    url: str


@dataclass
class CaptureResult:
    taken: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "chapter/step: why"


def plan(chapters: tuple[Chapter, ...] = CHAPTERS) -> tuple[dict[str, list[Shot]], list[str]]:
    """Resolve every step's URL first, in this thread, so the browser loop makes no database call."""
    shots: dict[str, list[Shot]] = {}
    skipped: list[str] = []
    for chapter in chapters:
        user = User.objects.filter(username=chapter.login).first() if chapter.login else None
        if user is None:
            skipped.append(f"{chapter.slug}: no login {chapter.login!r} in this database")
            continue
        for step in chapter.steps:
            url = resolve(step.target, user)
            if url is None:
                skipped.append(f"{chapter.slug}/{step.slug}: nothing to show for {chapter.login}")
            else:
                shots.setdefault(chapter.login, []).append(Shot(chapter, step, url))
    return shots, skipped


def capture(base_url: str, root: Path = SCREENSHOTS_DIR, chapters: tuple[Chapter, ...] = CHAPTERS) -> CaptureResult:
    from playwright.sync_api import sync_playwright

    shots, skipped = plan(chapters)
    result = CaptureResult(skipped=skipped)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # The live server answers from its own thread; Playwright's loop in this one must not trip Django's guard.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for login, login_shots in shots.items():
                context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", bypass_csp=True)  # type: ignore[arg-type]
                page = context.new_page()
                page.set_default_timeout(20_000)
                signed_in = False
                for shot in login_shots:
                    if shot.step.target != "login" and not signed_in:
                        _sign_in(page, base_url, login)
                        signed_in = True
                    page.goto(base_url + shot.url)
                    if shot.step.focus:
                        element = page.locator(shot.step.focus).first
                        if element.count():
                            element.evaluate(OUTLINE)
                    path = screenshot_path(shot.chapter, shot.step, root)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(path))
                    result.taken.append(path)
                context.close()
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
    return result


def _sign_in(page, base_url: str, login: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", login)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
