"""Report pages: every kind renders, figures link to the projects behind them, exports download."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from tests.reports_helpers import pdf_text

KINDS = ["summary", "annual", "units", "sources", "projects", "trend", "entries"]


@pytest.fixture
def leader_client(client, personas):
    client.force_login(personas.leader)
    return client


def test_anonymous_is_sent_to_log_in(client, demo):
    response = client.get("/reports/HN-2011-2015/summary/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_report_page_renders(leader_client, kind):
    response = leader_client.get(f"/reports/HN-2011-2015/{kind}/")
    assert response.status_code == 200
    html = response.content.decode()
    # The Content Security Policy forbids inline scripts and styles; scripts from static files are fine.
    assert 'style="' not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_summary_page_shows_the_seed_figures_and_links_to_projects(leader_client):
    html = leader_client.get("/reports/HN-2011-2015/summary/").content.decode()
    for figure in ("17.800", "71,2%", "31,67%", "95,53%", "94,5%"):
        assert figure in html
    assert re.search(r'href="/reports/HN-2011-2015/projects/\?target=1\.1-LD"[^>]*>17\.800<', html)


def test_a_drill_down_lists_the_projects_behind_the_figure(leader_client):
    html = leader_client.get("/reports/HN-2011-2015/projects/?target=1.3-DA").content.decode()
    assert html.count("HN201") >= 38
    assert "Tập huấn" not in html


def test_the_overview_judges_targets_and_draws_charts(leader_client):
    html = leader_client.get("/reports/HN-2016-2020/overview/").content.decode()
    assert html.count("<svg") == 2
    assert "Chậm tiến độ" in html or "Đúng tiến độ" in html or "Đã đạt" in html


def test_the_overview_puts_the_most_at_risk_first(demo, personas):
    import datetime as dt

    from reports.selectors import build_overview

    overview = build_overview(programme=demo.hn2011, user=personas.staff, today=dt.date(2016, 1, 1))
    judged = [t for t in overview.targets if t.status != "no_plan"]
    assert judged[0].target.code == "1.3-MH"  # 20%, the furthest behind
    assert {t.status for t in judged} == {"behind", "achieved"}
    assert judged[-1].status == "achieved"


@pytest.mark.parametrize(
    ("fmt", "magic"), [("xlsx", b"PK"), ("pdf", b"%PDF"), ("csv", b"\xef\xbb\xbf"), ("json", b"{")]
)
def test_each_format_downloads(leader_client, fmt, magic):
    response = leader_client.get(f"/reports/HN-2011-2015/summary/?format={fmt}")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert "HN-2011-2015-summary" in response["Content-Disposition"]


def test_the_edited_narrative_goes_into_the_pdf(leader_client, tmp_path):
    response = leader_client.post(
        "/reports/HN-2011-2015/summary/",
        {
            "format": "pdf",
            "narrative": "Đã tổ chức 473 lớp, vượt khó trong điều kiện kinh phí hạn hẹp.\nCâu thứ hai.",
            "number": "125",
            "signer_title": "KT. GIÁM ĐỐC",
            "signer_name": "Nguyễn Văn Ký",
            "recipients": "- UBND Thành phố (để b/c);\n- Lưu: VT, TTKC.",
        },
    )
    path = tmp_path / "edited.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path)
    assert "vượt khó trong điều kiện kinh phí hạn hẹp" in text
    assert "Số: 125/BC-SCT" in text
    assert "Nguyễn Văn Ký" in text
    assert "Lưu: VT, TTKC." in text
    assert "17.800" in text  # the figures are not editable


def test_an_officer_cannot_pick_another_unit(client, personas):
    client.force_login(personas.officer_a)
    other = personas.officer_b.organisation.administrative_unit_id
    response = client.get(f"/reports/HN-2011-2015/units/?unit={other}")
    assert response.status_code == 400


def test_an_officers_download_holds_only_their_unit(client, personas):
    client.force_login(personas.officer_a)
    payload = json.loads(client.get("/reports/HN-2011-2015/projects/?format=json").content)
    units = {row["cells"]["unit"]["value"] for row in payload["tables"][0]["rows"]}
    assert units == {personas.officer_a.organisation.administrative_unit.name}
    workbook = load_workbook(io.BytesIO(client.get("/reports/HN-2011-2015/units/?format=xlsx").content))
    names = [r[0].value for r in workbook.worksheets[0].iter_rows(min_row=9) if r[0].value]
    assert names[: names.index("Tổng cộng")] == [personas.officer_a.organisation.administrative_unit.name]


def test_unknown_kind_or_programme_is_not_found(leader_client):
    assert leader_client.get("/reports/HN-2011-2015/bogus/").status_code == 404
    assert leader_client.get("/reports/NOPE/summary/").status_code == 404


def test_a_money_figure_drills_down_to_its_payments(leader_client, demo):
    from budgets.models import Disbursement

    html = leader_client.get("/reports/HN-2011-2015/annual/?year=2013").content.decode()
    assert "/reports/HN-2011-2015/entries/?year=2013&amp;content=1.1&amp;source=local" in html
    page = leader_client.get("/reports/HN-2011-2015/entries/?year=2013&content=1.1&source=local").content.decode()
    vouchers = Disbursement.objects.filter(programme=demo.hn2011, year=2013, content__number="1.1")
    assert vouchers.exists()
    assert all(v.voucher_number in page for v in vouchers)


def test_the_overview_pdf_carries_the_charts(leader_client, tmp_path):
    response = leader_client.get("/reports/HN-2011-2015/overview/?format=pdf")
    path = tmp_path / "overview.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path)
    assert "Tỷ lệ hoàn thành các chỉ tiêu so với thời gian đã qua" in text
    assert "Kế hoạch" in text
    assert "Giải ngân" in text


def test_the_pages_link_the_print_stylesheet(leader_client):
    html = leader_client.get("/reports/HN-2011-2015/summary/").content.decode()
    assert 'href="/static/reports/print.css" media="print"' in html


def test_targets_ahead_of_the_elapsed_share_are_on_track(demo, personas):
    import datetime as dt

    from reports.selectors import build_overview

    overview = build_overview(programme=demo.hn2016, user=personas.staff, today=dt.date(2018, 1, 1))
    assert 0.39 < float(overview.elapsed) < 0.41
    statuses = {t.target.code: t.status for t in overview.targets}
    on_track = [t for t in overview.targets if t.status == "on_track"]
    assert on_track
    assert all(float(t.percent.value) >= 40 for t in on_track)
    assert all(t.status != "behind" or float(t.percent.value) < 40 for t in overview.targets if t.percent.value)
    assert statuses


def test_the_html_export_stands_alone(leader_client):
    response = leader_client.get("/reports/HN-2011-2015/summary/?format=html")
    assert response["Content-Disposition"].startswith("attachment")
    html = response.content.decode()
    assert "<style>" in html
    assert "file://" not in html.split("</style>")[1]


def test_a_long_table_is_shown_one_screen_at_a_time_and_downloaded_whole(leader_client, demo, monkeypatch):
    from budgets.models import Disbursement
    from reports import views

    monkeypatch.setattr(views, "SCREEN_ROWS", 2)
    vouchers = list(
        Disbursement.objects.filter(programme=demo.hn2011)
        .order_by("date", "voucher_number")
        .values_list("voucher_number", flat=True)
    )
    assert len(vouchers) > 2
    first = leader_client.get("/reports/HN-2011-2015/entries/").content.decode()
    assert vouchers[0] in first
    assert vouchers[1] in first
    assert vouchers[2] not in first
    assert "page=2" in first
    assert f"{len(vouchers)} chứng từ" in first  # the total counts every payment
    second = leader_client.get("/reports/HN-2011-2015/entries/?page=2").content.decode()
    assert vouchers[2] in second
    assert vouchers[0] not in second
    assert "page=2&amp;format=csv" not in second  # downloads are of the whole table
    csv = leader_client.get("/reports/HN-2011-2015/entries/?page=2&format=csv").content.decode("utf-8-sig")
    assert all(v in csv for v in vouchers)
