"""The units report groups by the unit as recorded or by today's units, and says which.

Phú Nghĩa (a commune of today) took over old communes of Chương Mỹ: a project recorded on one of
them and a project recorded on Phú Nghĩa are one row of today's units and two rows as recorded.
An old district, split between many communes, keeps its own row either way.
"""

import datetime as dt

import pytest

from accounts.models import AdministrativeUnit, UnitLevel
from projects.models import Project
from reports.build import build_report
from reports.forms import ReportFilterForm

PHU_NGHIA = "10030"


@pytest.fixture
def two_projects_one_commune_of_today(demo):
    phu_nghia = AdministrativeUnit.objects.get(code=PHU_NGHIA, valid_to__isnull=True)
    old = AdministrativeUnit.objects.filter(
        default_successor=phu_nghia, level=UnitLevel.COMMUNE, valid_to__isnull=False
    ).first()
    assert old is not None, "the official mapping names predecessors of Phú Nghĩa"
    first, second = Project.objects.filter(programme=demo.hn2016).order_by("code")[:2]
    Project.objects.filter(pk=first.pk).update(administrative_unit=old)
    Project.objects.filter(pk=second.pk).update(administrative_unit=phu_nghia)
    return old, phu_nghia, first, second


def _rows(report):
    [table] = report.tables
    return table, {row.cells["unit"]: row.cells for row in table.rows}


def test_by_todays_units_an_old_commune_counts_in_its_successor(two_projects_one_commune_of_today, demo, personas):
    old, phu_nghia, first, second = two_projects_one_commune_of_today
    table, rows = _rows(
        build_report("units", programme=demo.hn2016, user=personas.staff, filters={"units_as": "today"})
    )
    assert old.name not in rows
    assert rows[phu_nghia.name]["count"] == 2
    assert rows[phu_nghia.name]["national"] == first.support_national + second.support_national
    assert "hiện nay" in table.title
    assert "bảng chuyển đổi chính thức" in table.note
    # Every old district split between communes stays as recorded, and says so.
    assert all(
        "(cũ, chia cho nhiều đơn vị)" in name
        for name in rows
        if AdministrativeUnit.objects.filter(name=name.split(" (cũ")[0], level=UnitLevel.DISTRICT).exists()
    )


def test_as_recorded_the_two_units_keep_their_rows_and_the_totals_agree(
    two_projects_one_commune_of_today, demo, personas
):
    old, phu_nghia, _first, _second = two_projects_one_commune_of_today
    recorded_table, recorded = _rows(build_report("units", programme=demo.hn2016, user=personas.staff))
    today_table, _today = _rows(
        build_report("units", programme=demo.hn2016, user=personas.staff, filters={"units_as": "today"})
    )
    assert recorded[old.name]["count"] == 1
    assert recorded[phu_nghia.name]["count"] == 1
    assert "như đã ghi" in recorded_table.title
    assert recorded_table.totals[0].cells == today_table.totals[0].cells


def test_the_filter_offers_both_groupings_and_keeps_the_default_out_of_the_key(demo, personas):
    form = ReportFilterForm({"units_as": "recorded"}, programme=demo.hn2016, user=personas.staff)
    assert form.is_valid(), form.errors
    assert "units_as" not in form.filters()
    form = ReportFilterForm({"units_as": "today"}, programme=demo.hn2016, user=personas.staff)
    assert form.is_valid(), form.errors
    assert form.filters()["units_as"] == "today"
    assert not ReportFilterForm({"units_as": "x"}, programme=demo.hn2016, user=personas.staff).is_valid()


def test_a_unit_follows_the_mapping_to_the_unit_in_force(demo):
    phu_nghia = AdministrativeUnit.objects.get(code=PHU_NGHIA, valid_to__isnull=True)
    old = AdministrativeUnit.objects.filter(default_successor=phu_nghia, valid_to__isnull=False).first()
    assert old.in_force_on(dt.date(2026, 1, 1)) == phu_nghia
    assert old.in_force_on(dt.date(2025, 6, 30)) == old
    assert phu_nghia.in_force_on(dt.date(2026, 1, 1)) == phu_nghia


def test_grouping_by_todays_units_reads_the_mapping_without_a_query_per_unit(
    two_projects_one_commune_of_today, demo, personas, django_assert_max_num_queries
):
    from reports.listings import _units_today

    ids = set(AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).values_list("pk", flat=True)[:300])
    with django_assert_max_num_queries(1):  # the units with their successors, in one query
        _units_today(ids, dt.date(2026, 1, 1))
