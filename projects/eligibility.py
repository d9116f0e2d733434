"""Who may be supported: a project's beneficiaries against the eligibility rules in force on its date.

The rules are reference data (EligibilityRule): Nghị định 45/2012/NĐ-CP until 14/10/2025, Nghị định
235/2025/NĐ-CP from 15/10/2025. A project approved before keeps its rules, so a project at or past
approval is never judged again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import AdministrativeUnit, UnitType
from khuyencong.problems import Problem
from projects.lifecycle import COUNTING_STATUSES
from projects.models import (
    Beneficiary,
    BeneficiaryKind,
    EligibilityRule,
    LocationCondition,
    Project,
)


def project_day(project: Project) -> dt.date:
    """The day a project is judged on: its start date, else the first day of its plan year."""
    return project.start_date or dt.date(project.year, 1, 1)


def _province(unit: AdministrativeUnit | None) -> AdministrativeUnit | None:
    while unit is not None and unit.parent_id is not None:
        unit = unit.parent
    return unit


def _place_allows(rule: EligibilityRule, beneficiary: Beneficiary) -> bool:
    if rule.location == LocationCondition.ANYWHERE:
        return True
    # A ward of a centrally-run city is outside, unless the establishment is in a craft village
    # recognised by the province (the craft village field is filled only for recognised villages).
    if beneficiary.craft_village.strip():
        return True
    unit = beneficiary.administrative_unit
    if unit.unit_type != UnitType.WARD:
        return True
    province = _province(unit)
    return province is None or province.unit_type != UnitType.CENTRAL_CITY


def beneficiary_problem(beneficiary: Beneficiary, day: dt.date) -> str | None:
    """Why the beneficiary cannot be supported on `day`, naming the rule and its basis; None if it can."""
    rules = list(
        EligibilityRule.objects.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )
    if not rules:
        return None  # no rules entered for that day: nothing to judge against
    kind_rules = [rule for rule in rules if rule.kind == beneficiary.kind]
    if not kind_rules:
        bases = sorted({rule.legal_basis for rule in rules})
        return _("Cơ sở «%(name)s» (%(kind)s) không thuộc đối tượng được hỗ trợ theo %(basis)s.") % {
            "name": beneficiary.name,
            "kind": BeneficiaryKind(beneficiary.kind).label,
            "basis": "; ".join(bases),
        }
    if any(_place_allows(rule, beneficiary) for rule in kind_rules):
        return None
    rule = kind_rules[0]
    return _(
        "Cơ sở «%(name)s» tại %(unit)s không thuộc đối tượng được hỗ trợ theo %(basis)s: đối tượng là %(wording)s."
    ) % {
        "name": beneficiary.name,
        "unit": beneficiary.administrative_unit.name,
        "basis": rule.legal_basis,
        "wording": rule.wording,
    }


def eligibility_problems(project: Project, beneficiaries: Iterable[Beneficiary] | None = None) -> list[Problem]:
    """The beneficiaries of `project` that the rules in force on its date do not allow.

    `beneficiaries` are those about to be saved (a new project has none stored yet); by default
    the stored ones. A project approved or later keeps the rules it was approved under.
    """
    if project.status in COUNTING_STATUSES:
        return []
    if project.pk is not None:
        stored_status = Project.objects.filter(pk=project.pk).values_list("status", flat=True).first()
        if stored_status in COUNTING_STATUSES:
            return []
    if beneficiaries is None:
        beneficiaries = project.beneficiaries.all() if project.pk is not None else []
    day = project_day(project)
    problems = []
    for beneficiary in beneficiaries:
        message = beneficiary_problem(beneficiary, day)
        if message:
            problems.append(Problem("beneficiaries", message))
    return problems
