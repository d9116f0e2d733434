"""The issue's «Done when» in a real browser: a six-month round from opening to the roll-up.

bo opens the six-month round 2026 for the provinces; canbo and bacninh each draft, have their
leader sign off and submit from their data; bo sees the matrix, accepts Hà Nội's and returns
Bắc Ninh's with a reason; Bắc Ninh's resubmission shows its differences; the roll-up adds the
accepted reports. Screenshots go to test-artifacts/.
"""

from decimal import Decimal
from pathlib import Path

from reporting.models import Round, Submission
from tests.browser_support import requires_browser
from tests.reporting_support import department, national_2026, report_result, target

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = requires_browser


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "khuyencong")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Xin chào")


def _sender_page(page, base: str, province: str) -> None:
    page.goto(f"{base}/reporting/")
    page.click(f"#tracking-matrix tr:has-text('{province}') td a")
    page.wait_for_selector("#sender-state")


def _send(page, base: str, staff: str, leader: str, province: str) -> None:
    _login(page, base, staff)
    _sender_page(page, base, province)
    page.click("#action-draft")
    page.wait_for_selector("text=Đã lập bản nháp báo cáo")
    _login(page, base, leader)
    _sender_page(page, base, province)
    page.click("#action-signoff")
    page.wait_for_selector("text=Đã ký duyệt báo cáo.")
    _login(page, base, staff)
    _sender_page(page, base, province)
    page.click("#action-submit")
    page.wait_for_selector("text=Đã nộp báo cáo")


def test_a_six_month_round_from_opening_to_the_rollup(
    transactional_db, demo, live_server, page, demo_restored_afterwards
):
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    # A fresh start: the demo's own six-month round is put aside, figures to report are entered.
    Submission.objects.all().delete()
    Round.objects.all().delete()
    target("QG26-LOP", 100)
    hanoi, bac_ninh = department("Hà Nội"), department("Bắc Ninh")
    report_result(hanoi, 40)
    report_result(bac_ninh, 12)

    _login(page, base, "bo")
    page.goto(f"{base}/reporting/rounds/new/")
    page.select_option("#id_period_kind", label="Báo cáo 6 tháng của Sở Công Thương gửi Bộ Công Thương")
    page.fill("#id_year", "2026")
    page.fill("#id_number", "1")
    page.select_option("#id_programme", value=str(national_2026().pk))
    page.click("button[type=submit]:has-text('Mở kỳ báo cáo')")
    page.wait_for_selector("#round-senders")
    assert page.inner_text("#deadline") == "15/07/2026"
    page.screenshot(path=str(ARTIFACTS / "rounds-01-bo-opened.png"), full_page=True)

    _send(page, base, "canbo", "lanhdao", "Hà Nội")
    _send(page, base, "bacninh", "lanhdaobn", "Bắc Ninh")
    page.goto(f"{base}/reporting/")
    assert "Hà Nội" not in page.inner_text("#tracking-matrix")  # Bắc Ninh sees its own row only

    _login(page, base, "bo")
    page.goto(f"{base}/reporting/")
    matrix = page.inner_text("#tracking-matrix")
    assert "Sở Công Thương Hà Nội" in matrix
    assert "Sở Công Thương Bắc Ninh" in matrix
    assert "Đã nộp" in matrix
    page.screenshot(path=str(ARTIFACTS / "rounds-02-bo-matrix.png"), full_page=True)
    _sender_page(page, base, "Hà Nội")
    page.click("#action-accept")
    page.wait_for_selector("text=Đã chấp nhận báo cáo.")
    _sender_page(page, base, "Bắc Ninh")
    page.click("#action-return")  # no reason: refused, with its message
    page.wait_for_selector("text=Ghi lý do trả lại báo cáo.")
    page.fill("#id_reason", "Thiếu kết quả đào tạo nghề tháng 6 của Bắc Giang cũ.")
    page.click("#action-return")
    page.wait_for_selector("text=Đã trả lại báo cáo")
    page.screenshot(path=str(ARTIFACTS / "rounds-03-bo-returned.png"), full_page=True)

    report_result(bac_ninh, 3)  # Bắc Ninh adds the missing results
    _send(page, base, "bacninh", "lanhdaobn", "Bắc Ninh")
    page.click("#diff-link")
    page.wait_for_selector("#diff-summary")
    changed = page.locator("td.diff-changed")
    assert changed.count() == 1
    assert "12" in changed.first.inner_text()
    assert "15" in changed.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "rounds-04-bacninh-diff.png"), full_page=True)

    _login(page, base, "bo")
    _sender_page(page, base, "Bắc Ninh")
    page.click("#action-accept")
    page.wait_for_selector("text=Đã chấp nhận báo cáo.")
    page.goto(f"{base}/reporting/")
    page.click("#tracking-matrix thead a")
    page.click("#rollup-link")
    page.wait_for_selector("text=Tổng các đơn vị")
    row = page.locator("tr:has-text('Chỉ tiêu kiểm thử QG26-LOP')").first
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[4:7] == ["15", "40", "55"] or cells[4:7] == ["40", "15", "55"], cells
    page.screenshot(path=str(ARTIFACTS / "rounds-05-bo-rollup.png"), full_page=True)
    row.locator("a").first.click()  # drill down to the province's submitted report
    page.wait_for_selector("text=Số liệu dưới đây là số liệu đã gửi")
    assert Decimal(55) == sum(
        Decimal(r["values"]["actual"])
        for s in Submission.objects.filter(decision="accepted")
        for r in s.rows["tables"][0]["rows"]
        if r["key"] == "target:QG26-LOP"
    )
