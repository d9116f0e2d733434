"""A person downloads a template, fills it in, uploads it, reads the preview and confirms, in a real browser.

Runs where Playwright and Chromium are installed (see NOTES: /usr/bin/chromium).
"""

import openpyxl
from django.db import connections

from programs.models import AnnualPlanTarget
from tests.browser_support import requires_browser
from tests.conftest import _ensure_demo
from tests.import_support import find_row, snapshot

pytestmark = requires_browser


def test_a_person_imports_a_plan_through_the_pages(
    demo_restored_afterwards, transactional_db, live_server, page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    try:
        _person_imports_a_plan(live_server, page, tmp_path)
    finally:
        # While Playwright's loop runs, Django keeps this test's queries on a connection of their own:
        # close it, or the test database cannot be dropped at the end of the session.
        connections.close_all()


def _person_imports_a_plan(live_server, page, tmp_path):
    _ensure_demo()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", "khuyencong")
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}/imports/")
    page.select_option("select[name=programme]", "HN-2016-2020")
    page.fill("input[name=year]", "2020")
    page.select_option("select[name=kind]", "plan")
    with page.expect_download() as download:
        page.click("text=Tải mẫu Excel")
    path = tmp_path / "ke-hoach.xlsx"
    download.value.save_as(path)

    workbook = openpyxl.load_workbook(path)
    workbook["Chỉ tiêu"][f"F{find_row(path, 'Chỉ tiêu', 'A', '3.7-LOP')}"] = "15"
    workbook.save(path)
    before = snapshot()

    page.set_input_files("input[name=file]", str(path))
    page.click("text=Tải lên và kiểm tra")
    page.wait_for_url("**/imports/*/")  # sent by static/imports/upload_progress.js, then the page moves on
    assert page.locator("text=Dòng sửa: 1").is_visible()
    assert page.locator("table.changes").inner_text().count("3.7-LOP") == 1
    assert snapshot() == before  # the preview saved nothing

    page.click("text=Xác nhận nhập 1 dòng")
    assert page.locator("text=Đã nhập 0 dòng mới và 1 dòng sửa").is_visible()
    assert (
        AnnualPlanTarget.objects.get(
            annual_plan__year=2020, target__code="3.7-LOP", annual_plan__programme__code="HN-2016-2020"
        ).quantity
        == 15
    )
