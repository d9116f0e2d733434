"""What a submission keeps: the report's rows as plain JSON, its PDF and workbook, their SHA-256.

The rows are keyed (a target by its code, a money line by its content and source) so that two
versions can be compared figure by figure and the roll-up can add the senders' figures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from accounts.models import Organisation, User
from khuyencong.official import official_language
from reporting.models import Round, full_name
from reports.build import build_report
from reports.export import render_report
from reports.particulars import _issuer
from reports.renderers import cell_text
from reports.rows import Percent, Report, Row, Table


def _plain(value: Any) -> Any:
    if isinstance(value, Percent):
        return None if value.value is None else str(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def row_key(table: Table, row: Row, index: int) -> str:
    cells = row.cells
    if cells.get("target"):
        return f"target:{cells['target']}"
    if row.style == "total":
        return f"total:{index}"
    if "disbursed" in cells:
        return f"money:{cells.get('number', '')}:{cells.get('source', '')}"
    if "status" in cells and "count" in cells:
        return f"status:{cells['status']}"
    return f"{row.style}:{cells.get('number', '')}:{cells.get('name', '')}"


def frozen_rows(report: Report) -> dict[str, Any]:
    """The report as plain data: every table, every row with its key, each cell's value and text."""
    tables = []
    for table in report.tables:
        rows = []
        for index, row in enumerate([*table.rows, *table.totals]):
            rows.append(
                {
                    "key": row_key(table, row, index),
                    "style": row.style,
                    "values": {key: _plain(value) for key, value in row.cells.items()},
                    "texts": {column.key: cell_text(column, row.cells.get(column.key)) for column in table.columns},
                }
            )
        tables.append(
            {
                "title": table.title,
                "note": table.note,
                "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in table.columns],
                "rows": rows,
            }
        )
    return {
        "kind": report.kind,
        "title": report.title,
        "subtitle": report.subtitle,
        "metadata": {key: _plain(value) for key, value in report.metadata.items() if not isinstance(value, dict)},
        "tables": tables,
        "narrative": report.narrative,
    }


def _issuer_of(organisation: Organisation) -> dict[str, str]:
    parent = organisation.parent
    return _issuer(
        {
            "name": organisation.name,
            "short_name": organisation.short_name,
            "kind": organisation.kind,
            "parent_name": parent.name if parent else "",
            "place": organisation.administrative_unit.name,
        }
    )


def build_sender_report(*, round: Round, organisation: Organisation, user: User, signer: User | None) -> Report:
    """The report a sender sends for the round, from the data as it stands, with the sender as issuer."""
    kind = round.period_kind
    year_end = dt.date(round.year, 12, 31)
    with official_language():
        report = build_report(
            kind.report_kind,
            programme=round.programme,
            user=user,
            year=round.year,
            until=None if round.period_end >= year_end else round.period_end,
        )
        report.title = f"{report.title} — {round.label}"
        report.metadata.update(_issuer_of(organisation))
        report.metadata["signer_title"] = kind.signoff_title.upper()
        report.metadata["signer_name"] = full_name(signer) if signer else ""
        report.metadata["recipients"] = "\n".join(
            [f"- {kind.receiver} (để báo cáo);", f"- Lưu: VT, {organisation.short_name or 'VP'}."]
        )
    return report


def render_files(report: Report) -> tuple[bytes, bytes]:
    """(PDF, workbook) in the state's document format, by the reports' own renderers."""
    with official_language():
        return render_report(report, "pdf"), render_report(report, "xlsx")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
