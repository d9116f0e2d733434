"""The effect after acceptance: typed figures that count towards the objectives that measure them,
the same on the programme page and in every report."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from execution.models import Effect
from execution.services import EffectInvalid, effect_save
from programs.models import Programme
from projects.models import Project, ProjectStatus
from reports.selectors import build_report
from tests.execution_support import UNDER_WAY, client_for

pytestmark = pytest.mark.django_db

FIGURES = {
    "jobs_created": 1234,
    "average_income": 6_500_000,
    "revenue_before": 4_200_000_000,
    "revenue_after": 5_750_000_000,
    "production_value_before": 3_900_000_000,
    "production_value_after": 5_100_000_000,
    "budget_contribution": 310_000_000,
    "new_products": 3,
    "female_share": Decimal("62.5"),
    "disabled_share": Decimal("4.25"),
}


def _page_actual(user, programme, code) -> Decimal:
    response = client_for(user).get(reverse("programs:detail", args=[programme.pk]))
    progress = [t for node in response.context["nodes"] for t in node.targets] + response.context["objectives"]
    return next(item.actual for item in progress if item.target.code == code)


def _report_actual(user, programme, code, kind="summary", **filters) -> Decimal:
    report = build_report(kind, programme=programme, user=user, **filters)
    return next(row.cells["actual"] for row in report.rows if row.style == "item" and row.cells["target"] == code)


def _accepted(programme, unit_of=None) -> Project:
    projects = Project.objects.filter(programme=programme, status__in=[ProjectStatus.ACCEPTED, ProjectStatus.SETTLED])
    if unit_of is not None:
        projects = projects.filter(administrative_unit=unit_of.organisation.administrative_unit)
    project = projects.exclude(effect__isnull=False).first()
    assert project is not None
    return project


def test_the_effect_moves_the_rural_jobs_objective_on_the_page_and_in_the_summary_alike(demo, personas):
    staff = personas.staff
    before_page = _page_actual(staff, demo.hn2016, "MT-LD")
    assert before_page == _report_actual(staff, demo.hn2016, "MT-LD")
    effect_save(project=_accepted(demo.hn2016), figures=FIGURES, user=staff)
    after_page = _page_actual(staff, demo.hn2016, "MT-LD")
    assert after_page == before_page + 1234
    assert _report_actual(staff, demo.hn2016, "MT-LD") == after_page


def _trend_actual(user, programme, code, year) -> Decimal:
    trend = build_report("trend", programme=programme, user=user, filters={"target": code})
    by_year = next(table for table in trend.tables if table.title.startswith("Chỉ tiêu qua các năm"))
    return next(row.cells["actual"] for row in by_year.rows if row.cells["year"] == year)


def test_the_annual_report_and_the_trend_count_the_effect_in_the_projects_year(demo, personas):
    staff = personas.staff
    project = _accepted(demo.hn2016)
    before = _report_actual(staff, demo.hn2016, "MT-LD", kind="annual", year=project.year)
    trend_before = _trend_actual(staff, demo.hn2016, "MT-LD", project.year)
    effect_save(project=project, figures=FIGURES, user=staff)
    assert _report_actual(staff, demo.hn2016, "MT-LD", kind="annual", year=project.year) == before + 1234
    assert _trend_actual(staff, demo.hn2016, "MT-LD", project.year) == trend_before + 1234


def test_an_officer_sees_only_the_effect_of_its_own_units_projects(demo, personas):
    officer = personas.officer_a
    outside = (
        Project.objects.filter(programme=demo.hn2016, status__in=[ProjectStatus.ACCEPTED, ProjectStatus.SETTLED])
        .exclude(administrative_unit=officer.organisation.administrative_unit)
        .first()
    )
    before = _page_actual(officer, demo.hn2016, "MT-LD")
    effect_save(project=outside, figures=FIGURES, user=personas.staff)
    assert _page_actual(officer, demo.hn2016, "MT-LD") == before
    assert _report_actual(officer, demo.hn2016, "MT-LD") == before


def test_a_target_without_an_effect_measure_does_not_move(demo, personas):
    before = _page_actual(personas.staff, demo.hn2016, "MT-DN")
    effect_save(project=_accepted(demo.hn2016), figures=FIGURES, user=personas.staff)
    assert _page_actual(personas.staff, demo.hn2016, "MT-DN") == before


def test_revenue_growth_is_after_minus_before(demo, personas):
    target = demo.hn2016.targets.get(code="MT-DN")
    target.effect_measure = "revenue_increase"
    target.save(update_fields=["effect_measure"])
    before = _page_actual(personas.staff, demo.hn2016, "MT-DN")
    effect_save(project=_accepted(demo.hn2016), figures=FIGURES, user=personas.staff)
    assert _page_actual(personas.staff, demo.hn2016, "MT-DN") == before + 1_550_000_000
    assert _report_actual(personas.staff, demo.hn2016, "MT-DN") == before + 1_550_000_000


def test_the_effect_is_refused_before_acceptance(demo, personas):
    project = Project.objects.get(code=UNDER_WAY)
    with pytest.raises(EffectInvalid, match="Hiệu quả đề án chỉ ghi sau khi đề án đã được nghiệm thu."):
        effect_save(project=project, figures=FIGURES, user=personas.staff)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"female_share": Decimal("100.01")}, "female_share", "Tỷ lệ lao động nữ (%) phải từ 0 đến 100%."),
        ({"disabled_share": Decimal("-1")}, "disabled_share", "Tỷ lệ lao động khuyết tật (%) phải từ 0 đến 100%."),
        ({"revenue_after": -5}, "revenue_after", "doanh thu năm sau đề án (đồng) không được âm."),
        ({"jobs_created": None}, "jobs_created", "Cần ghi lao động được tạo việc làm (người)."),
        (
            {"average_income": Decimal("1.5")},
            "average_income",
            "thu nhập bình quân (đồng/người/tháng) phải là số nguyên.",
        ),
    ],
)
def test_each_figure_is_refused_with_its_message(demo, personas, changes, field, message):
    project = _accepted(demo.hn2016)
    with pytest.raises(EffectInvalid) as refused:
        effect_save(project=project, figures={**FIGURES, **changes}, user=personas.staff)
    assert refused.value.errors[field] == message
    assert not Effect.objects.filter(project=project).exists()


def test_the_page_records_the_effect_with_vietnamese_numbers(demo, personas):
    project = _accepted(demo.hn2016)
    client = client_for(personas.staff)
    data = {
        "jobs_created": "40",
        "average_income": "6.500.000",
        "revenue_before": "4.200.000.000",
        "revenue_after": "5.750.000.000",
        "production_value_before": "3.900.000.000",
        "production_value_after": "5.100.000.000",
        "budget_contribution": "310.000.000",
        "new_products": "2",
        "female_share": "62,5",
        "disabled_share": "4",
    }
    response = client.post(reverse("execution:effect_edit", args=[project.pk]), data)
    assert response.status_code == 302
    effect = Effect.objects.get(project=project)
    assert (effect.jobs_created, effect.revenue_after, effect.female_share) == (40, 5_750_000_000, Decimal("62.5"))
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "5.750.000.000" in page
    assert "62,5%" in page
    # A correction replaces the figures (one effect per project), recorded again with who and when.
    client.post(reverse("execution:effect_edit", args=[project.pk]), {**data, "jobs_created": "45"})
    assert Effect.objects.get(project=project).jobs_created == 45
    assert Effect.objects.count() == 1


def test_the_enterprises_effect_moves_its_programmes_jobs_objective(demo, personas):
    project = Project.objects.get(code=UNDER_WAY)
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.ACCEPTED, status_changed_at=timezone.now())
    programme = Programme.objects.get(code="HN-KCDP-2026-2030")
    before = _page_actual(personas.staff, programme, "2630-VL")
    response = client_for(personas.doanhnghiep).post(
        reverse("execution:effect_edit", args=[project.pk]),
        {**{k: str(v).replace(".", ",") for k, v in FIGURES.items()}, "jobs_created": "35"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _page_actual(personas.staff, programme, "2630-VL") == before + 35
    assert _report_actual(personas.staff, programme, "2630-VL") == before + 35


def test_who_may_record_the_effect(demo, personas):
    project = Project.objects.get(code=UNDER_WAY)
    url = reverse("execution:effect_edit", args=[project.pk])
    assert client_for(personas.doanhnghiep).get(url).status_code == 200
    assert client_for(personas.staff).get(url).status_code == 200
    assert client_for(personas.viewer).get(url).status_code == 403
    assert client_for(personas.bacninh).get(url).status_code == 404
    other = Project.objects.get(code="HN2020-CM-001")
    assert client_for(personas.doanhnghiep).get(reverse("execution:effect_edit", args=[other.pk])).status_code == 404


def test_writing_an_effect_bumps_its_programmes_report_data_version(demo, personas):
    from reports.cache import data_versions

    project = _accepted(demo.hn2016)
    before = data_versions(demo.hn2016.pk)
    effect_save(project=project, figures=FIGURES, user=personas.staff)
    assert data_versions(demo.hn2016.pk) != before
