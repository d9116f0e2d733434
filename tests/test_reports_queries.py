"""Each report runs a fixed number of queries: growing the data tenfold adds none.

The counts name their queries:
- summary, annual and sources: one statement holding every aggregate, the
  programme version, the issuer and the unit (1);
- trend: the province's programmes, then one statement with their projects and
  payments by programme and year, the version, the issuer and the unit (2); with a
  target, plus the target, its plan, outputs and results by year (6);
- the other kinds: their own queries, then one statement for the version,
  the issuer and the unit:
- units: projects by unit, payments by unit (2 + 1);
- projects: the payments by project, the projects (2 + 1);
- entries: the payments with their content and project (1 + 1).
"""

import pytest

from policy.access import officer_units, province_units
from reports.selectors import build_report
from tests.reports_helpers import grow_tenfold

CASES = [
    ("summary", {}, None, 1),
    ("annual", {}, 2013, 1),
    ("annual", {"content": "1", "source": "local", "unit": "1"}, 2014, 1),
    ("units", {}, None, 3),
    ("sources", {}, None, 1),
    ("projects", {}, None, 3),
    ("trend", {}, None, 2),
    ("trend", {"target": "1.1-LD"}, None, 6),
    ("entries", {"content": "1.1"}, 2013, 2),
]


@pytest.mark.parametrize(("kind", "filters", "year", "queries"), CASES)
def test_the_query_count_does_not_grow_with_the_data(
    demo, personas, django_assert_num_queries, kind, filters, year, queries
):
    programme, user = demo.hn2011, personas.staff
    # The user's unit set is read once per request (policy.access._unit_ids), before any report.
    province_units(user)
    with django_assert_num_queries(queries):
        before = build_report(kind, programme=programme, user=user, year=year, filters=filters)
    grow_tenfold(programme)
    with django_assert_num_queries(queries):
        after = build_report(kind, programme=programme, user=user, year=year, filters=filters)
    # Every copy counts: the figure that each kind sums is exactly ten times what it was.
    assert _grown(kind, after) == [10 * figure for figure in _grown(kind, before)]
    if not filters:
        assert any(_grown(kind, before)), "the demo data must give this report something to sum"


def _grown(kind, report) -> list:
    """The figures of `report` that copying every project, output, payment and result multiplies."""
    if kind in ("summary", "annual"):
        return [row.cells["actual"] for row in report.rows if row.style == "item"]
    if kind in ("projects", "entries"):
        return [len(report.rows)]
    if kind == "trend":  # the other programmes compared were not grown; the report's own rows drill down
        return [row.cells["count"] for row in report.rows if row.drill]
    column = {"units": "count", "sources": "disbursed"}[kind]
    return [report.totals[0].cells[column]]


def test_a_district_officers_report_costs_the_same(demo, personas, django_assert_num_queries):
    user = personas.officer_a
    province_units(user), officer_units(user)  # read once per request, before any report
    # The unit's name joins the one statement.
    with django_assert_num_queries(1):
        build_report("summary", programme=demo.hn2011, user=user)
    grow_tenfold(demo.hn2011)
    with django_assert_num_queries(1):
        build_report("summary", programme=demo.hn2011, user=user)


def test_the_overview_costs_the_same_with_tenfold_data(demo, personas, django_assert_num_queries):
    from reports.selectors import build_overview

    # The summary's one statement, with planned, allocated and disbursed money by year added to it.
    with django_assert_num_queries(1):
        build_overview(programme=demo.hn2011, user=personas.leader)
    grow_tenfold(demo.hn2011)
    with django_assert_num_queries(1):
        build_overview(programme=demo.hn2011, user=personas.leader)
