"""A real browser through the first half of «Beneficiaries online»: a new enterprise registers with its tax code,
the Department activates it, it writes a machinery proposal that the validator first refuses (support above the
level in force) and then saves, it cannot send it with two quotations, sends it with three, is returned for a
missing quotation, resubmits, is appraised by a council with its checklist and minutes, and is approved. The second
half (progress, inspection, acceptance, effect) is walked by tests/test_execution_browser.py. Screenshots are kept
under test-artifacts/ (walk-*.png)."""

import os
from pathlib import Path

import pytest

from execution.models import Appraisal
from execution.rules import criteria_in_force
from portal.models import Registration, RegistrationStatus
from projects.models import Project, ProjectStatus
from tests import hostile_files
from tests.browser_support import ARGS, CHROMIUM, requires_browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TAX_CODE = "0108877117"  # a valid check digit, not in the demo's registry
USERNAME = "gomxanh"
PASSWORD = "Men-gom-2027!"
NAME = "Công ty TNHH Gốm Bát Tràng Xanh"
TITLE = "Hỗ trợ máy chuốt nan tự động"
RETURN_REASON = "Thiếu báo giá của nhà cung cấp thứ ba có đóng dấu (báo giá số 3 chưa ký)."
MEMBERS = (
    "Nguyễn Văn An — Phó Giám đốc Sở, Chủ tịch\nTrần Thị Bình — Trung tâm Khuyến công\nLê Văn Cường — Phòng Tài chính"
)

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


def _login(page, base: str, username: str, password: str | None = None) -> None:
    """Sign in; the demo personas share the demo password, the new enterprise uses its own."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or "khuyencong")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _logout(page) -> None:
    page.context.clear_cookies()


def _shot(page, step: int, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"walk-{step:02d}-{name}.png"), full_page=True)


def _select_by_text(page, selector: str, text: str) -> None:
    """Choose the option a person reads (the value is the database id, which the person never sees)."""
    label = page.locator(f"{selector} option", has_text=text).first.inner_text().strip()
    page.select_option(selector, label=label)


def _attach(page, kind: str, name: str) -> None:
    page.select_option("#attachment-kind", kind)
    page.set_input_files(
        "#attachment-file", files=[{"name": name, "mimeType": "application/pdf", "buffer": hostile_files.pdf()}]
    )
    page.click("button:has-text('Tải lên')")
    page.wait_for_selector(f"text=Đã đính kèm «{name}»")


def _fill_proposal(page, *, support: str, counterpart: str, total: str) -> None:
    _select_by_text(page, "#id_programme", "HN-KCDP-2026-2030")
    page.fill("#id_year", "2027")
    _select_by_text(page, "#id_content", "máy móc")
    page.fill("#id_title", TITLE)
    _select_by_text(page, "#id_administrative_unit", "Xã Phú Nghĩa")
    page.fill("#id_support_national", "0")
    page.fill("#id_support_local", support)
    page.fill("#id_counterpart", counterpart)
    page.fill("#id_total_cost", total)
    page.fill("#id_start_date", "01/03/2027")
    page.fill("#id_end_date", "31/10/2027")
    page.fill("#id_description", "Thay máy chuốt nan thủ công bằng máy tự động cho xưởng mây tre.")
    page.click("button:has-text('Lưu đề xuất')")
    page.wait_for_load_state()


def test_a_new_enterprise_registers_proposes_and_is_approved_in_the_browser(
    transactional_db, demo, live_server, browser
):
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 1000}, locale="vi-VN")
    page.set_default_timeout(15_000)

    # 1. The enterprise registers with its tax code; it cannot sign in before the Department activates it.
    page.goto(f"{base}/portal/dang-ky/")
    page.fill("#id_tax_code", TAX_CODE)
    page.fill("#id_name", NAME)
    page.select_option("#id_kind", "enterprise")
    page.fill("#id_address", "Số 5, thôn Giang Cao")
    _select_by_text(page, "#id_administrative_unit", "Xã Phú Nghĩa")
    page.fill("#id_representative", "Nguyễn Thị Gốm")
    page.fill("#id_phone", "0912 345 678")
    page.fill("#id_email", "gom@example.com")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Gửi đăng ký')")
    page.wait_for_selector("text=đang chờ Sở Công Thương kiểm tra và kích hoạt")
    _shot(page, 1, "registered")
    assert Registration.objects.get(tax_code=TAX_CODE).status == RegistrationStatus.PENDING
    _login(page, base, USERNAME, PASSWORD)
    assert page.url.endswith("/accounts/login/")  # still on the login page: the account waits
    _logout(page)

    # 2. The Department's staff finds the waiting registration and activates it.
    _login(page, base, "canbo")
    page.goto(f"{base}/portal/registrations/")
    page.click(f"a:has-text('{TAX_CODE}')")
    page.wait_for_selector("#registry-match:has-text('chưa có trong danh sách đối tượng thụ hưởng')")
    page.click("button:has-text('Kích hoạt tài khoản')")
    page.wait_for_selector(f"text=Đã kích hoạt tài khoản {USERNAME} cho {NAME}.")
    _shot(page, 2, "canbo-activated")
    _logout(page)

    # 3. The enterprise writes its proposal; the validator refuses a support above the level in force.
    _login(page, base, USERNAME, PASSWORD)
    page.wait_for_selector("h1:has-text('Hồ sơ của tôi')")
    page.click("text=Viết đề xuất mới")
    _fill_proposal(page, support="5.000.000.000", counterpart="5.000.000.000", total="10.000.000.000")
    refusal = page.locator(".invalid-feedback, .errorlist, .alert-danger", has_text="vượt mức tối đa").first
    assert "Kinh phí hỗ trợ 5.000.000.000 đồng vượt mức tối đa" in refusal.inner_text()
    assert not Project.objects.filter(title=TITLE).exists()
    _shot(page, 3, "proposal-refused")

    # 4. Within the level, the proposal is saved as a draft.
    page.fill("#id_support_local", "150.000.000")
    page.fill("#id_counterpart", "150.000.000")
    page.fill("#id_total_cost", "300.000.000")
    page.click("button:has-text('Lưu đề xuất')")
    page.wait_for_selector("text=Đã lưu đề xuất.")
    page.wait_for_selector("#project-status:has-text('Bản nháp, chưa gửi Sở')")
    project = Project.objects.get(title=TITLE)
    assert project.status == ProjectStatus.DRAFT
    assert (project.support_local, project.total_cost) == (150_000_000, 300_000_000)
    assert (project.start_date.isoformat(), project.end_date.isoformat()) == ("2027-03-01", "2027-10-31")
    _shot(page, 4, "proposal-saved")

    # 5. With the dossier and two quotations it cannot be sent: the third quotation is missing.
    _attach(page, "dossier", "ho-so-de-an.pdf")
    _attach(page, "quotation", "bao-gia-1.pdf")
    _attach(page, "quotation", "bao-gia-2.pdf")
    page.click("button[value=propose]")
    page.wait_for_selector("text=Chưa gửi được, hồ sơ còn thiếu")
    assert page.locator("text=Báo giá: cần ít nhất 3, đã có 2").count() == 1
    _shot(page, 5, "propose-refused")

    # 6. With the third quotation it is sent to the Department.
    _attach(page, "quotation", "bao-gia-3.pdf")
    page.click("button[value=propose]")
    page.wait_for_selector("#project-status:has-text('Đang chờ Sở thẩm định')")
    _shot(page, 6, "proposed")
    _logout(page)

    # 7. The Department returns it: the third quotation is not a valid one.
    _login(page, base, "canbo")
    page.goto(f"{base}/projects/{project.pk}/")
    page.fill("#comment-return", RETURN_REASON)
    page.click("button[value=return]")
    page.wait_for_selector("#project-status:has-text('Yêu cầu bổ sung')")
    _shot(page, 7, "canbo-returned")
    _logout(page)

    # 8. The enterprise reads why in plain words, attaches the missing quotation and sends it again.
    _login(page, base, USERNAME, PASSWORD)
    page.wait_for_selector(f".plain-status:has-text('Cần bổ sung hồ sơ: {RETURN_REASON}')")
    _shot(page, 8, "my-file-returned")
    page.click(f"a:has-text('{TITLE}')")
    page.wait_for_selector(f"#project-status:has-text('Cần bổ sung hồ sơ: {RETURN_REASON}')")
    _attach(page, "quotation", "bao-gia-3-co-dau.pdf")
    page.fill("#comment-propose", "Đã bổ sung báo giá số 3 có chữ ký, đóng dấu.")
    page.click("button[value=propose]")
    page.wait_for_selector("#project-status:has-text('Đang chờ Sở thẩm định')")
    _shot(page, 9, "resubmitted")
    _logout(page)

    # 9. The Department's council appraises it with the checklist and the signed minutes.
    _login(page, base, "canbo")
    page.goto(f"{base}/projects/{project.pk}/")
    page.click("text=Ghi phiếu thẩm định")
    page.select_option("#id_mode", "council")
    page.fill("#id_council_decision_number", "125/QĐ-SCT")
    page.fill("#id_council_decision_date", "02/12/2026")
    page.fill("#id_council_members", MEMBERS)
    criteria = criteria_in_force(project)
    for criterion in criteria:
        page.select_option(f"#id_criterion_{criterion.pk}_met", "1")
        page.fill(f"#id_criterion_{criterion.pk}_points", str(criterion.max_points))
    page.select_option("#id_conclusion", "passed")
    page.fill("#id_opinion", "Đề án khả thi, báo giá hợp lệ.")
    page.set_input_files(
        "#id_minutes",
        files=[{"name": "bien-ban-tham-dinh.pdf", "mimeType": "application/pdf", "buffer": hostile_files.pdf()}],
    )
    _shot(page, 10, "appraisal-form")
    page.click("button:has-text('Ghi phiếu thẩm định')")
    page.wait_for_selector("text=125/QĐ-SCT")
    _shot(page, 11, "appraisal-recorded")
    page.goto(f"{base}/projects/{project.pk}/")
    page.wait_for_selector("#project-status:has-text('Sở đã thẩm định')")
    _logout(page)

    # 10. The centre's leader approves it.
    _login(page, base, "lanhdao")
    page.goto(f"{base}/projects/{project.pk}/")
    page.click("button[value=approve]")
    page.wait_for_selector("#project-status:has-text('Đã phê duyệt')")
    _shot(page, 12, "lanhdao-approved")
    _logout(page)

    # 11. The enterprise reads the outcome in plain words.
    _login(page, base, USERNAME, PASSWORD)
    page.wait_for_selector(".plain-status:has-text('Đã được phê duyệt trong kế hoạch năm 2027')")
    _shot(page, 13, "my-file-approved")
    page.close()

    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    assert [b.tax_code for b in project.beneficiaries.all()] == [TAX_CODE]
    appraisal = Appraisal.objects.get(project=project)
    assert appraisal.mode == "council"
    assert appraisal.council_decision_number == "125/QĐ-SCT"
    assert appraisal.members[0].startswith("Nguyễn Văn An")
    assert appraisal.minutes.kind.code == "minutes"
    assert appraisal.answers.count() == len(criteria)
    assert appraisal.transition.actor.username == "canbo"
    steps = list(project.transitions.order_by("at", "id").values_list("action", "actor__username"))
    assert steps == [
        ("propose", USERNAME),
        ("return", "canbo"),
        ("propose", USERNAME),
        ("appraise", "canbo"),
        ("approve", "lanhdao"),
    ]
