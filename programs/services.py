"""Writes to programmes, plans and results."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from programs.models import AnnualPlan, Programme, ProgrammeLevel, ProgrammeVersion, Result, Target
from programs.validation import PlanInvalid, plan_budget_problems


class YearLocked(Exception):
    """The centre leader has locked this year's figures."""

    def __init__(self, programme: Programme, year: int):
        self.programme, self.year = programme, year
        super().__init__(
            _(
                "Số liệu năm %(year)s của chương trình %(code)s đã bị khóa; "
                "đề nghị lãnh đạo Trung tâm mở khóa trước khi sửa."
            )
            % {"year": year, "code": programme.code}
        )


class YearOutsideProgramme(Exception):
    def __init__(self, programme: Programme, year: int):
        super().__init__(
            _("Năm %(year)s nằm ngoài giai đoạn %(first)s–%(last)s của chương trình %(code)s.")
            % {"year": year, "first": programme.first_year, "last": programme.last_year, "code": programme.code}
        )


class LockNotAllowed(Exception):
    pass


def ensure_year_open(*, programme: Programme | int, year: int) -> None:
    """Refuse a change to a year whose figures are locked or outside the programme."""
    if not isinstance(programme, Programme):
        programme = Programme.objects.get(pk=programme)
    if year not in programme.years:
        raise YearOutsideProgramme(programme, year)
    if AnnualPlan.objects.filter(programme=programme, year=year, is_locked=True).exists():
        raise YearLocked(programme, year)


@transaction.atomic
def annual_plan_set_lock(*, programme: Programme, year: int, locked: bool, user: User) -> AnnualPlan:
    """Lock or unlock a year's figures: a centre leader for a local programme, the ministry for a
    national one (or an administrator)."""
    if programme.level == ProgrammeLevel.NATIONAL and user.role in (Role.MINISTRY_OFFICER, Role.ADMINISTRATOR):
        pass
    elif programme.level == ProgrammeLevel.NATIONAL:
        raise LockNotAllowed(_("Chỉ Cục được khóa hoặc mở khóa số liệu năm của chương trình khuyến công quốc gia."))
    elif user.role not in (Role.CENTRE_LEADER, Role.ADMINISTRATOR):
        raise LockNotAllowed(_("Chỉ lãnh đạo Trung tâm Khuyến công được khóa hoặc mở khóa số liệu năm."))
    plan, _created = AnnualPlan.objects.select_for_update().get_or_create(programme=programme, year=year)
    plan.is_locked = locked
    plan.locked_by = user
    plan.locked_at = timezone.now()
    plan.lock_version += 1
    plan.save(update_fields=["is_locked", "locked_by", "locked_at", "lock_version", "updated_at"])
    return plan


class TargetNotAllowed(Exception):
    pass


@transaction.atomic
def target_add(*, target: Target, user: User) -> Target:
    """Add a target to its programme: who manages the programme (the ministry for a national one)."""
    from policy.access import may  # the access layer sits above the programme models

    if not may(user, "programs.add_target", target.programme):
        raise TargetNotAllowed(_("Bạn không có quyền thêm chỉ tiêu cho chương trình này."))
    target.order = target.programme.targets.count()
    target.full_clean()
    target.save()
    return target


class AdjustmentInvalid(Exception):
    pass


TARGET_FIGURES = ("kind", "value", "low", "high", "target_year")


def _target_figures(target: Target) -> dict[str, str | int | None]:
    return {
        "kind": target.kind,
        "value": None if target.value is None else str(target.value),
        "low": None if target.low is None else str(target.low),
        "high": None if target.high is None else str(target.high),
        "target_year": target.target_year,
    }


@transaction.atomic
def programme_adjust(
    *,
    programme: Programme,
    decision_number: str,
    decision_date: dt.date,
    decision_body: str,
    user: User | None,
    summary: str,
    planned_budget: int | None = None,
    target_changes: dict[str, dict[str, object]] | None = None,
) -> ProgrammeVersion:
    """Record an adjustment as a new version tied to its own decision.

    The figures it replaces are kept on the new version, so the previous
    version can still be reported against.
    """
    if not decision_number.strip():
        raise AdjustmentInvalid("Cần số quyết định điều chỉnh.")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    targets = {t.code: t for t in programme.targets.all()}
    unknown = set(target_changes or {}) - set(targets)
    if unknown:
        raise AdjustmentInvalid(f"Chỉ tiêu không có trong chương trình: {', '.join(sorted(unknown))}.")
    last = programme.versions.order_by("-number").first()
    version = ProgrammeVersion.objects.create(
        programme=programme,
        number=(last.number if last else 0) + 1,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        decision_body=decision_body,
        planned_budget=planned_budget if planned_budget is not None else programme.planned_budget,
        summary=summary,
        previous_figures={
            "planned_budget": programme.planned_budget,
            "targets": {code: _target_figures(t) for code, t in targets.items()},
        },
        created_by=user,
    )
    for code, changes in (target_changes or {}).items():
        target = targets[code]
        for field, value in changes.items():
            if field not in TARGET_FIGURES:
                raise AdjustmentInvalid(f"Không điều chỉnh được trường «{field}» của chỉ tiêu.")
            setattr(target, field, value)
        target.lock_version += 1
        target.save(update_fields=[*changes, "lock_version"])
    if planned_budget is not None:
        programme.planned_budget = planned_budget
        programme.lock_version += 1
        programme.save(update_fields=["planned_budget", "lock_version", "updated_at"])
    return version


def target_figures_for_version(*, programme: Programme, number: int) -> dict[str, dict[str, str | int | None]]:
    """Each target's figures as version `number` of the programme approved them.

    A version's figures are the snapshot kept by the adjustment that replaced
    it, or the current figures if no adjustment has replaced it yet.
    """
    replacing = programme.versions.filter(number=number + 1).first()
    if replacing is not None:
        return replacing.previous_figures["targets"]
    return {t.code: _target_figures(t) for t in programme.targets.all()}


class PlanOverProgrammeBudget(PlanInvalid):
    """The years' plans together ask for more than the programme's planned budget."""


@transaction.atomic
def annual_plan_save_grid(
    *,
    plan: AnnualPlan,
    expected_version: int,
    quantities: dict[int, Decimal | None],
    budgets: dict[tuple[int, str], int | None],
    user: User,
) -> AnnualPlan:
    """Write a year's target quantities and budgets at once, or nothing.

    Refused when the year is locked, when someone saved the plan meanwhile
    (`ConcurrentEditError`), or when the years' support budgets together
    exceed the programme's planned budget.
    """
    from budgets.models import PlannedBudget
    from khuyencong.concurrency import save_versioned
    from programs.models import AnnualPlanTarget

    programme = plan.programme
    ensure_year_open(programme=programme, year=plan.year)
    save_versioned(plan, expected_version=expected_version, fields=["status"])
    for target_id, quantity in quantities.items():
        if quantity is None:
            AnnualPlanTarget.objects.filter(annual_plan=plan, target_id=target_id).delete()
        else:
            AnnualPlanTarget.objects.update_or_create(
                annual_plan=plan, target_id=target_id, defaults={"quantity": quantity}
            )
    for (content_id, source), amount in budgets.items():
        if amount is None:
            PlannedBudget.objects.filter(annual_plan=plan, content_id=content_id, funding_source=source).delete()
        else:
            PlannedBudget.objects.update_or_create(
                annual_plan=plan, content_id=content_id, funding_source=source, defaults={"amount": amount}
            )
    saved = PlannedBudget.objects.filter(annual_plan=plan).values_list("funding_source", "amount")
    problems = (
        plan_budget_problems(programme=programme, year=plan.year, budgets=list(saved))
        if programme.planned_budget is not None  # no ceiling: no query
        else []
    )
    if problems:
        raise PlanOverProgrammeBudget(problems)  # the atomic block undoes what was written above
    return plan


@transaction.atomic
def result_save(*, result: Result, expected_version: int | None, user: User) -> Result:
    """Create (expected_version None) or update a result; refused in a locked year."""
    from khuyencong.concurrency import save_versioned

    ensure_year_open(programme=result.target.programme, year=result.year)
    if expected_version is None:
        result.entered_by = user
        result.save()
        return result
    before = type(result).objects.get(pk=result.pk)
    ensure_year_open(programme=before.target.programme_id, year=before.year)
    save_versioned(
        result,
        expected_version=expected_version,
        fields=["target", "year", "quantity", "administrative_unit", "organisation", "note"],
    )
    return result
