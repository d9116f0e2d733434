"""The rule every annual plan must keep, in one place: the page and the import call it.

The support that the years' plans ask for, counterpart funds excluded (they are the beneficiary's
own money, not the programme's), must stay within the programme's planned budget.
"""

from collections.abc import Iterable

from django.db.models import Sum
from django.utils.translation import gettext as _

from khuyencong.formatting import format_money
from khuyencong.problems import Problem, RecordInvalid
from programs.models import Programme


class PlanInvalid(RecordInvalid):
    """The plan breaks a rule; `problems` lists each with its field and Vietnamese message."""


def plan_budget_problems(*, programme: Programme, year: int, budgets: Iterable[tuple[str, int]]) -> list[Problem]:
    """What is wrong with `year`'s planned budgets ((funding source, amount) pairs, as they would be saved).

    The other years are read from the database as saved; `year`'s saved figures are replaced by `budgets`.
    """
    from budgets.models import FundingSource, PlannedBudget

    ceiling = programme.planned_budget
    if ceiling is None:
        return []
    other_years = (
        PlannedBudget.objects.filter(annual_plan__programme=programme)
        .exclude(annual_plan__year=year)
        .exclude(funding_source=FundingSource.COUNTERPART)
        .aggregate(t=Sum("amount"))["t"]
        or 0
    )
    total = other_years + sum(amount for source, amount in budgets if source != FundingSource.COUNTERPART)
    if total <= ceiling:
        return []
    return [
        Problem(
            "amount",
            _(
                "Tổng kinh phí kế hoạch các năm (%(total)s đồng) vượt tổng kinh phí "
                "của chương trình (%(budget)s đồng), vượt %(over)s đồng. Vốn đối ứng không tính vào tổng này."
            )
            % {"total": format_money(total), "budget": format_money(ceiling), "over": format_money(total - ceiling)},
        )
    ]
