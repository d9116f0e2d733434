"""The leaders' overview: each target judged against the share of the period elapsed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from programs.models import (
    Programme,
)
from reports.build import _build_report
from reports.plan import PlanTarget
from reports.rows import Percent, Report

# ---------------------------------------------------------------- overview


@dataclass
class TargetStatus:
    target: PlanTarget
    actual: Decimal
    percent: Percent
    status: str  # achieved, on_track, behind, no_plan
    gap: Decimal  # expected share minus completion, in points: the larger, the more at risk


STATUS_LABELS = {
    "achieved": "Đã đạt",
    "on_track": "Đúng tiến độ",
    "behind": "Chậm tiến độ",
    "no_plan": "Không có kế hoạch",
}


def elapsed_share(programme: Programme, today: dt.date) -> Decimal:
    """Share of the programme period gone by on `today`, between 0 and 1."""
    start, end = dt.date(programme.first_year, 1, 1), dt.date(programme.last_year, 12, 31)
    if today <= start:
        return Decimal(0)
    if today >= end:
        return Decimal(1)
    return Decimal((today - start).days) / Decimal((end - start).days)


@dataclass
class Overview:
    report: Report
    targets: list[TargetStatus]
    elapsed: Decimal
    budget_by_year: list[dict[str, Any]]


def build_overview(
    *,
    programme: Programme,
    user: User,
    today: dt.date | None = None,
    until: dt.date | None = None,
    filters: dict[str, str] | None = None,
) -> Overview:
    """The leaders' view: each target judged against the share of the period elapsed, most at risk first."""
    today = today or until or timezone.localdate()
    report, data = _build_report(
        "summary", programme=programme, user=user, until=until, filters=filters, money_by_year=True
    )
    elapsed = elapsed_share(programme, today)
    expected = elapsed * 100
    targets_by_code = {r["code"]: PlanTarget(**r) for r in data["targets"]}
    statuses = []
    for row in report.rows:
        if row.style != "item":
            continue
        percent: Percent = row.cells["percent"]
        if percent.value is None:
            status, gap = "no_plan", Decimal(-1000)
        elif percent.met:
            status, gap = "achieved", expected - percent.value
        else:
            status = "on_track" if percent.value >= expected else "behind"
            gap = expected - percent.value
        statuses.append(TargetStatus(targets_by_code[row.cells["target"]], row.cells["actual"], percent, status, gap))
    statuses.sort(key=lambda s: (s.status == "no_plan", s.status == "achieved", -s.gap))
    planned, allocated, disbursed = (
        {r["year"]: r["total"] for r in data[name]}
        for name in ("planned_by_year", "allocated_by_year", "disbursed_by_year")
    )
    budget = [
        {
            "year": year,
            "planned": planned.get(year, 0),
            "allocated": allocated.get(year, 0),
            "disbursed": disbursed.get(year, 0),
        }
        for year in programme.years
    ]
    return Overview(report=report, targets=statuses, elapsed=elapsed, budget_by_year=budget)
