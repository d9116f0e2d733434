"""The database itself refuses bad money and impossible states, even through `update()`."""

import pytest
from django.db import IntegrityError, transaction

from budgets.models import Allocation, Disbursement, PlannedBudget
from programs.models import Programme, Target
from projects.models import Beneficiary, Project


def _refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_negative_amounts_are_refused_through_queryset_update(demo):
    _refused(Disbursement.objects.filter(programme=demo.hn2011), amount=-1)
    _refused(Disbursement.objects.filter(programme=demo.hn2011), amount=0)
    _refused(Allocation.objects.filter(programme=demo.hn2011), amount=-1)
    _refused(PlannedBudget.objects.filter(annual_plan__programme=demo.hn2011), amount=-5)
    _refused(Project.objects.filter(programme=demo.hn2011), support_local=-1)
    _refused(Project.objects.filter(programme=demo.hn2011), counterpart=-1)
    _refused(Programme.objects.filter(pk=demo.hn2011.pk), planned_budget=-86)


def test_impossible_states_are_refused(demo):
    _refused(Project.objects.filter(programme=demo.hn2011), status="flying")
    _refused(Programme.objects.filter(pk=demo.hn2011.pk), last_year=2000)
    # A settlement above the approved support, or on a project not settled.
    _refused(Project.objects.filter(code="HN2011-TN-001"), settled_amount=10**15)
    _refused(Project.objects.filter(status="draft"), settled_amount=1)
    # A range whose bounds are reversed.
    _refused(Target.objects.filter(code="3.4-NN"), low=120)


def test_nothing_changed_after_refusals(demo):
    total_before = sum(Disbursement.objects.filter(programme=demo.hn2011).values_list("amount", flat=True))
    with pytest.raises(IntegrityError), transaction.atomic():
        Disbursement.objects.filter(programme=demo.hn2011).update(amount=-1)
    assert (
        sum(Disbursement.objects.filter(programme=demo.hn2011).values_list("amount", flat=True))
        == total_before
        == 77_630_000_000
    )


def test_tax_code_is_unique_where_given(demo):
    existing = Beneficiary.objects.exclude(tax_code="").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Beneficiary.objects.create(
            name="Trùng mã số thuế",
            kind="enterprise",
            tax_code=existing.tax_code,
            administrative_unit=existing.administrative_unit,
        )
    # Establishments without a tax code are many, and that is allowed.
    for name in ("Cơ sở A", "Cơ sở B"):
        Beneficiary.objects.create(
            name=name, kind="household", tax_code="", administrative_unit=existing.administrative_unit
        )
