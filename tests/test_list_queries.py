"""List pages run a fixed number of queries, however many rows there are.

Each page is measured, the data grows, and it is measured again: the count
must not move. The pinned numbers name their queries.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from budgets.models import Disbursement
from projects.models import Beneficiary, Project

# session, user, and the count of unread notifications (the bell in the menu): every signed-in page has these.
SIGNED_IN = 3

# The user's unit set (the province's units; a confined officer's own units), read once per request
# (policy.access._unit_ids): an officer's list that scopes programmes by province and rows by unit reads both.
UNITS = 1
PAGES = [
    # (url name, kwargs key, persona, queries)
    ("home", None, "staff", SIGNED_IN + UNITS + 3),  # programmes; plans in preparation; projects waiting for a decision
    ("programs:list", None, "staff", SIGNED_IN + UNITS + 1),  # programmes
    # programme; targets; contents; outputs and results summed per target; effects after acceptance
    # summed per target that measures one; plans; versions; history: events, users, related rows of two foreign keys
    ("programs:detail", "programme", "staff", SIGNED_IN + UNITS + 11),
    ("programs:results", "programme", "staff", SIGNED_IN + UNITS + 2),  # programme; results
    ("programs:locks", None, "leader", SIGNED_IN + UNITS + 1),  # annual plans with programme and locker
    # count; programme, content and unit choices of the filter form; the page of projects
    ("projects:list", None, "staff", SIGNED_IN + UNITS + 5),
    ("projects:list", None, "officer_a", SIGNED_IN + 2 * UNITS + 6),  # + the officer's organisation
    ("projects:beneficiary_list", None, "staff", SIGNED_IN + UNITS + 2),  # count; page
    ("projects:beneficiary_list", None, "officer_a", SIGNED_IN + UNITS + 2),
    ("budgets:allocation_list", None, "staff", SIGNED_IN + UNITS + 3),  # count; page; programme choices
    ("budgets:disbursement_list", None, "staff", SIGNED_IN + UNITS + 3),  # count; page; programme choices
    ("budgets:disbursement_list", None, "officer_a", SIGNED_IN + 2 * UNITS + 3),
]


def _grow(demo, personas) -> None:
    """Thirty more projects, beneficiaries and payments in district A."""
    unit = personas.officer_a.organisation.administrative_unit
    template = Project.objects.get(code="HN2020-CM-005")
    content = template.content
    for i in range(30):
        Beneficiary.objects.create(name=f"Cơ sở thêm {i}", kind="household", administrative_unit=unit)
        project = Project.objects.create(
            code=f"GROW-{i}",
            title=f"Đề án thêm {i}",
            programme=demo.hn2016,
            year=2020,
            content=content,
            implementing_organisation=template.implementing_organisation,
            administrative_unit=unit,
            support_local=1_000_000,
            total_cost=1_000_000,
            status="under_way",
        )
        Disbursement.objects.create(
            programme=demo.hn2016,
            year=2020,
            project=project,
            content=content,
            funding_source="local",
            date=dt.date(2020, 7, 1),
            voucher_number=f"GROW-{i}",
            amount=1_000_000,
        )


@pytest.mark.parametrize(("name", "arg", "persona", "expected"), PAGES, ids=lambda v: str(v))
def test_list_page_query_count_is_pinned_and_stable(
    name, arg, persona, expected, demo, personas, django_assert_num_queries
):
    client = Client()
    client.force_login(getattr(personas, persona))
    url = reverse(name, kwargs={"pk": demo.hn2016.pk} if arg else {})
    client.get(url)  # warm any per-process caches (content types)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow(demo, personas)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
