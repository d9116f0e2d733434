"""A real browser through a project under way to its effect: doanhnghiep reports progress with a photo, canbo
records the field inspection with its minutes, the project is accepted with its minutes, the effect is entered
and the programme's rural jobs objective moves. Screenshots are kept under test-artifacts/ (execution-*.png)."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from execution.models import Effect, Inspection, ProgressReport
from programs.models import Programme
from projects.models import Project, ProjectStatus
from seeding.demo.photos import demo_photo
from tests import hostile_files
from tests.browser_support import ARGS, CHROMIUM, requires_browser
from tests.execution_support import UNDER_WAY

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = requires_browser


@pytest.fixture
def browser(django_db_blocker):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            yield chromium
            chromium.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # The live-server test flushed the database: put the demo back for the tests that follow.
    from tests.conftest import _ensure_demo

    with django_db_blocker.unblock():
        _ensure_demo()


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "khuyencong")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _logout(page, base: str) -> None:
    page.context.clear_cookies()


def _jobs_objective_cell(page) -> str:
    row = page.locator("tr", has_text="Lao động nông thôn được tạo việc làm").first
    return row.locator("td").nth(3).inner_text().strip()


def test_progress_inspection_acceptance_and_effect_in_the_browser(transactional_db, demo, live_server, browser):
    base = live_server.url
    project = Project.objects.get(code=UNDER_WAY)
    programme = Programme.objects.get(code="HN-KCDP-2026-2030")
    page = browser.new_page(viewport={"width": 1366, "height": 1000}, locale="vi-VN")
    page.set_default_timeout(15_000)

    # The enterprise reports September's progress with a photo taken on site.
    _login(page, base, "doanhnghiep")
    page.goto(f"{base}/projects/{project.pk}/")
    page.click("text=Gửi báo cáo tiến độ")
    page.fill("#id_month", "09/2026")
    page.fill("#id_percent_done", "80")
    page.fill("#id_delivered", "Ba máy chạy ổn định; 1.200 sản phẩm xuất xưởng.")
    photo = demo_photo(taken="2026:09:18 10:05:00", latitude=20.9575, longitude=105.674167, hue=(60, 110, 160))
    page.set_input_files("#id_photos", files=[{"name": "xuong-may.jpg", "mimeType": "image/jpeg", "buffer": photo}])
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_selector("#progress-percent:has-text('80%')")
    assert page.locator(".photo-meta", has_text="18/09/2026 10:05").count() == 1
    assert page.locator(".photo-meta", has_text="20,9575").count() == 1
    page.screenshot(path=str(ARTIFACTS / "execution-01-doanhnghiep-progress.png"), full_page=True)
    report = ProgressReport.objects.get(project=project, month__month=9)
    assert report.percent_done == Decimal(80)
    assert report.reported_by.username == "doanhnghiep"
    _logout(page, base)

    # The Department inspects on site and records the verified percentage with the minutes.
    _login(page, base, "canbo")
    Inspection.objects.filter(project=project).delete()  # the demo's June inspection: this walk records its own
    page.goto(f"{base}/projects/{project.pk}/")
    page.click("text=Ghi kết quả kiểm tra")
    page.fill("#id_inspected_on", "25/09/2026")
    page.fill("#id_verified_percent", "75")
    page.fill("#id_findings", "Xác minh 3 máy vận hành; còn thiếu hồ sơ bàn giao.")
    page.set_input_files(
        "#id_minutes",
        files=[{"name": "bien-ban-kiem-tra.pdf", "mimeType": "application/pdf", "buffer": hostile_files.pdf()}],
    )
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("#inspections >> text=25/09/2026")
    page.screenshot(path=str(ARTIFACTS / "execution-02-canbo-inspection.png"), full_page=True)
    inspection = Inspection.objects.get(project=project)
    assert (inspection.reported_percent, inspection.verified_percent) == (Decimal(80), Decimal(75))

    # Acceptance: refused until the acceptance minutes are attached, then done.
    page.click("button[value=accept]")
    page.wait_for_selector("text=Chưa nghiệm thu được, hồ sơ còn thiếu")
    page.select_option("#attachment-kind", "acceptance_minutes")
    page.set_input_files(
        "#attachment-file",
        files=[{"name": "bien-ban-nghiem-thu.pdf", "mimeType": "application/pdf", "buffer": hostile_files.pdf()}],
    )
    page.click("button:has-text('Tải lên')")
    page.wait_for_selector("text=Đã đính kèm «bien-ban-nghiem-thu.pdf»")
    page.click("button[value=accept]")
    page.wait_for_selector("#project-status:has-text('Đã nghiệm thu')")
    page.screenshot(path=str(ARTIFACTS / "execution-03-canbo-accepted.png"), full_page=True)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED

    # The programme's rural jobs objective before the effect is entered.
    page.goto(f"{base}/programmes/{programme.pk}/")
    before = _jobs_objective_cell(page)
    assert before == "0"

    # The effect after acceptance, as typed figures.
    page.goto(f"{base}/projects/{project.pk}/")
    page.click("text=Ghi hiệu quả")
    for field, value in {
        "jobs_created": "35",
        "average_income": "6.500.000",
        "revenue_before": "4.200.000.000",
        "revenue_after": "5.750.000.000",
        "production_value_before": "3.900.000.000",
        "production_value_after": "5.100.000.000",
        "budget_contribution": "310.000.000",
        "new_products": "3",
        "female_share": "62,5",
        "disabled_share": "4",
    }.items():
        page.fill(f"#id_{field}", value)
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("#effect-jobs:has-text('35')")
    page.screenshot(path=str(ARTIFACTS / "execution-04-effect.png"), full_page=True)
    assert Effect.objects.get(project=project).revenue_after == 5_750_000_000

    # The objective's actual has moved by the jobs created.
    page.goto(f"{base}/programmes/{programme.pk}/")
    assert _jobs_objective_cell(page) == "35"
    page.locator("tr", has_text="Lao động nông thôn được tạo việc làm").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "execution-05-objective-moved.png"), full_page=True)
    page.close()
