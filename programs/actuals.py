"""A target's actual: delivered outputs of counting projects plus reported results, summed here only.

The programme page and every report read their actuals through `sum_actuals`;
the page passes the querysets the user may see (`policy.access`), the reports
the rows of their one statement, scoped the same way
(tests/test_target_actuals.py holds the two to the same figures).
"""

from collections.abc import Hashable, Iterable
from decimal import Decimal

from django.db.models import QuerySet, Sum

from programs.models import Programme, Result
from projects.lifecycle import COUNTING_STATUSES
from projects.models import Project, ProjectOutput


def sum_actuals[Key: Hashable](
    delivered: Iterable[tuple[Key, Decimal | int | None]], reported: Iterable[tuple[Key, Decimal | int | None]]
) -> dict[Key, Decimal]:
    """Outputs plus results, by target (or by year): the one place the two are added."""
    actual: dict[Key, Decimal] = {}
    for rows in (delivered, reported):
        for key, total in rows:
            actual[key] = actual.get(key, Decimal(0)) + Decimal(total or 0)
    return actual


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
    return sum_actuals(delivered, reported)
