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


def test_the_status_and_target_filters_list_the_projects_they_name(demo, personas):
    from projects.models import ProjectOutput, ProjectStatus

    for user in (personas.staff, personas.officer_a):
        visible = Project.objects.filter(programme=demo.hn2011)
        if user == personas.officer_a:
            visible = visible.filter(administrative_unit=user.organisation.administrative_unit)
        settled = build_report("projects", programme=demo.hn2011, user=user, filters={"status": "settled"})
        assert [row.cells["code"] for row in settled.rows] == list(
            visible.filter(status=ProjectStatus.SETTLED).order_by("year", "code").values_list("code", flat=True)
        )
        with_target = build_report("projects", programme=demo.hn2011, user=user, filters={"target": "1.1-LD"})
        expected = set(
            ProjectOutput.objects.filter(
                target__code="1.1-LD", target__programme=demo.hn2011, project__in=visible
            ).values_list("project__code", flat=True)
        )
        shown = [row.cells["code"] for row in with_target.rows]
        assert set(shown) == expected
        assert len(shown) == len(expected)
    assert expected
