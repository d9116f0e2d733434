"""Hostile input never causes a server error and never leaves an invalid row.

Hypothesis drives the services that write money and project states, and every
add form of the Django admin, with Vietnamese in NFC and NFD, control characters,
huge and negative numbers and dates out of range. Each example runs in a savepoint
that is rolled back, so examples do not see each other's rows.
"""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgets.models import Allocation, Disbursement, FundingSource
from budgets.services import AdvanceNeedsConfirmation, DisbursementRefused, disbursement_create
from programs.services import YearLocked, YearOutsideProgramme
from projects.lifecycle import ACTIONS
from projects.models import Project, ProjectStatus, ProjectTransition
from projects.services import ProjectTransitionError, project_transition
from tests.hostile import form_data, hostile_date, hostile_int, hostile_text, vietnamese

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Text a form has already checked: within the column's length, no NUL (Django's
# CharField refuses NUL; PostgreSQL cannot store it). The services trust their
# callers for these two, and the forms below are driven with NUL and overlong text.
def _checked_text(max_length: int) -> st.SearchStrategy[str]:
    return hostile_text.map(lambda s: s.replace("\x00", "")[:max_length])


disbursement_years = st.one_of(st.sampled_from([2016, 2019, 2020, 2021, 2015]), st.integers(1, 32767))


@EXAMPLES
@given(
    amount=hostile_int,
    year=disbursement_years,
    date=hostile_date,
    voucher=_checked_text(60),
    note=_checked_text(2000),
    funding_source=st.one_of(st.sampled_from(FundingSource.values), hostile_text),
    is_advance=st.booleans(),
    confirm=st.booleans(),
    with_project=st.booleans(),
)
def test_it_saves_only_valid_disbursements(
    demo, personas, amount, year, date, voucher, note, funding_source, is_advance, confirm, with_project
):
    programme = demo.hn2016
    project = (
        Project.objects.filter(programme=programme, status__in=[ProjectStatus.APPROVED, ProjectStatus.UNDER_WAY])
        .order_by("pk")
        .first()
    )
    content = project.content if with_project else programme.contents.order_by("pk").first()
    with rolled_back():
        before = Disbursement.objects.count()
        try:
            saved = disbursement_create(
                programme=programme,
                year=year,
                content=content,
                funding_source=funding_source,
                date=date,
                voucher_number=voucher,
                amount=amount,
                user=personas.staff,
                project=project if with_project else None,
                is_advance=is_advance,
                note=note,
                confirm_advance_over_limit=confirm,
            )
        except (DisbursementRefused, AdvanceNeedsConfirmation, YearLocked, YearOutsideProgramme):
            assert Disbursement.objects.count() == before
            return
        saved.refresh_from_db()
        saved.full_clean()
        assert saved.amount == amount > 0
        assert saved.year in programme.years
        assert saved.voucher_number == voucher
        allocated = sum(
            Allocation.objects.filter(programme=programme, year=year, funding_source=funding_source).values_list(
                "amount", flat=True
            )
        )
        paid = sum(
            Disbursement.objects.filter(programme=programme, year=year, funding_source=funding_source).values_list(
                "amount", flat=True
            )
        )
        assert paid <= allocated
        if with_project:
            approved = project.support_national if funding_source == FundingSource.NATIONAL else project.support_local
            assert sum(
                project.disbursements.filter(funding_source=funding_source).values_list("amount", flat=True)
            ) <= (approved)


@EXAMPLES
@given(
    actions=st.lists(st.one_of(st.sampled_from(list(ACTIONS)), hostile_text), min_size=1, max_size=6),
    comment=st.one_of(vietnamese, _checked_text(2000)),
    settled_amount=st.one_of(st.none(), hostile_int),
    start=st.sampled_from(
        [ProjectStatus.DRAFT, ProjectStatus.PROPOSED, ProjectStatus.APPROVED, ProjectStatus.ACCEPTED]
    ),
)
def test_it_moves_projects_only_along_the_life_cycle(demo, personas, actions, comment, settled_amount, start):
    project = Project.objects.filter(status=start).order_by("pk").first()
    if project is None:
        return
    with rolled_back():
        for action in actions:
            before = project.status
            transitions = ProjectTransition.objects.filter(project=project).count()
            try:
                project_transition(
                    project=project, action=action, user=personas.leader, comment=comment, settled_amount=settled_amount
                )
            except ProjectTransitionError:
                project.refresh_from_db()
                assert project.status == before
                assert ProjectTransition.objects.filter(project=project).count() == transitions
                continue
            project.refresh_from_db()
            project.full_clean()
            assert project.status in ProjectStatus.values
            if project.settled_amount is not None:
                assert 0 <= project.settled_amount <= project.support_total
            last = ProjectTransition.objects.filter(project=project).latest("pk")
            assert (last.action, last.from_status, last.to_status) == (action, before, project.status)


# ---------------------------------------------------------------- admin forms

ADMIN_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label in {"accounts", "programs", "projects", "budgets"}
    ),
    key=lambda m: m._meta.label,
)


def _add_form_class(model, request):
    return admin.site._registry[model].get_form(request)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m._meta.label)
def test_it_survives_hostile_admin_add_forms(demo, personas, model, rf):
    request = rf.get("/")
    request.user = personas.admin
    model_admin = admin.site._registry[model]
    client = Client(raise_request_exception=True)
    client.force_login(personas.admin)
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"
    if not model_admin.has_add_permission(request):
        # A record only a service writes (the life-cycle record): no add form at all.
        assert client.post(url, {}).status_code == 403
        return
    form_class = _add_form_class(model, request)
    inline_management = {}
    for inline in model_admin.get_inline_instances(request):
        prefix = inline.get_formset(request).get_default_prefix()
        inline_management |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    @EXAMPLES
    @given(data=form_data(form_class))
    def post_hostile(data):
        with rolled_back():
            last_pk = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = client.post(url, {**data, **inline_management})
            assert response.status_code in (200, 302), response.status_code
            created = list(model.objects.filter(pk__gt=last_pk))
            if response.status_code == 200:
                assert created == []
            for obj in created:
                obj.full_clean()

    post_hostile()


def test_the_hostile_strategies_cover_both_normal_forms():
    import unicodedata

    from tests.hostile import VIETNAMESE

    nfd = unicodedata.normalize("NFD", VIETNAMESE[0])
    assert nfd != VIETNAMESE[0]
    assert unicodedata.normalize("NFC", nfd) == VIETNAMESE[0]
    assert dt.date(1, 1, 1) <= hostile_date.example() <= dt.date(9999, 12, 31)


@pytest.mark.parametrize("text", ["¹", "①", "١٢٣", "１２３", "²³⁴"])
def test_it_refuses_digits_that_are_not_ascii_in_money(text):
    from django import forms as django_forms

    from khuyencong.forms import MoneyField

    with pytest.raises(django_forms.ValidationError):
        MoneyField().clean(text)


def test_it_reads_no_version_from_a_row_key_with_other_digits():
    from imports.spec import split_row_key

    assert split_row_key("HN-01#v¹") == ("HN-01#v¹", None)
    assert split_row_key("HN-01#v2") == ("HN-01", 2)
