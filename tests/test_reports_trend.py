"""The trend report covers the programmes of the report's province, or the national programmes."""

from django.db.models import Q, Sum

from budgets.models import Disbursement
from programs.models import Programme
from projects.lifecycle import COUNTING_STATUSES
from projects.models import Project
from reports.selectors import build_report


def _codes(report) -> set[str]:
    return {row.cells["programme"] for row in report.rows}


def test_a_provincial_trend_holds_only_the_provinces_programmes(demo, personas):
    report = build_report("trend", programme=demo.hn2011, user=personas.staff)
    province = demo.hn2011.administrative_unit
    hanoi = set(Programme.objects.filter(administrative_unit=province).values_list("code", flat=True))
    assert {"HN-2011-2015", "HN-2016-2020"} <= _codes(report) <= hanoi
    assert "KCQG-2014-2018" not in _codes(report)
    assert "BN-BCSP" not in _codes(report)
    assert report.tables[0].note.startswith(f"Gồm các chương trình khuyến công của {province.name}.")
    # Only the report's own programme's rows lead to its projects.
    assert all((row.drill is not None) == (row.cells["programme"] == "HN-2011-2015") for row in report.rows)


def test_a_provincial_trends_totals_are_the_provinces(demo, personas):
    report = build_report("trend", programme=demo.hn2016, user=personas.staff)
    province = demo.hn2016.administrative_unit
    projects = Project.objects.filter(programme__administrative_unit=province, status__in=COUNTING_STATUSES)
    support = projects.aggregate(n=Sum("support_national"), l=Sum("support_local"))
    paid = Disbursement.objects.filter(programme__administrative_unit=province).aggregate(total=Sum("amount"))
    total = report.tables[0].totals[0].cells
    assert total["count"] == projects.count() > 0
    assert total["support"] == (support["n"] or 0) + (support["l"] or 0)
    assert total["paid"] == paid["total"] > 0
    assert all(isinstance(total[key], int) for key in ("count", "support", "paid"))


def test_a_national_trend_holds_only_national_programmes(demo, personas):
    report = build_report("trend", programme=demo.national, user=personas.staff)
    national = set(Programme.objects.filter(administrative_unit__isnull=True).values_list("code", flat=True))
    assert "KCQG-2014-2018" in _codes(report) <= national
    assert report.tables[0].note.startswith("Gồm các chương trình khuyến công quốc gia.")
    paid = Disbursement.objects.filter(programme__administrative_unit__isnull=True).aggregate(total=Sum("amount"))
    assert report.tables[0].totals[0].cells["paid"] == paid["total"] > 0


def test_an_officers_trend_holds_only_their_unit_in_the_province(demo, personas):
    officer = personas.officer_a
    unit = officer.organisation.administrative_unit
    report = build_report("trend", programme=demo.hn2011, user=officer)
    mine = Q(programme__administrative_unit=demo.hn2011.administrative_unit, project__administrative_unit=unit)
    paid = Disbursement.objects.filter(mine).aggregate(total=Sum("amount"))["total"]
    assert report.tables[0].totals[0].cells["paid"] == paid > 0
    assert _codes(report) <= {"HN-2011-2015", "HN-2016-2020"}
