"""A target's actual: delivered outputs of counting projects plus reported results, plus the effect after
acceptance of accepted projects for the targets that measure it (`Target.effect_measure`), summed here only.

The programme page and every report read their actuals through `sum_actuals`;
the page passes the querysets the user may see (`policy.access`), the reports
the rows of their one statement, scoped the same way
(tests/test_target_actuals.py holds the two to the same figures).
"""

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal

from django.db.models import Case, DecimalField, F, QuerySet, Subquery, Sum, Value, When

from programs.models import EffectMeasure, Programme, Result, Target
from projects.lifecycle import ACCEPTED_STATUSES, COUNTING_STATUSES
from projects.models import Project, ProjectOutput

type Rows[Key] = Iterable[tuple[Key, Decimal | int | None]]

# How each effect measure reads the columns of `execution_effect`: (added, subtracted).
EFFECT_COLUMNS: dict[str, tuple[str, str | None]] = {
    EffectMeasure.JOBS_CREATED: ("jobs_created", None),
    EffectMeasure.NEW_PRODUCTS: ("new_products", None),
    EffectMeasure.BUDGET_CONTRIBUTION: ("budget_contribution", None),
    EffectMeasure.REVENUE_INCREASE: ("revenue_after", "revenue_before"),
    EffectMeasure.PRODUCTION_VALUE_INCREASE: ("production_value_after", "production_value_before"),
}
# Effects count once the project is accepted (nghiệm thu): the figures are measured after it.
EFFECT_STATUSES: tuple[str, ...] = ACCEPTED_STATUSES


def sum_actuals[Key: Hashable](delivered: Rows[Key], reported: Rows[Key], *more: Rows[Key]) -> dict[Key, Decimal]:
    """Outputs plus results (plus effects), by target (or by year): the one place they are added."""
    actual: dict[Key, Decimal] = {}
    for rows in (delivered, reported, *more):
        for key, total in rows:
            actual[key] = actual.get(key, Decimal(0)) + Decimal(total or 0)
    return actual


def effect_sql_sums(alias: str = "e") -> str:
    """The SELECT list that sums every measure over effect rows `alias` (one column per measure)."""
    parts = []
    for measure, (added, subtracted) in EFFECT_COLUMNS.items():
        expression = f"{alias}.{added}" + (f" - {alias}.{subtracted}" if subtracted else "")
        parts.append(f"SUM({expression}) AS {measure}")
    return ", ".join(parts)


def effect_orm_sums() -> dict[str, Sum]:
    """The same sums as `effect_sql_sums`, for the ORM."""
    sums = {}
    for measure, (added, subtracted) in EFFECT_COLUMNS.items():
        sums[str(measure)] = Sum(F(added) - F(subtracted)) if subtracted else Sum(added)
    return sums


def effect_rows[Key: Hashable](
    measures: Iterable[tuple[int, str]],
    totals: Mapping[Key, Mapping[str, Decimal | int | None]],
    *,
    key: Key | None = None,
) -> list[tuple[Key, Decimal | int | None]]:
    """The effect totals as rows for `sum_actuals`: for each target (id, measure) that measures an effect.

    `totals` maps a group (None for the whole scope, or a year) to its sums by measure; the row's key is
    the target id, or the group when `key` is "group" (a target's actual by year).
    """
    rows: list[tuple[Key, Decimal | int | None]] = []
    for target_id, measure in measures:
        if not measure:
            continue
        for group, sums in totals.items():
            rows.append((group if key == "group" else target_id, sums.get(measure)))  # type: ignore[arg-type]
    return rows


def effect_totals(projects: QuerySet[Project], group: str | None = None) -> dict:
    """Effect sums by measure over the accepted projects given, for the whole (None) or by `group`."""
    from execution.models import Effect  # execution stands above programs and projects

    effects = Effect.objects.filter(project__in=projects.filter(status__in=EFFECT_STATUSES))
    if group is None:
        return {None: effects.aggregate(**effect_orm_sums())}
    return {row.pop(group): row for row in effects.values(group).annotate(**effect_orm_sums()).order_by()}


def target_actuals(
    programme: Programme, *, projects: QuerySet[Project], results: QuerySet[Result]
) -> dict[int, Decimal]:
    """Each target's actual over the projects and results given (those the user may see)."""
    delivered = (
        ProjectOutput.objects.filter(
            target__programme=programme, project__in=projects.filter(status__in=COUNTING_STATUSES)
        )
        .values_list("target_id")
        .annotate(total=Sum("delivered"))
        .order_by()
    )
    reported = (
        results.filter(target__programme=programme).values_list("target_id").annotate(total=Sum("quantity")).order_by()
    )
    return sum_actuals(delivered, reported, target_effects(programme, projects=projects))


def target_effects(programme: Programme, *, projects: QuerySet[Project]) -> QuerySet:
    """(target id, effect) for each target of `programme` that measures an effect: one query.

    The effects of the accepted projects given are summed in a subquery per measure.
    """
    from execution.models import Effect  # execution stands above programs and projects

    effects = Effect.objects.filter(
        project__in=projects.filter(programme=programme, status__in=EFFECT_STATUSES)
    ).annotate(one=Value(1))
    sums = effect_orm_sums()
    cases = [
        When(effect_measure=measure, then=Subquery(effects.values("one").annotate(total=sums[measure]).values("total")))
        for measure in EFFECT_COLUMNS
    ]
    return (
        Target.objects.filter(programme=programme)
        .exclude(effect_measure="")
        .annotate(total=Case(*cases, output_field=DecimalField()))
        .values_list("id", "total")
    )
