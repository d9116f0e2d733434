"""The execution rule in force for a project (reference data read on the project's start)."""

import datetime as dt

from django.db.models import Q

from execution.models import ExecutionRule
from projects.models import Project


def project_day(project: Project) -> dt.date:
    return project.start_date or dt.date(project.year, 1, 1)


def rule_in_force(project: Project) -> ExecutionRule | None:
    day = project_day(project)
    return (
        ExecutionRule.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )


def inspection_missing(project: Project) -> bool:
    """Whether acceptance must still wait for a field inspection (the rule asks for one and none is recorded)."""
    rule = rule_in_force(project)
    return bool(rule and rule.inspection_required and not project.inspections.exists())


def report_due_on(project: Project, month: dt.date) -> dt.date | None:
    """The day before which the report of `month` is due (the rule in force's deadline day of that month)."""
    rule = rule_in_force(project)
    if rule is None:
        return None
    return month.replace(day=rule.report_deadline_day)


def appraisal_missing(project: Project) -> bool:
    """Whether the appraisal step still lacks its record at the project's current level.

    A passed appraisal not yet tied to a step of the life cycle is the record the step takes.
    """
    from execution.models import Appraisal, AppraisalConclusion
    from projects.lifecycle import appraisal_level

    rule = rule_in_force(project)
    if rule is None or not rule.appraisal_required:
        return False
    return not Appraisal.objects.filter(
        project=project,
        level=appraisal_level(project.status),
        conclusion=AppraisalConclusion.PASSED,
        transition__isnull=True,
    ).exists()


def criteria_in_force(project: Project):
    from execution.models import AppraisalCriterion

    day = project_day(project)
    return (
        AppraisalCriterion.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("order", "code")
    )
