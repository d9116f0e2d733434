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
    from reports.rows import Report, Row

CLASS_UNIT = "lớp"
PEOPLE_UNITS = ("lao động", "người", "lượt", "học viên")
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
    lowered = _lower_first(name)
    if lowered.startswith(unit.split()[0]):
        verb = "Tổ chức" if unit in ORGANISED_UNITS else "Hỗ trợ"
        return f"{verb} {_number(actual)} {lowered}{_reach(row)}."
    # An objective or a measure ("Tăng trưởng kim ngạch …"): stated, not done.
    return f"{name}: {_number(actual)} {unit}{_reach(row)}."


def _pair(classes: Row, people: Row) -> str:
    # "Lớp cấy nghề cho các tỉnh …" + "lao động các tỉnh …": the people say who, once.
    what = _lower_first(classes.cells["name"]).split(" cho ")[0]
    return (
        f"Tổ chức {_number(classes.cells['actual'])} {what} "
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
            pair = sorted((row, following), key=lambda r: r is not None and r.cells["unit"] != CLASS_UNIT)
            classes, people = pair[0], pair[1]
            if (
                following is not None
                and classes is not None
                and people is not None
                and classes.cells["unit"] == CLASS_UNIT
                and people.cells["unit"] in PEOPLE_UNITS
            ):
                result.append(_pair(classes, people))
                index += 2
            else:
                result.append(_single(row))
                index += 1
    for table in report.tables[1:2]:
        for total in table.totals:
            allocated, disbursed = total.cells.get("allocated"), total.cells.get("disbursed")
            if allocated and disbursed is not None:
                of_plan, of_allocation = total.cells["allocated_percent"], total.cells["disbursed_percent"]
                result.append(
                    f"Kinh phí được giao {format_number(Decimal(allocated) / 10**9, 3)} tỷ đồng"
                    + (f" (đạt {of_plan.text} kế hoạch)" if of_plan.value is not None else "")
                    + f", đã giải ngân {format_number(Decimal(disbursed) / 10**9, 3)} tỷ đồng"
                    + (f" (đạt {of_allocation.text} dự toán giao)." if of_allocation.value is not None else ".")
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
