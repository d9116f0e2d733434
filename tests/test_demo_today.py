"""The demo of today: the national programme 2026-2030 without targets, Hà Nội's draft 2026-2030
programme with its 2027 plan and commune proposals, marked everywhere as illustrative."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from programs.models import AnnualPlan, Programme, ProgrammeStatus, Target
from programs.services import TargetNotAllowed, target_add
from projects.models import Project
from reports.build import KINDS, build_report
from reports.export import render_report
from reports.renderers import ILLUSTRATIVE_MARK
from seeding.demo.loader import DemoLoader
from tests.reports_helpers import pdf_text

MARK = "Số liệu minh họa"
FORMATS = ("pdf", "xlsx", "csv", "json")


def _export_text(data: bytes, fmt: str, tmp_path) -> str:
    """The file read back as its reader sees it."""
    if fmt == "pdf":
        path = tmp_path / "report.pdf"
        path.write_bytes(data)
        return pdf_text(path)
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(data))
        return "\n".join(
            str(cell) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for cell in row if cell
        )
    if fmt == "csv":
        return data.decode("utf-8-sig")
    return data.decode("utf-8")


@pytest.fixture
def today(demo):
    return Programme.objects.get(code="HN-KCDP-2026-2030")


@pytest.fixture
def national(demo):
    return Programme.objects.get(code="KCQG-2026-2030")


def test_national_2026_2030_has_its_decision_and_no_targets(national):
    assert national.decision_number == "2646/QĐ-BCT"
    assert national.decision_date == dt.date(2025, 9, 23)
    assert national.decision_body == "Bộ trưởng Bộ Công Thương"
    assert national.owner.name == "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công"
    assert national.contents.count() == 9
    assert not national.targets.exists()
    assert not national.is_illustrative
    older = Programme.objects.get(code="KCQG-2021-2025")
    assert (older.decision_number, older.decision_date) == ("1881/QĐ-TTg", dt.date(2020, 11, 20))


def test_the_page_says_targets_are_not_entered_and_who_enters_them(client, personas, national):
    client.force_login(personas.bo)
    html = client.get(reverse("programs:detail", args=[national.pk])).content.decode()
    assert "Chỉ tiêu của chương trình chưa được nhập" in html
    assert "Quyết định 2646/QĐ-BCT" in html
    assert reverse("programs:target_create", args=[national.pk]) in html
    client.force_login(personas.staff)
    html = client.get(reverse("programs:detail", args=[national.pk])).content.decode()
    assert "Chỉ tiêu của chương trình chưa được nhập" in html
    assert reverse("programs:target_create", args=[national.pk]) not in html


def test_bo_adds_a_target_and_canbo_cannot(client, personas, national):
    content = national.contents.get(number="1")
    data = {"content": content.pk, "code": "QG-LD", "name": "Lao động được đào tạo", "unit": "lao động"}
    data |= {"kind": "exact", "value": "10000"}
    client.force_login(personas.staff)
    assert client.post(reverse("programs:target_create", args=[national.pk]), data).status_code in (403, 404)
    with pytest.raises(TargetNotAllowed):
        target_add(
            target=Target(programme=national, **{k: v for k, v in data.items() if k != "content"}), user=personas.staff
        )
    assert not national.targets.exists()
    client.force_login(personas.bo)
    response = client.post(reverse("programs:target_create", args=[national.pk]), data)
    assert response.status_code == 302
    target = Target.objects.get(programme=national)
    assert (target.code, target.content, int(target.value)) == ("QG-LD", content, 10000)
    html = client.get(reverse("programs:detail", args=[national.pk])).content.decode()
    assert "Chỉ tiêu của chương trình chưa được nhập" not in html


def test_hanoi_2026_2030_in_preparation_with_2027_plan_and_commune_proposals(today):
    assert today.status == ProgrammeStatus.DRAFT
    assert today.is_illustrative
    assert today.administrative_unit.code == "01"
    plan = AnnualPlan.objects.get(programme=today, year=2027)
    assert plan.status == "draft"
    assert plan.targets.count() == 4
    projects = Project.objects.filter(programme=today, year=2027)
    units = {p.administrative_unit.name for p in projects}
    assert units == {"Xã Phú Nghĩa", "Xã Bát Tràng", "Xã Chuyên Mỹ", "Xã Vân Đình"}
    assert all(p.administrative_unit.valid_from == dt.date(2025, 7, 1) for p in projects)
    assert all(p.administrative_unit.valid_to is None for p in projects)
    phu_nghia = projects.filter(administrative_unit__name="Xã Phú Nghĩa")
    assert {p.created_by.username for p in phu_nghia} == {"xa"}
    assert projects.filter(status="proposed").count() >= 3


def test_programme_and_project_pages_carry_the_mark(client, personas, today):
    client.force_login(personas.staff)
    assert MARK in client.get(reverse("programs:detail", args=[today.pk])).content.decode()
    project = Project.objects.filter(programme=today).first()
    assert MARK in client.get(reverse("projects:detail", args=[project.pk])).content.decode()


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_report_page_of_an_illustrative_programme_carries_the_mark(client, personas, today, kind):
    client.force_login(personas.staff)
    response = client.get(reverse("reports:report", args=[today.code, kind]))
    assert response.status_code == 200
    assert MARK in response.content.decode()


def test_the_overview_carries_the_mark(client, personas, today):
    client.force_login(personas.staff)
    assert MARK in client.get(reverse("reports:overview", args=[today.code])).content.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_download_carries_the_mark(client, personas, today, fmt, tmp_path):
    client.force_login(personas.staff)
    response = client.get(reverse("reports:report", args=[today.code, "summary"]), {"format": fmt})
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = _export_text(data, fmt, tmp_path)
    assert MARK.upper() in text.upper()
    if fmt == "csv":
        assert next(csv.reader(io.StringIO(text))) == [ILLUSTRATIVE_MARK]
    if fmt == "json":
        assert json.loads(text)["illustrative"] is True
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(data)).worksheets[0]
        assert MARK.upper() in str(ws["A3"].value).upper()


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_every_kind_and_format_carries_the_mark(personas, today, kind, fmt, tmp_path):
    report = build_report(kind, programme=today, user=personas.staff)
    assert MARK.upper() in _export_text(render_report(report, fmt), fmt, tmp_path).upper()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seed_programmes_carry_no_mark(personas, demo, fmt, tmp_path):
    for programme in (demo.hn2011, demo.hn2016, demo.national):
        assert not programme.is_illustrative
        report = build_report("summary", programme=programme, user=personas.admin)
        assert MARK.upper() not in _export_text(render_report(report, fmt), fmt, tmp_path).upper()


def test_loading_the_demo_twice_changes_nothing(demo):
    models = [Programme, Project, AnnualPlan, Target]
    before = [m.objects.count() for m in models]
    DemoLoader().load()
    assert [m.objects.count() for m in models] == before


def test_the_home_page_of_canbo_shows_todays_work(client, personas, today):
    client.force_login(personas.staff)
    html = client.get(reverse("home")).content.decode()
    assert "Kế hoạch năm đang chuẩn bị" in html
    assert reverse("programs:plan", args=[today.pk, 2027]) in html
    assert "HN2027-BT-001" in html  # a commune's proposal waiting for the department's appraisal


def test_old_bac_giang_records_are_bac_ninhs_today(personas, demo):
    """Bắc Giang merged into Bắc Ninh on 1/7/2025: a programme kept on old Bắc Giang is Bắc Ninh's."""
    from accounts.models import AdministrativeUnit
    from policy.access import visible_programmes

    bac_giang = AdministrativeUnit.objects.get(name="Tỉnh Bắc Giang", valid_to=dt.date(2025, 6, 30))
    bac_ninh_today = bac_giang.province_on(dt.date(2025, 7, 1))
    assert bac_ninh_today.name == "Tỉnh Bắc Ninh"
    assert bac_ninh_today.valid_to is None
    bn = Programme.objects.get(code="BN-BCSP")
    assert bn.administrative_unit.province_on(dt.date(2025, 7, 1)) == bac_ninh_today
    old = Programme.objects.create(
        code="BG-OLD",
        name="Chương trình khuyến công tỉnh Bắc Giang (cũ)",
        level="local",
        administrative_unit=bac_giang,
        owner=bn.owner,
        first_year=2016,
        last_year=2020,
    )
    assert visible_programmes(personas.bacninh).filter(pk=old.pk).exists()
    assert not visible_programmes(personas.staff).filter(pk=old.pk).exists()
