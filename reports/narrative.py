"""Sentences written from a report's figures, the way the source reports write them.

"Tổ chức 473 lớp truyền nghề, nhân cấy nghề cho 17.800 lao động nông thôn
(đạt 71,2% kế hoạch)": a class count and the people it trained make one
sentence; any other target is stated with its completion. The text is a
draft: the report page lets the user edit it before exporting.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from khuyencong.formatting import format_number

if TYPE_CHECKING:
    from reports.selectors import Report, Row

CLASS_UNIT = "lớp"
ORGANISED_UNITS = {"lớp", "hội thảo", "hội chợ", "cuộc", "cuộc thi"}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _who(name: str) -> str:
    """'Lao động nông thôn được truyền nghề …' → 'lao động nông thôn'."""
    return _lower_first(name.split(" được ")[0])


def _reach(row: Row) -> str:
    percent = row.cells["percent"]
    return f" (đạt {percent.text} kế hoạch)" if percent.value is not None else ""


def _number(value: Decimal | int | None) -> str:
    return format_number(value, 2)


def _single(row: Row) -> str:
    name, unit, actual = row.cells["name"], row.cells["unit"], row.cells["actual"]
    verb = "Tổ chức" if unit in ORGANISED_UNITS else "Hỗ trợ"
    lowered = _lower_first(name)
    if lowered.startswith(unit.split()[0]):
        phrase = f"{_number(actual)} {lowered}"
    else:
        phrase = f"{_number(actual)} {unit}: {lowered}"
    return f"{verb} {phrase}{_reach(row)}."


def _pair(classes: Row, people: Row) -> str:
    return (
        f"Tổ chức {_number(classes.cells['actual'])} {_lower_first(classes.cells['name'])} "
        f"cho {_number(people.cells['actual'])} {_who(people.cells['name'])}{_reach(people)}."
    )


def sentences(report: Report) -> list[str]:
    """One sentence per target (or class-and-people pair) of the report's target table."""
    if report.kind not in ("summary", "annual"):
        return []
    groups: list[list[Row]] = [[]]
    for row in report.rows:
        if row.style == "section":
            groups.append([])
        elif row.style == "item" and row.cells.get("actual"):
            groups[-1].append(row)
    result = []
    for rows in groups:
        index = 0
        while index < len(rows):
            row = rows[index]
            following = rows[index + 1] if index + 1 < len(rows) else None
            if following is not None and (row.cells["unit"] == CLASS_UNIT) != (following.cells["unit"] == CLASS_UNIT):
                classes, people = (row, following) if row.cells["unit"] == CLASS_UNIT else (following, row)
                result.append(_pair(classes, people))
                index += 2
            else:
                result.append(_single(row))
                index += 1
    for table in report.tables[1:2]:
        for total in table.totals:
            allocated, disbursed = total.cells.get("allocated"), total.cells.get("disbursed")
            if allocated and disbursed is not None:
                result.append(
                    f"Kinh phí được giao {format_number(Decimal(allocated) / 10**9, 3)} tỷ đồng"
                    f" (đạt {total.cells['allocated_percent'].text} kế hoạch), đã giải ngân"
                    f" {format_number(Decimal(disbursed) / 10**9, 3)} tỷ đồng"
                    f" (đạt {total.cells['disbursed_percent'].text} dự toán giao)."
                )
    return result


def apply_edits(
    report: Report,
    *,
    narrative: list[str],
    number: str = "",
    signer_title: str = "",
    signer_name: str = "",
    recipients: str = "",
) -> Report:
    """The report with the text a person edited before export; the figures are never edited."""
    report.narrative = list(narrative)
    report.metadata["number"] = number
    report.metadata["signer_name"] = signer_name
    if signer_title:
        report.metadata["signer_title"] = signer_title
    if recipients:
        report.metadata["recipients"] = recipients
    return report
