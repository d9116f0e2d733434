"""Reads for the programme pages."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from accounts.models import User
from budgets.models import FundingSource, PlannedBudget
from policy.access import visible_programmes
from programs.actuals import target_actuals
from programs.completion import Completion, completion
from programs.models import AnnualPlan, AnnualPlanTarget, Content, Programme, Result, Target
from projects.models import Project


def programme_list(user: User) -> QuerySet[Programme]:
    """The programmes the user may see: their province's and the national ones."""
    queryset = Programme.objects.select_related("owner", "administrative_unit").order_by("-first_year", "code")
    return visible_programmes(user, queryset)


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: Decimal
    completion: Completion

    @property
    def bar_value(self) -> Decimal:
        """The bar is capped at 100; the figure beside it is not."""
        if self.completion.percent is None:
            return Decimal(0)
        return min(self.completion.percent, Decimal(100))


@dataclass
class ContentNode:
    content: Content
    depth: int
    targets: list[TargetProgress]


def programme_tree(
    programme: Programme, *, projects: QuerySet[Project], results: QuerySet[Result]
) -> tuple[list[ContentNode], list[TargetProgress]]:
    """Contents in their numbering order, each with its targets' progress; then programme-level objectives.

    `projects` and `results` are those the user may see: a district officer's actuals are their unit's.
    """
    actual = target_actuals(programme, projects=projects, results=results)
    by_content: dict[int | None, list[TargetProgress]] = {}
    for target in programme.targets.order_by("order", "code"):
        value = actual.get(target.pk, Decimal(0))
        progress = TargetProgress(
            target=target,
            actual=value,
            completion=completion(kind=target.kind, actual=value, value=target.value, low=target.low, high=target.high),
        )
        by_content.setdefault(target.content_id, []).append(progress)
    nodes = [
        ContentNode(content=c, depth=c.number.count(".") + 1, targets=by_content.get(c.pk, []))
        for c in programme.contents.order_by("sort_key")
    ]
    return nodes, by_content.get(None, [])


def annual_plans(programme: Programme) -> QuerySet[AnnualPlan]:
    return programme.annual_plans.select_related("locked_by").order_by("year")


@dataclass
class PlanGrid:
    plan: AnnualPlan
    targets: list[tuple[Target, Decimal | None]]
    contents: list[tuple[Content, dict[str, int | None]]]
    other_years_budget: int


def plan_grid(plan: AnnualPlan) -> PlanGrid:
    programme = plan.programme
    saved = plan.pk is not None
    quantities = (
        {row.target_id: row.quantity for row in AnnualPlanTarget.objects.filter(annual_plan_id=plan.pk)}
        if saved
        else {}
    )
    amounts: dict[int, dict[str, int | None]] = {}
    for row in PlannedBudget.objects.filter(annual_plan_id=plan.pk) if saved else []:
        amounts.setdefault(row.content_id, {})[row.funding_source] = row.amount
    targets = [
        (t, quantities.get(t.pk))
        for t in programme.targets.filter(content__isnull=False).select_related("content").order_by("order", "code")
    ]
    contents = [
        (c, {s: amounts.get(c.pk, {}).get(s) for s in FundingSource.values})
        for c in programme.contents.order_by("sort_key")
    ]
    other = (
        PlannedBudget.objects.filter(annual_plan__programme=programme)
        .exclude(annual_plan_id=plan.pk or 0)
        .exclude(funding_source=FundingSource.COUNTERPART)
        .aggregate(t=Sum("amount"))["t"]
        or 0
    )
    return PlanGrid(plan=plan, targets=targets, contents=contents, other_years_budget=other)


def results_for(programme: Programme, queryset: QuerySet[Result]) -> QuerySet[Result]:
    return queryset.filter(target__programme=programme).select_related("target", "administrative_unit", "organisation")
