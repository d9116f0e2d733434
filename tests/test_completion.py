"""Completion is computed in one function; these pin it to the seed's own percentages."""

from decimal import Decimal

import pytest

from khuyencong.formatting import format_percent
from programs.completion import completion, money_completion
from programs.models import TargetKind


@pytest.mark.parametrize(
    ("actual", "plan", "decimals", "printed"),
    [
        (17_800, 25_000, 1, "71,2%"),  # 1.1 workers trained
        (3_000, 7_300, 1, "41,1%"),  # 1.2 managers
        (1_800, 1_900, 1, "94,7%"),  # 1.2 officials
        (4, 10, 1, "40%"),  # 1.2 workshops
        (2, 10, 1, "20%"),  # 1.3 demonstration models
        (38, 120, 2, "31,67%"),  # 1.3 machinery projects
        (5, 5, 1, "100%"),  # 1.4 fairs, 1.5 contests
        (187, 100, 1, "187%"),  # 1.4 enterprises at fairs
        (39, 30, 1, "130%"),  # 1.5 design support
    ],
)
def test_it_reproduces_the_seed_percentages(actual, plan, decimals, printed):
    result = completion(kind=TargetKind.EXACT, actual=actual, value=plan)
    assert format_percent(result.percent, decimals) == printed


def test_it_reproduces_the_budget_percentages():
    allocated = money_completion(82_155_000_000, 86_000_000_000)
    disbursed = money_completion(77_630_000_000, 82_155_000_000)
    assert format_percent(allocated.percent, 2) == "95,53%"
    assert format_percent(disbursed.percent, 1) == "94,5%"


def test_ratios_are_exact_until_displayed():
    result = completion(kind=TargetKind.EXACT, actual=38, value=120)
    assert result.percent == Decimal(38) * 100 / Decimal(120)
    assert isinstance(result.percent, Decimal)


def test_a_range_is_met_at_its_low_bound_and_shown_against_both():
    below = completion(kind=TargetKind.RANGE, actual=70, low=80, high=100)
    at_low = completion(kind=TargetKind.RANGE, actual=80, low=80, high=100)
    assert below.met is False
    assert at_low.met is True
    assert at_low.percent == 100
    assert at_low.percent_high == 80


def test_at_least_is_met_at_its_figure():
    assert completion(kind=TargetKind.AT_LEAST, actual=7_000, value=7_000).met is True
    assert completion(kind=TargetKind.AT_LEAST, actual=6_999, value=7_000).met is False


def test_at_most_is_met_while_under_its_figure():
    assert completion(kind=TargetKind.AT_MOST, actual=3, value=5).met is True
    assert completion(kind=TargetKind.AT_MOST, actual=6, value=5).met is False


def test_growth_rate_is_judged_against_the_band():
    result = completion(kind=TargetKind.GROWTH_RATE, actual=Decimal("13.5"), low=12, high=15)
    assert result.met is True
    assert format_percent(result.percent, 1) == "112,5%"
    assert format_percent(result.percent_high, 1) == "90%"


def test_value_by_year_compares_with_its_figure():
    result = completion(kind=TargetKind.VALUE_BY_YEAR, actual=318, value=400)
    assert result.met is False
    assert format_percent(result.percent, 1) == "79,5%"


def test_a_target_without_a_figure_has_no_completion():
    result = completion(kind=TargetKind.EXACT, actual=473, value=None)
    assert result.percent is None
    assert format_percent(result.percent) == "—"


def test_a_zero_plan_has_no_completion_rather_than_an_error():
    assert completion(kind=TargetKind.EXACT, actual=5, value=0).percent is None
