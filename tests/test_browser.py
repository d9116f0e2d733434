"""A real browser (Debian's headless Chromium driven by Playwright) through the main path of a project.

huyen (district officer) proposes a project, lanhdao (centre leader)
appraises and approves it, canbo (department staff) records a payment.
Screenshots are kept under test-artifacts/.
"""

import os
from pathlib import Path

import pytest

from budgets.models import Disbursement
from projects.models import Project
from tests.browser_support import ARGS, CHROMIUM, requires_browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = requires_browser


@pytest.fixture(scope="module")
def browser(django_db_blocker):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    # Playwright's sync API keeps an event loop in the test thread; the database calls
    # the test itself makes are still synchronous and safe.
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
    page.wait_for_selector("text=Xin chào")


def _logout(page) -> None:
    page.click(".navbar .dropdown-toggle")
    page.click("text=Đăng xuất")
    page.wait_for_selector("#id_username")


def test_a_project_goes_from_proposal_to_payment_in_the_browser(transactional_db, demo, live_server, browser):
    base = live_server.url
    programme = demo.hn2016
    content = programme.contents.get(number="3.1")
    page = browser.new_page(viewport={"width": 1366, "height": 1000}, locale="vi-VN")
    page.set_default_timeout(10_000)

    # The district officer proposes a project for their own district.
    _login(page, base, "huyen")
    page.click(".navbar >> text=Đề án")
    page.click("text=Tạo đề án")
    page.fill("#id_code", "HN2020-CM-099")
    page.fill("#id_title", "Truyền nghề mây tre đan xã Phụng Châu")
    page.select_option("#id_programme", str(programme.pk))
    page.fill("#id_year", "2020")
    page.select_option("#id_content", str(content.pk))
    page.select_option("#id_implementing_organisation", index=1)
    page.fill("#id_support_local", "90.000.000")
    page.fill("#id_counterpart", "30.000.000")
    page.fill("#id_total_cost", "100.000.000")
    page.fill("#id_start_date", "01/04/2020")
    page.fill("#id_end_date", "31/10/2020")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("#id_total_cost_errors")  # the sum is wrong: the message sits under the field
    page.screenshot(path=str(ARTIFACTS / "01-huyen-form-error.png"), full_page=True)
    page.fill("#id_total_cost", "120.000.000")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("#project-status:has-text('Bản nháp')")
    page.click("button[value=propose]")
    page.wait_for_selector("#project-status:has-text('Đã đề xuất')")
    page.screenshot(path=str(ARTIFACTS / "02-huyen-proposed.png"), full_page=True)
    assert page.locator("button[value=approve]").count() == 0
    project = Project.objects.get(code="HN2020-CM-099")
    assert project.status == "proposed"
    assert project.created_by.username == "huyen"
    _logout(page)

    # The centre leader appraises and approves it.
    _login(page, base, "lanhdao")
    page.goto(f"{base}/projects/{project.pk}/")
    page.fill("#comment-appraise", "Hồ sơ đầy đủ, đề nghị phê duyệt.")
    page.click("button[value=appraise]")
    page.wait_for_selector("#project-status:has-text('Sở đã thẩm định')")
    page.click("button[value=approve]")
    page.wait_for_selector("#project-status:has-text('Đã phê duyệt')")
    page.screenshot(path=str(ARTIFACTS / "03-lanhdao-approved.png"), full_page=True)
    _logout(page)

    # Department staff record a payment.
    _login(page, base, "canbo")
    page.goto(f"{base}/projects/{project.pk}/")
    page.click("text=Ghi giải ngân")
    page.fill("#id_date", "15/05/2020")
    page.fill("#id_voucher_number", "UNC-2020-099")
    page.fill("#id_amount", "45.000.000")
    page.click("button:has-text('Ghi nhận')")
    page.wait_for_selector("text=Đã ghi nhận giải ngân")
    page.screenshot(path=str(ARTIFACTS / "04-canbo-disbursed.png"), full_page=True)
    payment = Disbursement.objects.get(voucher_number="UNC-2020-099")
    assert payment.project_id == project.pk
    assert payment.amount == 45_000_000
    assert payment.created_by.username == "canbo"
    page.close()


def test_a_person_switches_the_interface_to_english_and_back(transactional_db, demo, live_server, browser):
    base = live_server.url
    # An office computer with an English system still opens in Vietnamese.
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-US")
    page.set_default_timeout(10_000)
    _login(page, base, "canbo")
    page.click(".navbar >> text=Đề án")
    page.wait_for_selector("h1:has-text('Đề án khuyến công')")

    page.click(".navbar button[value=en]")
    page.wait_for_selector("h1:has-text('Industry extension projects')")
    assert page.locator("th:has-text('Project title')").count() == 1
    assert page.locator("text=Tên đề án").count() == 0
    page.click(".navbar >> text=Programmes")
    page.wait_for_selector("h1:has-text('Industry extension programmes')")
    page.screenshot(path=str(ARTIFACTS / "05-canbo-english.png"), full_page=True)

    page.click(".navbar button[value=vi]")
    page.wait_for_selector("h1:has-text('Chương trình khuyến công')")
    page.close()
