"""What a person notices: every page each demo login reaches, checked by tools nobody here wrote.

The role walk signs in as each demo login and follows the links of every page it
reaches (one page per URL shape, so a list of a thousand projects costs one detail
page), within the site and short of downloads, the admin site and signing out.
On every page:
- axe-core (the engine behind browsers' accessibility audits) must find no
  violation of impact "serious" or "critical";
- the HTML the server sent is saved, and the Nu HTML checker (vnu) reads all of
  them at the end: 0 errors.
Both tools come from the npm registry (package.json; `make setup` runs npm ci).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser_support import ARGS, CHROMIUM, requires_browser

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts" / "pages"
LOGINS = ("canbo", "lanhdao", "huyen", "xa", "bacninh", "bo", "xem", "admin", "doanhnghiep")
# Downloads (the guide's PDF among them), state-changing links, Django's own admin pages and the API (JSON, and its documentation
# page, which is Swagger UI's markup rather than the site's) are not walked.
SKIP = re.compile(
    r"^/(admin/|static/|media/|accounts/logout|i18n/|api/)|/(download|template|status|export)/|[?&](format|export)=|\.pdf$"
)
MAX_PAGES = 60  # per login; the walk reports if it ever stops short

pytestmark = [
    requires_browser,
    pytest.mark.skipif(not AXE.exists() or not VNU.exists(), reason="npm ci has not been run (make setup runs it)"),
]


def _shape(path: str) -> str:
    """One page per URL shape: /projects/12/ and /projects/13/, or /reports/HN-2016-2020/summary/ and
    /reports/KCQG-2026-2030/summary/, are the same page."""
    return re.sub(r"/[A-Z0-9-]*\d[A-Z0-9-]*(?=/)", "/N", urlsplit(path).path)


def _walk(page, base: str, username: str, save: Path) -> tuple[list[str], dict[str, list[dict]]]:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "khuyencong")
    page.click("button[type=submit]")
    # Officials land on the home page ("Xin chào"), an enterprise on its own file: any page but the login.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    queue, seen = ["/"], {_shape("/")}
    visited: list[str] = []
    found: dict[str, list[dict]] = {}
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        response = page.goto(base + path)
        assert response is not None, f"{username} {path}: no response"
        assert response.ok, f"{username} {path}: {response.status}"
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        visited.append(path)
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
        (save / f"{username}--{name}.html").write_bytes(response.body())
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            found[path] = bad
        for href in page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.netloc != urlsplit(base).netloc:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP.search(target) or _shape(target) in seen:
                continue
            seen.add(_shape(target))
            queue.append(target)
    assert not queue, f"{username}: the walk stopped at {MAX_PAGES} pages with {len(queue)} left: {queue[:5]}"
    return visited, found


def test_every_page_each_login_reaches_passes_axe_and_the_html_checker(
    transactional_db, demo, live_server, demo_restored_afterwards
):
    from playwright.sync_api import sync_playwright

    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    walked, violations = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for username in LOGINS:
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(15_000)
            walked[username], found = _walk(page, live_server.url, username, ARTIFACTS)
            violations.update({f"{username} {path}": bad for path, bad in found.items()})
            context.close()
        browser.close()
    (ARTIFACTS / "walk.json").write_text(
        json.dumps({"walked": walked, "axe": violations}, ensure_ascii=False, indent=1)
    )
    # Every login reaches its menu's pages at least.
    assert all(len(paths) >= 5 for paths in walked.values()), walked
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)

    files = sorted(str(p) for p in ARTIFACTS.glob("*.html"))
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "text", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert checked.returncode == 0, checked.stderr[-8000:] or checked.stdout[-8000:]
