"""Disbursements stay within approved support and allocations; locked years refuse changes."""

import datetime as dt

import pytest

from budgets.services import AdvanceNeedsConfirmation, DisbursementRefused, disbursement_create
from programs.services import LockNotAllowed, YearLocked, annual_plan_set_lock
from projects.models import Project, ProjectStatus


@pytest.fixture
def under_way(demo):
    return Project.objects.get(code="HN2020-CM-005")


def _pay(project, user, amount, **extra):
    return disbursement_create(
        programme=project.programme,
        year=2020,
        content=project.content,
        funding_source="local",
        date=dt.date(2020, 12, 1),
        voucher_number=extra.pop("voucher", f"T-{amount}"),
        amount=amount,
        user=user,
        project=project,
        **extra,
    )


def test_a_payment_above_the_approved_support_is_refused(under_way, personas):
    assert under_way.status == ProjectStatus.UNDER_WAY
    with pytest.raises(DisbursementRefused, match="Vượt kinh phí hỗ trợ"):
        _pay(under_way, personas.staff, under_way.support_local + 1)


def test_a_large_advance_needs_confirmation(demo, personas):
    approved = Project.objects.get(code="HN2020-CM-004")
    assert approved.status == ProjectStatus.APPROVED
    assert not approved.disbursements.exists()
    limit = approved.support_local * 70 // 100
    _pay(approved, personas.staff, limit, is_advance=True, voucher="A-1")
    with pytest.raises(AdvanceNeedsConfirmation):
        _pay(approved, personas.staff, 1, is_advance=True, voucher="A-2")
    payment = _pay(approved, personas.staff, 1, is_advance=True, voucher="A-2", confirm_advance_over_limit=True)
    assert payment.amount == 1


def test_a_locked_year_refuses_payments(demo, personas):
    project = Project.objects.filter(programme=demo.hn2016, year=2019, status=ProjectStatus.SETTLED).first()
    with pytest.raises(YearLocked):
        disbursement_create(
            programme=demo.hn2016,
            year=2019,
            content=project.content,
            funding_source="local",
            date=dt.date(2019, 12, 1),
            voucher_number="X",
            amount=1,
            user=personas.staff,
        )


def test_only_a_centre_leader_locks_a_year(demo, personas):
    with pytest.raises(LockNotAllowed):
        annual_plan_set_lock(programme=demo.hn2016, year=2020, locked=True, user=personas.staff)
    plan = annual_plan_set_lock(programme=demo.hn2016, year=2020, locked=True, user=personas.leader)
    assert plan.is_locked
    assert plan.locked_by == personas.leader


def test_a_draft_project_is_not_paid(demo, personas):
    draft = Project.objects.get(code="HN2020-CM-001")
    with pytest.raises(DisbursementRefused, match="chưa được giải ngân"):
        _pay(draft, personas.staff, 1_000)


def test_a_voucher_dated_far_from_its_budget_year_is_refused(under_way, personas):
    with pytest.raises(DisbursementRefused, match="không thuộc năm ngân sách 2020"):
        disbursement_create(
            programme=under_way.programme,
            year=2020,
            content=under_way.content,
            funding_source="local",
            date=dt.date(2023, 1, 5),
            voucher_number="FAR-1",
            amount=1_000,
            user=personas.staff,
            project=under_way,
        )
