"""A person uploads a large workbook and watches the bar until the preview, then the import, in a real browser.

The worker is a real `manage.py db_worker` in another process, started while the page polls.
"""

import threading

from django.db import connections

from imports.models import ImportBatch, ImportStatus
from projects.models import Project
from tests.browser_support import requires_browser
from tests.conftest import _ensure_demo
from tests.test_accessibility import AXE
from tests.test_export_jobs import _run_worker
from tests.test_import_background import PREFIX, make_projects_workbook

pytestmark = requires_browser

ROWS = 1000


def test_a_person_sees_the_bar_reach_the_preview_and_the_result(
    demo_restored_afterwards, transactional_db, live_server, page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 500
    try:
        _person_imports_a_large_workbook(live_server, page, tmp_path)
    finally:
        connections.close_all()  # see tests/test_import_browser.py


def _worker_in_background() -> threading.Thread:
    outcome: dict[str, object] = {}
    thread = threading.Thread(target=lambda: outcome.update(result=_run_worker()), daemon=True)
    thread.outcome = outcome  # type: ignore[attr-defined]
    thread.start()
    return thread


def _person_imports_a_large_workbook(live_server, page, tmp_path):
    _ensure_demo()
    path = make_projects_workbook(tmp_path / "de-an-lon.xlsx", ROWS)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", "khuyencong")
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("input[name=file]", str(path))
    with page.expect_request(lambda request: request.url.endswith("/imports/upload/")) as sent:
        page.click("text=Tải lên và kiểm tra")
    assert sent.value.headers.get("x-upload-progress") == "1"  # sent by the script that shows the bytes sent

    page.wait_for_url("**/imports/*/")
    bar = page.locator("#import-progress-bar")
    bar.wait_for()
    assert page.locator("h2", has_text="Đang kiểm tra tệp").is_visible()
    # The sheet's declared size until the worker counts the rows: 1.000 rows and the 501 spare ones formatted below them.
    assert page.locator("#import-progress [aria-live=polite]").inner_text() == "0 / 1.501 dòng"
    batch = ImportBatch.objects.get(file_name="de-an-lon.xlsx")
    assert batch.status == ImportStatus.CHECKING
    page.add_script_tag(path=str(AXE))  # the progress page passes axe as every other page does
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], bad

    worker = _worker_in_background()
    page.locator("text=Dòng mới: 1000").wait_for(timeout=120_000)  # the page reloaded itself on the preview
    worker.join(timeout=120)
    assert worker.outcome["result"].returncode == 0, worker.outcome["result"].stderr
    assert not Project.objects.filter(code__startswith=PREFIX).exists()

    page.click("text=Xác nhận nhập 1000 dòng")
    page.locator("h2", has_text="Đang nhập số liệu").wait_for()
    assert page.locator("#import-progress [aria-live=polite]").inner_text() == "0 / 1.000 dòng"
    worker = _worker_in_background()
    page.locator("text=Đã nhập 1000 dòng mới và 0 dòng sửa").wait_for(timeout=120_000)
    worker.join(timeout=120)
    assert Project.objects.filter(code__startswith=PREFIX).count() == ROWS
