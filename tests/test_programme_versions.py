"""An adjustment is a new version with its own decision; the figures it replaced are kept."""

import datetime as dt
from decimal import Decimal

import pytest

from programs.services import AdjustmentInvalid, programme_adjust, target_figures_for_version


def test_an_adjustment_keeps_the_earlier_figures(demo, personas):
    programme = demo.hn2016
    version = programme_adjust(
        programme=programme,
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2018, 6, 1),
        decision_body="UBND Thành phố Hà Nội",
        user=personas.staff,
        summary="Giảm số lớp truyền nghề do điều chỉnh quy mô lớp.",
        planned_budget=150_000_000_000,
        target_changes={"3.1-LOP": {"value": Decimal(550)}},
    )
    programme.refresh_from_db()
    assert version.number == 2
    assert programme.planned_budget == 150_000_000_000
    assert programme.targets.get(code="3.1-LOP").value == 550
    original = target_figures_for_version(programme=programme, number=1)
    current = target_figures_for_version(programme=programme, number=2)
    assert Decimal(original["3.1-LOP"]["value"]) == 600
    assert Decimal(current["3.1-LOP"]["value"]) == 550
    assert version.previous_figures["planned_budget"] == 163_400_000_000
    assert [v.number for v in programme.versions.all()] == [1, 2]


def test_an_adjustment_of_an_unknown_target_is_refused(demo, personas):
    with pytest.raises(AdjustmentInvalid, match="Chỉ tiêu không có"):
        programme_adjust(
            programme=demo.hn2016,
            decision_number="1/QĐ",
            decision_date=dt.date(2018, 1, 1),
            decision_body="",
            user=personas.staff,
            summary="",
            target_changes={"KHONG-CO": {"value": 1}},
        )
    assert demo.hn2016.versions.count() == 1
