"""Vietnamese first, English switchable: the VI/EN switch translates what a user reads on the pages.

Official documents (report files, Excel templates) stay Vietnamese whatever the screen speaks.
"""

import gettext
import html
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from projects.models import Beneficiary, Project, ProjectStatus
from projects.services import IllegalProjectTransition, project_transition
from reports.selectors import KINDS
from reports.views import KIND_LINKS

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def _texts(response) -> set[str]:
    """The text of every element, as a reader sees it (tags, scripts and surrounding spaces removed)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return {" ".join(html.unescape(part).split()) for part in re.split(r"<[^>]*>", page)} - {""}


def _in_english(client: Client, url: str, **kwargs):
    response = client.post(reverse("set_language"), {"language": "en", "next": url}, follow=True, **kwargs)
    assert response.status_code == 200
    return response


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pages(demo) -> dict[str, str]:
    project = Project.objects.filter(programme=demo.hn2016, year=2020).order_by("code").first()
    assert project is not None
    return {
        "home": reverse("home"),
        "programme_list": reverse("programs:list"),
        "programme_detail": reverse("programs:detail", args=[demo.hn2016.pk]),
        "project_list": reverse("projects:list"),
        "project_detail": reverse("projects:detail", args=[project.pk]),
        "project_create": reverse("projects:create"),
        "beneficiary_list": reverse("projects:beneficiary_list"),
        "disbursement_form": reverse("budgets:disbursement_create"),
        "reports_index": reverse("reports:index"),
        "imports_index": reverse("imports:index"),
    }


# Per page: (English a user should read, the Vietnamese it replaces).
EXPECTED = {
    "home": (
        ["Industry extension programmes", "Projects awaiting your decision", "Programmes", "Reports"],
        ["Chương trình khuyến công", "Đề án chờ bạn xử lý", "Chương trình", "Báo cáo"],
    ),
    "programme_list": (
        ["Industry extension programmes", "Period", "Level", "Planned budget (VND)", "Approved"],
        ["Chương trình khuyến công", "Giai đoạn", "Cấp", "Kinh phí dự kiến (đồng)", "Đã phê duyệt"],
    ),
    "programme_detail": (
        ["Contents and targets", "Progress", "Specific objectives of the programme", "Annual plans", "Enter the plan"],
        ["Nội dung và chỉ tiêu", "Tiến độ", "Mục tiêu cụ thể của chương trình", "Kế hoạch năm", "Nhập kế hoạch"],
    ),
    "project_list": (
        ["Industry extension projects", "Project title", "Status", "Filter", "Search", "Funding source", "Draft"],
        ["Đề án khuyến công", "Tên đề án", "Trạng thái", "Lọc", "Tìm kiếm", "Nguồn kinh phí", "Bản nháp"],
    ),
    "project_detail": (
        ["General", "Implementing organisation", "Funding (VND)", "Counterpart funds", "Project kind", "Outputs"],
        ["Thông tin chung", "Đơn vị thực hiện", "Kinh phí (đồng)", "Vốn đối ứng", "Loại đề án", "Sản phẩm đầu ra"],
    ),
    "beneficiary_list": (
        ["Beneficiaries", "Tax code", "Sector", "Kind", "Add beneficiary"],
        ["Đối tượng thụ hưởng", "Mã số thuế", "Ngành nghề", "Loại hình", "Thêm đối tượng"],
    ),
    "disbursement_form": (
        ["Record disbursement", "Voucher date", "Voucher number", "Budget year", "Advance (before acceptance)"],
        ["Ghi giải ngân", "Ngày chứng từ", "Số chứng từ", "Năm ngân sách", "Tạm ứng (trước nghiệm thu)"],
    ),
    "reports_index": (
        ["Plan-vs-actual reports", "Overview for leaders", "Period", "Programme results summary", "Funding by source"],
        [
            "Báo cáo kế hoạch – thực hiện",
            "Tổng quan cho lãnh đạo",
            "Giai đoạn",
            "Tổng hợp kết quả thực hiện chương trình",
        ],
    ),
    "imports_index": (
        ["Import figures from Excel", "Download the Excel template", "Upload and check", "Template kind:"],
        ["Nhập số liệu từ Excel", "Tải mẫu Excel", "Tải lên và kiểm tra", "Loại mẫu:"],
    ),
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_it_shows_each_main_page_in_english_once_switched(personas, demo, page):
    client = _client(personas.staff)
    response = _in_english(client, _pages(demo)[page])
    texts = _texts(response)
    english, vietnamese = EXPECTED[page]
    assert [s for s in english if s not in texts] == []
    assert [s for s in vietnamese if s in texts] == []
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_it_keeps_vietnamese_as_the_default_language(personas, demo, page):
    client = _client(personas.staff)
    response = client.get(_pages(demo)[page], HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    texts = _texts(response)
    english, vietnamese = EXPECTED[page]
    assert [s for s in vietnamese if s not in texts] == []
    assert [s for s in english if s in texts] == []


def test_it_gives_field_errors_and_labels_in_english_on_the_project_form(personas, demo):
    client = _client(personas.staff)
    _in_english(client, reverse("home"))
    response = client.post(reverse("projects:create"), {"code": "", "title": "", "year": "hai nghìn"})
    assert response.status_code == 200
    texts = _texts(response)
    for english in (
        "Create an industry extension project",
        "Project code",
        "Project title",
        "Enter the project code.",
        "Enter the project title.",
        "The year must be a number, e.g. 2020.",
        "Choose the implementing organisation.",
        "Save",
        "Cancel",
    ):
        assert english in texts, english
    for vietnamese in ("Hãy nhập mã đề án.", "Hãy nhập tên đề án.", "Mã đề án", "Lưu", "Hủy bỏ"):
        assert vietnamese not in texts, vietnamese


def test_it_flashes_messages_in_the_chosen_language(personas, demo):
    client = _client(personas.staff)
    _in_english(client, reverse("home"))
    unit = personas.officer_a.organisation.administrative_unit
    response = client.post(
        reverse("projects:beneficiary_create"),
        {"name": "Hợp tác xã Mây tre Thử nghiệm", "kind": "cooperative", "administrative_unit": unit.pk},
        follow=True,
    )
    assert Beneficiary.objects.filter(name="Hợp tác xã Mây tre Thử nghiệm").exists()
    assert "Hợp tác xã Mây tre Thử nghiệm added." in _texts(response)
    assert "Cooperative" in _texts(response)


def test_it_words_a_refusal_in_the_language_of_the_person_refused(personas, demo):
    draft = Project.objects.filter(status=ProjectStatus.DRAFT).first()
    assert draft is not None
    with translation.override("en"), pytest.raises(IllegalProjectTransition) as refused:
        project_transition(project=draft, action="settle", user=personas.staff)
    assert str(refused.value) == "Cannot «Settle» a project that is «Draft»."
    with pytest.raises(IllegalProjectTransition) as refused:
        project_transition(project=draft, action="settle", user=personas.staff)
    assert str(refused.value) == "Không thể «Thanh quyết toán» đề án đang ở trạng thái «Bản nháp»."


def test_it_names_every_report_kind_on_screen():
    assert set(KIND_LINKS) == set(KINDS)


def test_it_leaves_the_thread_in_the_default_language_after_an_english_page(personas, demo):
    client = _client(personas.staff)
    _in_english(client, reverse("home"))
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_it_switches_back_to_vietnamese(personas, demo):
    client = _client(personas.staff)
    _in_english(client, reverse("projects:list"))
    response = client.post(reverse("set_language"), {"language": "vi", "next": reverse("projects:list")}, follow=True)
    texts = _texts(response)
    assert "Đề án khuyến công" in texts
    assert "Industry extension projects" not in texts


def test_it_keeps_the_excel_template_in_vietnamese_for_an_english_screen(personas, demo):
    client = _client(personas.staff)
    _in_english(client, reverse("imports:index"))
    response = client.get(reverse("imports:template"), {"programme": demo.hn2016.code, "year": 2020, "kind": "plan"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    cells = {
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    }
    assert "Kinh phí khuyến công quốc gia" in cells
    assert "National industry extension funds" not in cells


def test_it_keeps_report_files_in_vietnamese_for_an_english_screen(personas, demo):
    client = _client(personas.staff)
    page = _in_english(client, reverse("reports:report", args=[demo.hn2016.code, "projects"]))
    assert "Download:" in _texts(page)
    response = client.get(reverse("reports:report", args=[demo.hn2016.code, "projects"]), {"format": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Đã thanh quyết toán" in text or "Đã nghiệm thu" in text
    assert "Settled" not in text
    assert "Accepted" not in text


def _po_entries(text: str) -> tuple[dict[str, str], list[str]]:
    """msgid → msgstr of a .po file, and the msgids marked fuzzy."""
    entries: dict[str, str] = {}
    fuzzy: list[str] = []
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line and not line.startswith("#~")]
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            keyword, _, rest = line.partition(" ")
            if line.startswith('"'):
                assert current is not None
                fields[current] += _unquote(line)
            else:
                current = keyword
                fields[current] = _unquote(rest)
        if "msgid" not in fields:
            continue
        assert "msgid_plural" not in fields, "extend the test for plurals"
        assert "msgctxt" not in fields, "extend the test for contexts"
        entries[fields["msgid"]] = fields["msgstr"]
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            fuzzy.append(fields["msgid"])
    return entries, fuzzy


def _unquote(quoted: str) -> str:
    value = json.loads(quoted)  # a .po string escapes as JSON does: \" \\ \n \t
    assert isinstance(value, str), quoted
    return value


def test_it_translates_every_message_of_the_english_catalogue():
    entries, fuzzy = _po_entries(PO_FILE.read_text(encoding="utf-8"))
    entries.pop("")  # the header
    assert len(entries) > 500
    assert fuzzy == []
    assert [msgid for msgid, msgstr in entries.items() if not msgstr.strip()] == []
    # Placeholders survive translation, or the page would fail or show a raw name.
    for msgid, msgstr in entries.items():
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", msgstr)), msgid


def test_it_ships_a_compiled_catalogue_that_matches_the_po_file():
    entries, _fuzzy = _po_entries(PO_FILE.read_text(encoding="utf-8"))
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalog = {key: value for key, value in compiled._catalog.items() if key}  # type: ignore[attr-defined]
    expected = {msgid: msgstr for msgid, msgstr in entries.items() if msgid and msgstr}
    assert catalog == expected, "locale/en/LC_MESSAGES/django.mo is stale: run manage.py compilemessages"
