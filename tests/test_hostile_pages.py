"""Every form page, driven with hostile values the way a browser posts them.

The page is fetched, its form read from the HTML (field names, options, hidden
values), and Hypothesis fills it with Vietnamese in NFC and NFD, control
characters, huge and negative numbers and impossible dates. No answer may be a
server error, and every row the post touched must still be valid, with the
money rules (no project paid above its support, no year above its allocation)
still holding. A page that this version of the site does not have is skipped.
"""

import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Sum
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgets.models import Allocation, Disbursement, FundingSource
from programs.models import Result
from projects.models import Beneficiary, Project, ProjectStatus
from tests.hostile import main_form, page_form_data

PAGE_EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OUR_APPS = {"accounts", "programs", "projects", "budgets", "reports"}


def _pk(obj: Any) -> dict:
    assert obj is not None, "the demo has no such object"
    return {"pk": obj.pk}


def _draft(demo: Any) -> dict:
    return _pk(Project.objects.filter(programme=demo.hn2016, status=ProjectStatus.DRAFT).order_by("pk").first())


# (URL name, its arguments from the demo, persona who fills the form)
FORM_PAGES: list[tuple[str, Callable[[Any], dict], str]] = [
    ("login", lambda demo: {}, ""),
    ("password_change", lambda demo: {}, "staff"),
    ("programs:plan", lambda demo: {"pk": demo.hn2016.pk, "year": 2020}, "staff"),
    ("programs:result_create", lambda demo: {"pk": demo.hn2016.pk}, "staff"),
    ("programs:result_create", lambda demo: {"pk": demo.hn2016.pk}, "officer_a"),
    ("programs:result_edit", lambda demo: _pk(Result.objects.order_by("pk").first()), "staff"),
    ("projects:create", lambda demo: {}, "staff"),
    ("projects:create", lambda demo: {}, "officer_a"),
    ("projects:edit", _draft, "staff"),
    ("projects:outputs", _draft, "staff"),
    ("projects:beneficiary_create", lambda demo: {}, "officer_a"),
    ("projects:beneficiary_edit", lambda demo: _pk(Beneficiary.objects.order_by("pk").first()), "staff"),
    ("budgets:allocation_create", lambda demo: {}, "staff"),
    (
        "budgets:allocation_edit",
        lambda demo: _pk(Allocation.objects.filter(programme=demo.hn2016, year=2020).order_by("pk").first()),
        "staff",
    ),
    ("budgets:disbursement_create", lambda demo: {}, "staff"),
    ("imports:index", lambda demo: {}, "staff"),  # its upload form posts to imports:upload
    # The export form of a report (format, document number, signer, narrative).
    ("reports:report", lambda demo: {"code": demo.hn2016.code, "kind": "summary"}, "staff"),
]
# Pages whose form is sent with GET (filters): the same hostile values in the query string.
FILTER_PAGES: list[tuple[str, Callable[[Any], dict], str]] = [
    ("reports:report", lambda demo: {"code": demo.hn2016.code, "kind": "projects"}, "officer_a"),
    ("reports:report", lambda demo: {"code": demo.hn2016.code, "kind": "entries"}, "staff"),
    ("reports:overview", lambda demo: {"code": demo.hn2016.code}, "staff"),
    ("projects:list", lambda demo: {}, "officer_a"),
    ("budgets:disbursement_list", lambda demo: {}, "staff"),
]


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _touched_rows_are_valid(since: dt.datetime) -> None:
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        field_names = {f.name for f in model._meta.get_fields()}
        if "updated_at" not in field_names:
            continue
        for row in model._default_manager.filter(updated_at__gte=since):
            row.full_clean()


def _money_rules_hold() -> None:
    overpaid = [
        project.code
        for project in Project.objects.annotate(
            national=Sum("disbursements__amount", filter=_source(FundingSource.NATIONAL)),
            local=Sum("disbursements__amount", filter=_source(FundingSource.LOCAL)),
        )
        if (project.national or 0) > project.support_national or (project.local or 0) > project.support_local
    ]
    assert overpaid == []
    allocated = {
        (row["programme"], row["year"], row["funding_source"]): row["total"]
        for row in Allocation.objects.values("programme", "year", "funding_source").annotate(total=Sum("amount"))
    }
    for row in Disbursement.objects.values("programme", "year", "funding_source").annotate(total=Sum("amount")):
        assert row["total"] <= allocated.get((row["programme"], row["year"], row["funding_source"]), 0), row


def _source(source: str):
    from django.db.models import Q

    return Q(disbursements__funding_source=source)


def test_the_demo_keeps_the_money_rules(demo):
    _money_rules_hold()


@pytest.mark.parametrize(
    ("name", "kwargs", "persona"),
    FORM_PAGES,
    ids=[f"{name}-{persona or 'anonymous'}" for name, _, persona in FORM_PAGES],
)
def test_it_survives_hostile_values_in_every_form(demo, personas, name, kwargs, persona):
    try:
        url = reverse(name, kwargs=kwargs(demo))
    except NoReverseMatch:
        pytest.skip(f"{name} is not a page of this version")
    client = Client(raise_request_exception=True)
    if persona:
        client.force_login(getattr(personas, persona))
    page = client.get(url)
    assert page.status_code == 200, (name, page.status_code)
    form = main_form(page.content.decode())
    target = urljoin(url, form["action"])

    @PAGE_EXAMPLES
    @given(data=page_form_data(form))
    def post_hostile(data):
        with rolled_back():
            since = timezone.now()
            response = client.post(target, data)
            assert response.status_code in (200, 302, 303, 400, 403, 409, 429), response.status_code
            _touched_rows_are_valid(since)
            _money_rules_hold()

    post_hostile()


@pytest.mark.parametrize(
    ("name", "kwargs", "persona"),
    FILTER_PAGES,
    ids=[f"{name}-{persona}-{index}" for index, (name, _, persona) in enumerate(FILTER_PAGES)],
)
def test_it_survives_hostile_filters(demo, personas, name, kwargs, persona):
    try:
        url = reverse(name, kwargs=kwargs(demo))
    except NoReverseMatch:
        pytest.skip(f"{name} is not a page of this version")
    client = Client(raise_request_exception=True)
    client.force_login(getattr(personas, persona))
    page = client.get(url)
    assert page.status_code == 200, (name, page.status_code)
    form = main_form(page.content.decode(), method="get")

    @PAGE_EXAMPLES
    @given(data=page_form_data(form))
    def get_hostile(data):
        response = client.get(urljoin(url, form["action"]), data)
        assert response.status_code in (200, 400, 403, 404), response.status_code

    get_hostile()


def test_the_form_reader_finds_the_fields_of_an_admin_page(personas, demo):
    client = Client()
    client.force_login(personas.admin)
    form = main_form(client.get("/admin/projects/beneficiary/add/").content.decode())
    names = {field["name"] for field in form["fields"]}
    assert {"csrfmiddlewaretoken", "name", "kind", "tax_code", "administrative_unit"} <= names
    assert st.just(form).map(lambda f: len(f["fields"])).example() == len(form["fields"])
