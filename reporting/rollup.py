"""The receiver's roll-up of a round: plan against the sum of the senders' accepted reports, sender by sender.

Only accepted reports are added. A sender without an accepted report is shown as such in its
column and left out of the sum, never counted as zero. Completion is `programs.completion`'s.
The result is a `reports.rows.Report`, so the page, the workbook and the PDF (the receiver as
issuing body, Nghị định 30/2020) are renderings of the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from accounts.models import User
from khuyencong.official import official_language
from programs.completion import completion, money_completion
from programs.models import AnnualPlanTarget, TargetKind
from reporting.models import Round, Sender, SenderStatus, Submission
from reporting.selectors import accepted_version
from reports.build import build_report
from reports.rows import Column, Percent, Report, Row, Table

MILLION = Decimal(1_000_000)
MISSING = {
    SenderStatus.NOT_STARTED: "Chưa nộp",
    SenderStatus.DRAFT: "Chưa nộp",
    SenderStatus.SUBMITTED: "Chờ tiếp nhận",
    SenderStatus.RETURNED: "Bị trả lại",
}


@dataclass
class RollupSender:
    sender: Sender
    accepted: Submission | None
    column: str  # the cell key of its column

    @property
    def missing_text(self) -> str:
        return MISSING.get(SenderStatus(self.sender.status), "")


def _short(name: str) -> str:
    return name.replace("Sở Công Thương ", "").replace("Ủy ban nhân dân ", "UBND ")


def _actuals(submission: Submission) -> tuple[dict[str, Decimal], dict[str, int]]:
    """A frozen report's figures: actual by target code, disbursed by content number (sources added up)."""
    targets: dict[str, Decimal] = {}
    money: dict[str, int] = defaultdict(int)
    for table in submission.rows["tables"]:
        for row in table["rows"]:
            values = row["values"]
            if row["key"].startswith("target:") and values.get("actual") is not None:
                targets[values["target"]] = Decimal(values["actual"])
            elif row["key"].startswith("money:") and values.get("disbursed") is not None:
                money[values["number"]] += int(values["disbursed"])
    return targets, dict(money)


def _whole(amount: Decimal | int | None) -> int | None:
    return None if amount is None else int(amount)


def _in_millions(cells: dict) -> dict:
    return {key: Decimal(value) / MILLION if isinstance(value, int) else value for key, value in cells.items()}


def build_rollup(round: Round, *, user: User) -> tuple[Report, list[RollupSender]]:
    kind = round.period_kind
    with official_language():
        base = build_report(
            kind.report_kind,
            programme=round.programme,
            user=user,
            year=round.year,
            until=None if round.period_end.month == 12 else round.period_end,
        )
    senders = [
        RollupSender(sender=s, accepted=accepted_version(s), column=f"s{s.pk}")
        for s in round.senders.select_related("organisation").order_by("organisation__name")
    ]
    figures = {rs.column: _actuals(rs.accepted) for rs in senders if rs.accepted}
    sender_columns = [Column(rs.column, _short(rs.sender.organisation.name), "number", 12) for rs in senders]

    programme = round.programme
    targets = {t.code: t for t in programme.targets.all()}
    annual = kind.report_kind == "annual"
    quantities = (
        {
            q.target.code: q.quantity
            for q in AnnualPlanTarget.objects.filter(
                annual_plan__programme=programme, annual_plan__year=round.year
            ).select_related("target")
        }
        if annual
        else {}
    )

    def sender_cells(value_of) -> tuple[dict, Decimal | int | None]:
        cells: dict = {}
        total = None
        for rs in senders:
            if rs.accepted is None:
                cells[rs.column] = rs.missing_text
                continue
            value = value_of(figures[rs.column])
            cells[rs.column] = value
            total = (total or 0) + value
        return cells, total

    target_rows: list[Row] = []
    for row in base.tables[0].rows:
        code = row.cells.get("target")
        if not code:
            target_rows.append(
                Row(cells={"number": row.cells.get("number"), "name": row.cells.get("name")}, style="section")
            )
            continue
        target = targets[code]
        cells, total = sender_cells(lambda f, code=code: f[0].get(code, Decimal(0)))
        if annual:
            plan = quantities.get(code)
            target_kind = TargetKind.EXACT if target.kind in (TargetKind.RANGE, TargetKind.GROWTH_RATE) else target.kind
            result = completion(kind=target_kind, actual=total, value=plan)
        else:
            plan = row.cells.get("plan")
            result = completion(kind=target.kind, actual=total, value=target.value, low=target.low, high=target.high)
        target_rows.append(
            Row(
                cells={
                    "number": row.cells.get("number"),
                    "name": target.name,
                    "unit": target.unit,
                    "plan": plan,
                    **cells,
                    "total": total,
                    "percent": Percent.of(result, target.percent_decimals),
                    "target": code,
                }
            )
        )

    planned: dict[str, int] = defaultdict(int)
    # Every budget line of the programme, with or without money yet (the report lists only those with some).
    names = {c.number: c.title for c in programme.contents.order_by("sort_key")}
    for row in base.tables[1].rows:
        planned[row.cells.get("number") or ""] += row.cells.get("planned") or 0
    money_rows = []
    for number, name in names.items():
        cells, total = sender_cells(lambda f, number=number: f[1].get(number, 0))
        cells = _in_millions(cells)
        money_rows.append(
            Row(
                cells={
                    "number": number,
                    "name": name,
                    "planned": planned[number],
                    **cells,
                    "total": total,
                    "percent": Percent.of(
                        money_completion(_whole(total), planned[number]), programme.disbursed_percent_decimals
                    ),
                    "content": number,
                }
            )
        )
    grand_cells, grand_total = sender_cells(lambda f: sum(f[1].values()))
    grand_cells = _in_millions(grand_cells)
    grand_planned = sum(planned.values())
    money_totals = [
        Row(
            cells={
                "number": "",
                "name": "Tổng cộng",
                "planned": grand_planned,
                **grand_cells,
                "total": grand_total,
                "percent": Percent.of(
                    money_completion(_whole(grand_total), grand_planned), programme.disbursed_percent_decimals
                ),
            },
            style="total",
        )
    ]
    accepted_count = sum(1 for rs in senders if rs.accepted)
    note = (
        f"Cộng số liệu của {accepted_count}/{len(senders)} đơn vị có báo cáo đã được chấp nhận; "
        "đơn vị chưa nộp hoặc chưa được chấp nhận không được tính (không tính là 0)."
    )
    # A sender's money column may hold a word ("Chưa nộp"), which a money column cannot: its figures go
    # in as triệu đồng in a number column instead (the totals stay whole đồng in money columns).
    money_columns = [
        Column(rs.column, f"{c.label} (triệu đồng)", "number", 14)
        for rs, c in zip(senders, sender_columns, strict=True)
    ]
    tables = [
        Table(
            title="Kết quả thực hiện các chỉ tiêu theo đơn vị",
            columns=[
                Column("number", "STT", "text", 5),
                Column("name", "Nội dung, chỉ tiêu", "text", 36),
                Column("unit", "Đơn vị tính", "text", 9),
                Column("plan", "Kế hoạch", "number", 11),
                *sender_columns,
                Column("total", "Tổng các đơn vị", "number", 12),
                Column("percent", "Tỷ lệ hoàn thành", "percent", 11),
            ],
            rows=target_rows,
            note=note,
        ),
        Table(
            title="Kinh phí giải ngân theo đơn vị",
            columns=[
                Column("number", "STT", "text", 5),
                Column("name", "Nội dung", "text", 36),
                Column("planned", "Kinh phí kế hoạch", "money", 14),
                *money_columns,
                Column("total", "Tổng các đơn vị", "money", 14),
                Column("percent", "Tỷ lệ giải ngân/kế hoạch", "percent", 11),
            ],
            rows=money_rows,
            totals=money_totals,
            note=note,
        ),
    ]
    metadata = dict(base.metadata)
    metadata["recipients"] = "\n".join(["- Lãnh đạo Bộ (để báo cáo);", f"- {kind.receiver};", "- Lưu: VT."])
    report = Report(
        kind="rollup",
        title=f"Tổng hợp báo cáo {round.label_in_sentence} của các đơn vị",
        subtitle=programme.name,
        tables=tables,
        metadata=metadata,
    )
    report.amounts_in_words = (
        [("Tổng kinh phí giải ngân các đơn vị đã được chấp nhận", int(grand_total))] if grand_total else []
    )
    return report, senders
