"""Summary and annual reports: targets against plan, money by content (and source), projects by status."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from budgets.models import FundingSource
from khuyencong.formatting import format_number
from programs.actuals import EFFECT_STATUSES, effect_rows, effect_sql_sums, sum_actuals
from programs.completion import completion, money_completion
from programs.models import (
    Programme,
    TargetKind,
)
from projects.lifecycle import COUNTING_STATUSES
from projects.models import ProjectStatus
from reports.rows import Column, Percent, Row, Table
from reports.scope import COUNTING_SQL, Scope
from reports.sql import Part

# ---------------------------------------------------------------- builders

_EFFECT_SQL = ", ".join(["%s"] * len(EFFECT_STATUSES))


def _plan_text(target: PlanTarget) -> Decimal | str | None:
    if target.kind in (TargetKind.RANGE, TargetKind.GROWTH_RATE):
        return f"{format_number(target.low, 2)}-{format_number(target.high, 2)}"
    return target.value


@dataclass(slots=True)
class PlanContent:
    id: int
    number: str
    title: str
    sort_key: str


@dataclass(slots=True)
class PlanTarget:
    id: int
    content_id: int | None
    code: str
    name: str
    unit: str
    kind: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    percent_decimals: int
    order: int
    effect_measure: str


PlanData = dict[str, list[dict[str, Any]]]


def _plan_parts(scope: Scope, *, annual: bool) -> tuple[dict[str, Part], dict[str, Part]]:
    """Every aggregate the summary (or annual) report reads: the statement's common tables and its parts."""
    programme = scope.programme.pk
    content_ids, content_params = scope._content_ids_sql() if scope.filters.get("content") else ("", [])
    results, result_params = scope.results_sql("r", "t")
    common: dict[str, Part] = {}
    parts: dict[str, Part] = {
        "contents": (
            "SELECT id, number, title, sort_key FROM programs_content WHERE programme_id = %s"
            + (f" AND id IN {content_ids}" if content_ids else ""),
            [programme, *content_params],
        ),
        "targets": (
            'SELECT id, content_id, code, name, unit, kind, value, low, high, percent_decimals, "order", '
            "effect_measure FROM programs_target WHERE programme_id = %s"
            + (f" AND content_id IN {content_ids}" if content_ids else ""),
            [programme, *content_params],
        ),
        "reported": (
            "SELECT r.target_id, SUM(r.quantity) AS total FROM programs_result r "
            f"JOIN programs_target t ON t.id = r.target_id WHERE {results} GROUP BY r.target_id",
            result_params,
        ),
    }
    if annual:
        # The year's projects are read once: by status (today's status, whatever the cut-off
        # date) and, for those that count and finished by the cut-off, their outputs.
        projects, project_params = scope.projects_sql("j", until=False)
        common["scoped"] = (
            "SELECT j.id, j.year, j.end_date, j.status, j.support_national, j.support_local, j.counterpart "
            f"FROM projects_project j WHERE {projects}",
            project_params,
        )
        cut_off, cut_off_params = scope.until_sql("j")
        parts["delivered"] = (
            "SELECT o.target_id, SUM(o.delivered) AS total FROM projects_projectoutput o "
            f"JOIN scoped j ON j.id = o.project_id WHERE j.status IN ({COUNTING_SQL})"
            + (f" AND {cut_off}" if cut_off else "")
            + " GROUP BY o.target_id",
            [*COUNTING_STATUSES, *cut_off_params],
        )
        parts["effects"] = (
            f"SELECT {effect_sql_sums('e')} FROM execution_effect e JOIN scoped j ON j.id = e.project_id "
            f"WHERE j.status IN ({_EFFECT_SQL})" + (f" AND {cut_off}" if cut_off else ""),
            [*EFFECT_STATUSES, *cut_off_params],
        )
        parts["statuses"] = (
            "SELECT j.status, COUNT(*) AS count, SUM(j.support_national) + SUM(j.support_local) AS support, "
            "SUM(j.counterpart) AS counterpart FROM scoped j GROUP BY j.status",
            [],
        )
    else:
        projects, project_params = scope.projects_sql("j")
        parts["delivered"] = (
            "SELECT o.target_id, SUM(o.delivered) AS total FROM projects_projectoutput o "
            f"JOIN projects_project j ON j.id = o.project_id WHERE {projects} AND j.status IN ({COUNTING_SQL}) "
            "GROUP BY o.target_id",
            [*project_params, *COUNTING_STATUSES],
        )
        parts["effects"] = (
            f"SELECT {effect_sql_sums('e')} FROM execution_effect e "
            f"JOIN projects_project j ON j.id = e.project_id WHERE {projects} AND j.status IN ({_EFFECT_SQL})",
            [*project_params, *EFFECT_STATUSES],
        )
    parts.update(_money_parts(scope, "b.content_id, b.funding_source" if annual else "b.content_id"))
    if annual and scope.year is not None:
        parts["annual_plan"] = (
            "SELECT q.target_id, q.quantity FROM programs_annualplantarget q "
            "JOIN programs_annualplan a ON a.id = q.annual_plan_id WHERE a.programme_id = %s AND a.year = %s",
            [programme, scope.year],
        )
    return common, parts


def _money_parts(scope: Scope, group: str, suffix: str = "") -> dict[str, Part]:
    """Planned, allocated and disbursed money (`b`) summed by `group`, as parts named with `suffix`.

    `group` lists columns of `b`; `{year}` in it stands for the budget year, which for a planned
    budget is its annual plan's.
    """
    parts = {}
    for name, (source, params), year in (
        ("planned", scope.planned_sql("b", "a"), "a.year"),
        ("allocated", scope.allocated_sql("b"), "b.year"),
        ("disbursed", scope.disbursed_sql("b"), "b.year"),
    ):
        columns = group.format(year=year)
        by = ", ".join(str(position) for position in range(1, columns.count(",") + 2))
        parts[name + suffix] = (f"SELECT {columns}, SUM(b.amount) AS total FROM {source} GROUP BY {by}", params)
    return parts


def _plan_contents(data: PlanData) -> list[PlanContent]:
    return [PlanContent(**r) for r in sorted(data["contents"], key=lambda r: r["sort_key"])]


def _target_table(scope: Scope, data: PlanData, contents: list[PlanContent], *, annual: bool) -> Table:
    targets = [PlanTarget(**r) for r in sorted(data["targets"], key=lambda r: (r["order"], r["code"]))]
    effect_totals = {None: data["effects"][0]} if data.get("effects") else {}
    actuals = sum_actuals(
        ((r["target_id"], r["total"]) for r in data["delivered"]),
        ((r["target_id"], r["total"]) for r in data["reported"]),
        effect_rows(((t.id, t.effect_measure) for t in targets), effect_totals),
    )
    annual_plan: dict[int, Decimal] = {r["target_id"]: r["quantity"] for r in data.get("annual_plan", [])}
    by_content: dict[int | None, list[PlanTarget]] = defaultdict(list)
    for target in targets:
        by_content[target.content_id].append(target)

    def target_row(target: PlanTarget, letter: str) -> Row:
        actual = actuals.get(target.id, Decimal(0))
        if annual:
            quantity = annual_plan.get(target.id)
            plan: Decimal | str | None = quantity
            kind = TargetKind.EXACT if target.kind in (TargetKind.RANGE, TargetKind.GROWTH_RATE) else target.kind
            result = completion(kind=kind, actual=actual, value=quantity)
        else:
            plan = _plan_text(target)
            result = completion(kind=target.kind, actual=actual, value=target.value, low=target.low, high=target.high)
        return Row(
            cells={
                "number": letter,
                "name": target.name,
                "unit": target.unit,
                "plan": plan,
                "actual": actual,
                "percent": Percent.of(result, target.percent_decimals),
                "target": target.code,
            },
            drill={"target": target.code},
        )

    rows: list[Row] = []
    letters = "abcdefghiklmnopqrstuvxy"
    for content in contents:
        own = by_content.get(content.id, [])
        rows.append(
            Row(
                cells={"number": content.number, "name": content.title},
                style="section",
                drill={"content": content.number},
            )
        )
        rows.extend(target_row(t, letters[i % len(letters)]) for i, t in enumerate(own))
    objectives = by_content.get(None, [])
    if objectives and not scope.filters.get("content"):
        rows.append(Row(cells={"number": "", "name": "Mục tiêu cụ thể của chương trình"}, style="section"))
        rows.extend(target_row(t, letters[i % len(letters)]) for i, t in enumerate(objectives))
    plan_label = f"Kế hoạch năm {scope.year}" if annual else "Kế hoạch"
    return Table(
        title="Kết quả thực hiện các chỉ tiêu",
        columns=[
            Column("number", "STT", "text", 6),
            Column("name", "Nội dung, chỉ tiêu", "text", 52),
            Column("unit", "Đơn vị tính", "text", 12),
            Column("plan", plan_label, "number", 15),
            Column("actual", "Thực hiện", "number", 14),
            Column("percent", "Tỷ lệ hoàn thành", "percent", 15),
        ],
        rows=rows,
    )


MONEY_COLUMNS = [
    Column("planned", "Kinh phí kế hoạch", "money", 18),
    Column("allocated", "Dự toán giao", "money", 18),
    Column("allocated_percent", "Tỷ lệ giao/kế hoạch", "percent", 13),
    Column("disbursed", "Giải ngân", "money", 18),
    Column("disbursed_percent", "Tỷ lệ giải ngân/dự toán", "percent", 13),
]


def _money_cells(programme: Programme, planned: int | None, allocated: int | None, disbursed: int) -> dict:
    return {
        "planned": planned,
        "allocated": allocated,
        "allocated_percent": Percent.of(money_completion(allocated, planned), programme.allocated_percent_decimals),
        "disbursed": disbursed,
        "disbursed_percent": Percent.of(money_completion(disbursed, allocated), programme.disbursed_percent_decimals),
    }


def _money_table(scope: Scope, data: PlanData, contents: list[PlanContent], *, by_source: bool = False) -> Table:
    key = ("content_id", "funding_source") if by_source else ("content_id",)

    def grouped(name: str) -> dict:
        return {tuple(r[k] for k in key): r["total"] for r in data[name]}

    planned, allocated, disbursed = grouped("planned"), grouped("allocated"), grouped("disbursed")
    unit_scoped = scope.unit_scoped
    programme = scope.programme
    sources = list(FundingSource) if by_source else [None]
    source_labels = {source.value: str(source.label) for source in FundingSource}
    rows = []
    for content in contents:
        for source in sources:
            index = (content.id, source) if by_source else (content.id,)
            if by_source and not any(index in d for d in (planned, allocated, disbursed)):
                continue
            cells = {
                "number": content.number,
                "name": content.title,
                **_money_cells(
                    programme,
                    None if unit_scoped else planned.get(index, 0),
                    None if unit_scoped else allocated.get(index, 0),
                    disbursed.get(index, 0),
                ),
            }
            drill = {"content": content.number}
            if source is not None:
                cells["source"] = source_labels[source]
                drill["source"] = str(source)
            rows.append(Row(cells=cells, drill=drill, drill_kind="entries"))
    total_planned = None if unit_scoped else sum(planned.values())
    total_allocated = None if unit_scoped else sum(allocated.values())
    totals = [
        Row(
            cells={
                "number": "",
                "name": "Tổng cộng",
                **_money_cells(programme, total_planned, total_allocated, sum(disbursed.values())),
            },
            style="total",
        )
    ]
    columns = [Column("number", "STT", "text", 6), Column("name", "Nội dung", "text", 44)]
    if by_source:
        columns.append(Column("source", "Nguồn kinh phí", "text", 26))
    note = (
        "Kế hoạch và dự toán giao là số liệu của cả chương trình, không chia theo địa bàn; "
        "báo cáo theo địa bàn chỉ nêu số giải ngân cho các đề án của địa bàn."
        if unit_scoped
        else ""
    )
    return Table(title="Kinh phí thực hiện", columns=columns + MONEY_COLUMNS, rows=rows, totals=totals, note=note)


def _projects_by_status_table(data: PlanData) -> Table:
    by_status = {r["status"]: r for r in data["statuses"]}
    rows = []
    for status in ProjectStatus:
        if status.value not in by_status:
            continue
        r = by_status[status.value]
        rows.append(
            Row(
                cells={
                    "status": str(status.label),
                    "count": r["count"],
                    "support": r["support"],
                    "counterpart": r["counterpart"],
                },
                drill={"status": status.value},
            )
        )
    totals = [
        Row(
            cells={
                "status": "Tổng cộng",
                "count": sum(r["count"] for r in by_status.values()),
                "support": sum(r["support"] or 0 for r in by_status.values()),
                "counterpart": sum(r["counterpart"] or 0 for r in by_status.values()),
            },
            style="total",
        )
    ]
    return Table(
        title="Đề án theo trạng thái",
        columns=[
            Column("status", "Trạng thái", "text", 28),
            Column("count", "Số đề án", "count", 10),
            Column("support", "Kinh phí khuyến công hỗ trợ", "money", 20),
            Column("counterpart", "Vốn đối ứng", "money", 20),
        ],
        rows=rows,
        totals=totals,
    )
