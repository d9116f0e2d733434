"""The projects report: each project with what has been paid to it."""

from collections import Counter

from budgets.models import Disbursement
from projects.models import Project
from reports.selectors import build_report


def test_each_project_shows_what_it_has_been_paid(demo, personas):
    report = build_report("projects", programme=demo.hn2011, user=personas.staff)
    paid: Counter[str] = Counter()
    for code, amount in Disbursement.objects.filter(project__programme=demo.hn2011).values_list(
        "project__code", "amount"
    ):
        paid[code] += amount
    shown = {row.cells["code"]: row.cells["paid"] for row in report.rows}
    assert set(shown) == set(Project.objects.filter(programme=demo.hn2011).values_list("code", flat=True))
    assert shown == {code: paid.get(code, 0) for code in shown}
    assert any(shown.values())
    assert all(type(value) is int for value in shown.values())
    assert report.totals[0].cells["paid"] == sum(paid.values())
    order = [(row.cells["year"], row.cells["code"]) for row in report.rows]
    assert order == sorted(order)
