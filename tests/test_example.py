"""How to write a test here: a short tour for newcomers.

Read this file top to bottom; each test shows one habit of the suite.

1. Tests run against PostgreSQL, never SQLite: `make test` uses the embedded
   server under `.data/`, CI points DATABASE_URL at the machine's server.
2. The demo data (tests/conftest.py) is loaded once per session; each test
   runs inside a transaction that is rolled back, so change anything you like.
3. Use the personas, not ad-hoc users: `personas.staff` (canbo),
   `personas.leader` (lanhdao), `personas.officer_a` (huyen, Chương Mỹ),
   `personas.officer_b` (huyen_b, Thường Tín), `personas.viewer`, `personas.admin`.
4. Name a test by the behaviour it proves, and assert on the outcome a user
   would notice: the status, the message, the rows that exist afterwards.
"""

import pytest

from projects.models import Project, ProjectStatus
from projects.services import IllegalProjectTransition, project_transition


def test_it_moves_a_project_and_records_who_did_it(personas):
    # Find data by its natural key (codes are stable across demo loads), not by id.
    project = Project.objects.get(code="HN2020-CM-001")
    assert project.status == ProjectStatus.DRAFT

    # Call the service, as a view would. Services take keyword arguments only.
    project_transition(project=project, action="propose", user=personas.officer_a)

    # Re-read from the database: the in-memory object may hide a missing save.
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED
    step = project.transitions.latest("at")
    assert (step.actor, step.from_status, step.to_status) == (personas.officer_a, "draft", "proposed")


def test_it_refuses_an_illegal_move_and_changes_nothing(personas):
    project = Project.objects.get(code="HN2020-CM-001")
    # A refusal is a named exception whose message a user can read (in Vietnamese).
    with pytest.raises(IllegalProjectTransition, match="Không thể"):
        project_transition(project=project, action="settle", user=personas.staff)
    # Prove that nothing was written, by reading the database again.
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.DRAFT


def test_it_pins_the_number_of_queries(django_assert_num_queries, personas):
    # Where a page or report could grow with the data, pin its query count and
    # name each query in a comment, so a new N+1 fails loudly.
    with django_assert_num_queries(1):
        # 1. projects of the officer's unit, with their content in the same query
        rows = list(Project.objects.filter(administrative_unit__code="277").select_related("content"))
    assert all(row.content.number for row in rows)
