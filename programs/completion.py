"""Completion of a plan: the one place where actual is compared with plan.

Every report (page, Excel, PDF, JSON) calls `completion()`; nothing else
divides actual by plan. Ratios stay exact Decimals here and are rounded only
when displayed (`khuyencong.formatting.format_percent`).
"""

from dataclasses import dataclass
from decimal import Decimal

from programs.models import TargetKind

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Completion:
    """Percent of plan achieved. `percent_high` is set for ranges (measured against the upper bound)."""

    percent: Decimal | None
    percent_high: Decimal | None = None
    met: bool | None = None

    @property
    def has_plan(self) -> bool:
        return self.percent is not None


NO_PLAN = Completion(percent=None)


def _percent(actual: Decimal, plan: Decimal | int | None) -> Decimal | None:
    if plan is None or plan == 0:
        return None
    return Decimal(actual) * HUNDRED / Decimal(plan)


def completion(
    *,
    kind: str,
    actual: Decimal | int | None,
    value: Decimal | int | None = None,
    low: Decimal | int | None = None,
    high: Decimal | int | None = None,
) -> Completion:
    """Actual over plan, by the kind of target.

    - exact, at least, value by a year: met when actual reaches the figure;
    - at most: met while actual stays at or under the figure;
    - range and growth rate: met at the low bound, shown against both bounds.
    """
    if actual is None:
        return NO_PLAN
    actual = Decimal(actual)
    if kind in (TargetKind.RANGE, TargetKind.GROWTH_RATE):
        if low is None or high is None:
            return NO_PLAN
        return Completion(
            percent=_percent(actual, low), percent_high=_percent(actual, high), met=actual >= Decimal(low)
        )
    if value is None:
        return NO_PLAN
    percent = _percent(actual, value)
    if kind == TargetKind.AT_MOST:
        return Completion(percent=percent, met=actual <= Decimal(value))
    return Completion(percent=percent, met=actual >= Decimal(value))


def money_completion(actual: int | None, plan: int | None) -> Completion:
    """Allocated over planned, disbursed over allocated."""
    if actual is None:
        return NO_PLAN
    return completion(kind=TargetKind.EXACT, actual=actual, value=plan)
