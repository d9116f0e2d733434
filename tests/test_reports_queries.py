"""Each report runs a fixed number of queries: growing the data tenfold adds none.

The counts name their queries:
- summary: contents, targets, delivered by target, results by target, planned,
  allocated and disbursed by content, programme version, issuer organisation (9);
- annual: the same plus the year's plan quantities and projects by status (11);
- units: projects by unit, payments by unit, version, issuer (4);
- sources: planned, allocated, disbursed by source, support on projects, version, issuer (6);
- projects: the projects with their payments, version, issuer (3);
- trend: projects and payments by programme and year, the programmes' codes, version, issuer (5);
  with a target, plus the target, its plan, outputs and results by year (9);
- entries: the payments with their content and project, version, issuer (3).
"""

import pytest

from reports.selectors import build_report
from tests.reports_helpers import grow_tenfold

CASES = [
    ("summary", {}, None, 9),
    ("annual", {}, 2013, 11),
    ("units", {}, None, 4),
    ("sources", {}, None, 6),
    ("projects", {}, None, 3),
    ("trend", {"target": "1.1-LD"}, None, 9),
    ("entries", {"content": "1.1"}, 2013, 3),
]


@pytest.mark.parametrize(("kind", "filters", "year", "queries"), CASES)
def test_the_query_count_does_not_grow_with_the_data(
    demo, personas, django_assert_num_queries, kind, filters, year, queries
):
    programme, user = demo.hn2011, personas.staff
    with django_assert_num_queries(queries):
        before = build_report(kind, programme=programme, user=user, year=year, filters=filters)
    grow_tenfold(programme)
    with django_assert_num_queries(queries):
        after = build_report(kind, programme=programme, user=user, year=year, filters=filters)
    assert len(after.rows) >= len(before.rows)


def test_a_district_officers_report_costs_the_same(demo, personas, django_assert_num_queries):
    user = personas.officer_a
    # No planned or allocated money (not a unit's figures), one more for the unit's name.
    with django_assert_num_queries(8):
        build_report("summary", programme=demo.hn2011, user=user)
    grow_tenfold(demo.hn2011)
    with django_assert_num_queries(8):
        build_report("summary", programme=demo.hn2011, user=user)


def test_the_overview_costs_the_same_with_tenfold_data(demo, personas, django_assert_num_queries):
    from reports.selectors import build_overview

    # The summary's 9, all targets once more, then planned, allocated, disbursed by year.
    with django_assert_num_queries(13):
        build_overview(programme=demo.hn2011, user=personas.leader)
    grow_tenfold(demo.hn2011)
    with django_assert_num_queries(13):
        build_overview(programme=demo.hn2011, user=personas.leader)
