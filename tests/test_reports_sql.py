"""The SQL conditions of a report scope select exactly the rows of its ORM querysets.

Summary and annual reports read their aggregates through `Scope.*_sql`; every
other report, the drill-downs and the overview through `Scope.projects()` and
the rest. A district officer must see the same, and only the same, either way.
"""

import datetime as dt
import itertools
from dataclasses import replace

import pytest
from django.db import connection

from budgets.models import FundingSource
from projects.models import Project, ProjectOutput, ProjectStatus
from reports.selectors import Scope

FILTERS = [
    {},
    {"content": "1"},
    {"content": "1.1"},
    {"content": "2"},
    {"source": FundingSource.NATIONAL},
    {"source": FundingSource.LOCAL},
    {"source": FundingSource.COUNTERPART},
    {"unit": "UNIT"},
    {"unit": "UNIT", "content": "1", "source": FundingSource.LOCAL},
    {"status": ProjectStatus.APPROVED},
    {"status": ProjectStatus.SETTLED, "source": FundingSource.LOCAL},
    {"target": "TARGET"},
    {"target": "TARGET", "status": ProjectStatus.SETTLED},
    {"law_type": "1"},
    {"law_type": "2", "unit": "UNIT"},
]
PERIODS = [(None, None), (2013, None), (None, dt.date(2014, 6, 30)), (2014, dt.date(2014, 9, 30))]


def _ids(sql: str, params: list) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def _scopes(programme, users, unit_id, target_code="T"):
    stand_ins = {"UNIT": str(unit_id), "TARGET": target_code}
    for user, filters, (year, until) in itertools.product(users, FILTERS, PERIODS):
        concrete = {k: stand_ins.get(v, v) for k, v in filters.items()}
        yield Scope(programme=programme, user=user, year=year, until=until, filters=concrete)


@pytest.fixture
def unit_with_projects(demo):
    """A district with projects in HN-2011-2015, so the unit filter selects something."""
    return (
        Project.objects.filter(programme=demo.hn2011)
        .values_list("administrative_unit_id", flat=True)
        .order_by("administrative_unit_id")
        .first()
    )


def test_every_sql_condition_selects_the_orm_rows(demo, personas, unit_with_projects):
    users = [personas.staff, personas.leader, personas.officer_a, personas.officer_b, personas.viewer]
    checked = 0
    target = ProjectOutput.objects.filter(project__programme=demo.hn2011).values_list("target__code", flat=True)[0]
    for scope in _scopes(demo.hn2011, users, unit_with_projects, target):
        label = f"{scope.user.username} {scope.year} {scope.until} {scope.filters}"
        where, params = scope.listed_projects_sql("j")
        assert _ids(f"SELECT j.id FROM projects_project j WHERE {where}", params) == set(
            scope.listed_projects().values_list("id", flat=True)
        ), label
        where, params = scope.projects_sql("j")
        assert _ids(f"SELECT j.id FROM projects_project j WHERE {where}", params) == set(
            scope.projects().values_list("id", flat=True)
        ), label
        where, params = scope.projects_sql("j", until=False)
        assert _ids(f"SELECT j.id FROM projects_project j WHERE {where}", params) == set(
            replace(scope, until=None).projects().values_list("id", flat=True)
        ), label
        where, params = scope.results_sql("r", "t")
        assert _ids(
            f"SELECT r.id FROM programs_result r JOIN programs_target t ON t.id = r.target_id WHERE {where}", params
        ) == set(scope.results().values_list("id", flat=True)), label
        source, params = scope.planned_sql("b", "a")
        assert _ids(f"SELECT b.id FROM {source}", params) == set(scope.planned().values_list("id", flat=True)), label
        source, params = scope.allocated_sql("b")
        assert _ids(f"SELECT b.id FROM {source}", params) == set(scope.allocated().values_list("id", flat=True)), label
        source, params = scope.disbursed_sql("d")
        assert _ids(f"SELECT d.id FROM {source}", params) == set(scope.disbursed().values_list("id", flat=True)), label
        checked += 1
    assert checked == len(users) * len(FILTERS) * len(PERIODS)


def test_the_comparison_is_not_vacuous(demo, personas, unit_with_projects):
    """Each kind of row exists in the demo data for some scope, so equal sets mean something."""
    scope = Scope(programme=demo.hn2011, user=personas.staff)
    assert scope.projects().exists()
    assert scope.results().exists()
    assert scope.planned().exists()
    assert scope.allocated().exists()
    assert scope.disbursed().exists()
    officer = Scope(programme=demo.hn2011, user=personas.officer_a)
    assert 0 < officer.projects().count() < scope.projects().count()
    assert 0 < officer.disbursed().count() < scope.disbursed().count()
    filtered = Scope(programme=demo.hn2011, user=personas.staff, filters={"unit": str(unit_with_projects)})
    assert 0 < filtered.projects().count() < scope.projects().count()
    # The listing's own filters each select some projects and not all (every HN-2011-2015
    # project is settled, so the status filter's cases are in FILTERS only).
    target = ProjectOutput.objects.filter(project__programme=demo.hn2011).values_list("target__code", flat=True)[0]
    for filters in ({"target": target}, {"law_type": "1"}):
        listed = Scope(programme=demo.hn2011, user=personas.staff, filters=filters).listed_projects().count()
        assert 0 < listed < scope.projects().count(), filters


def test_a_content_number_with_like_wildcards_matches_only_itself(demo, personas):
    """'1_1' must not match '1.1': the number is a literal, not a LIKE pattern."""
    scope = Scope(programme=demo.hn2011, user=personas.staff, filters={"content": "1_1"})
    where, params = scope.projects_sql("j")
    assert _ids(f"SELECT j.id FROM projects_project j WHERE {where}", params) == set()
    assert not scope.projects().exists()


@pytest.mark.parametrize("who", ["leader", "officer_a"])
def test_the_overview_budget_by_year_matches_the_querysets(demo, personas, who):
    from django.db.models import Sum

    from reports.selectors import build_overview

    user = getattr(personas, who)
    overview = build_overview(programme=demo.hn2011, user=user, until=dt.date(2014, 6, 30))
    scope = Scope(programme=demo.hn2011, user=user, until=dt.date(2014, 6, 30))

    def by_year(queryset, year_field):
        return dict(queryset.values_list(year_field).annotate(total=Sum("amount")).order_by())

    planned = by_year(scope.planned(), "annual_plan__year")
    allocated = by_year(scope.allocated(), "year")
    disbursed = by_year(scope.disbursed(), "year")
    assert overview.budget_by_year == [
        {
            "year": year,
            "planned": planned.get(year, 0),
            "allocated": allocated.get(year, 0),
            "disbursed": disbursed.get(year, 0),
        }
        for year in demo.hn2011.years
    ]
    assert sum(row["disbursed"] for row in overview.budget_by_year) > 0
    assert all(isinstance(row["disbursed"], int) for row in overview.budget_by_year)
