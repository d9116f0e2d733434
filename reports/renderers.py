"""Renderings of a `Report`: Excel, CSV, JSON, and the display text the page and the PDF share.

Numbers are formatted here only, with `khuyencong.formatting`; the rows
themselves hold raw values. Text typed by users never becomes a formula in
a spreadsheet (`neutralise`).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from khuyencong.formatting import amount_in_words, format_money, format_number
from reports.selectors import Column, Percent, Report, Row, Table

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MILLION = Decimal(10) ** 6


# Exports are Vietnamese documents whatever the interface language, so the mark is not translated here.
ILLUSTRATIVE_MARK = "Số liệu minh họa, không phải số liệu chính thức"


def neutralise(text: str) -> str:
    """Prefix a quote to text a spreadsheet would read as a formula (CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


# ---------------------------------------------------------------- display


def column_label(column: Column, money_unit: str = "triệu đồng") -> str:
    return f"{column.label} ({money_unit})" if column.kind == "money" else column.label


def cell_text(column: Column, value: Any) -> str:
    """How the page and the PDF show a cell: money in triệu đồng, quantities and percents as Vietnamese write them."""
    if value is None or value == "":
        return "" if column.kind == "text" else "—"
    if isinstance(value, Percent):
        return value.text
    if column.kind == "money":
        return format_number(Decimal(value) / MILLION, 3)
    if column.kind == "count" and column.key == "year":
        return str(value)
    if isinstance(value, (int, Decimal)):
        return format_number(value, 2)
    return str(value)


def display_rows(table: Table) -> list[dict[str, Any]]:
    """Rows as the templates want them: style, drill filters and (css class, text) per column."""
    out = []
    for row in [*table.rows, *table.totals]:
        cells = []
        for column in table.columns:
            value = row.cells.get(column.key)
            css = "num" if column.kind != "text" else "text"
            if row.style in ("section", "total") and value is None:
                cells.append((css, ""))
                continue
            if isinstance(value, Percent) and value.value is not None and value.met is not None:
                css += " met" if value.met else " unmet"
            cells.append((css, cell_text(column, value)))
        out.append({"style": row.style, "drill": row.drill, "drill_kind": row.drill_kind, "cells": cells})
    return out


# ---------------------------------------------------------------- Excel

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = "Times New Roman"
# Issuing body and national name (2 rows), blank, title, subtitle, measured-against line, blank.
TITLE_ROWS = 7
NUMBER_FORMATS = {"money": "#,##0", "count": "#,##0", "year": "0"}


def _excel_value(column: Column, value: Any) -> tuple[Any, str | None]:
    """A cell's value and number format: numbers stay numbers, percents are percentage cells."""
    if isinstance(value, Percent):
        if value.value is None:
            return None, None
        decimals = value.shown_decimals
        fraction = float(round(value.value / 100, decimals + 2))
        return fraction, "0%" if decimals == 0 else "0." + "0" * decimals + "%"
    if value is None:
        return None, None
    if isinstance(value, bool):
        return str(value), None
    if column.key == "year":
        return value, NUMBER_FORMATS["year"]
    if isinstance(value, int):
        return value, NUMBER_FORMATS.get(column.kind, "#,##0")
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value), "#,##0"
        return float(value), "#,##0.00"
    return str(value), None


def _sheet_title(title: str, used: set[str]) -> str:
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip()
    base = clean if len(clean) <= 28 else clean[:28].rsplit(" ", 1)[0]
    base = base or "Báo cáo"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:25]} {n}"
    used.add(name)
    return name


def row_height(texts: list[tuple[str, float]], size: float = 11) -> float | None:
    """Points that fit each (text, column width) wrapped, in Excel and LibreOffice alike.

    Neither program grows a row to fit wrapped text when the file is opened (LibreOffice never
    for merged cells), so the height is written: a column of width w holds about w characters
    of 11 pt Times New Roman per line, fewer at larger sizes; a line takes 1,3 times the size.
    None when one line fits (the default height)."""
    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 11 / size) - 1)
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n")))
    return None if lines == 1 else round(lines * size * 1.3 + 4, 1)


def _set_height(ws: Worksheet, row_number: int, height: float | None, minimum: float | None = None) -> None:
    # Write-only sheets stream each row when it is appended: set its height before.
    chosen = max(h for h in (height, minimum, 0) if h is not None)
    if chosen:
        ws.row_dimensions[row_number].height = chosen


def _write_table(ws: Worksheet, report: Report, table: Table) -> None:
    ncols = len(table.columns)
    last = get_column_letter(ncols)
    for index, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"A{TITLE_ROWS + 2}"
    ws.print_title_rows = f"{TITLE_ROWS + 1}:{TITLE_ROWS + 1}"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left, ws.page_margins.right = 0.6, 0.4
    ws.oddFooter.center.text = "Trang &P/&N"

    def text_cell(text: str, font: Font, alignment: Alignment | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=neutralise(text) if text else None)
        cell.font = font
        if alignment:
            cell.alignment = alignment
        return cell

    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    meta = report.metadata
    split = max(1, ncols * 2 // 5)  # columns under the issuing body; the national name takes the rest
    right_pad = [None] * (split - 1)
    widths = [float(column.width) for column in table.columns]
    left_width, right_width, full_width = sum(widths[:split]), sum(widths[split:]) or sum(widths), sum(widths)
    issuer_parent, issuer = meta.get("issuer_parent", "").upper(), meta.get("issuer", "").upper()
    _set_height(
        ws, 1, row_height([(issuer_parent, left_width), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right_width)], 12)
    )
    _set_height(ws, 2, row_height([(issuer, left_width)], 12))
    ws.append(
        [
            text_cell(issuer_parent, Font(name=FONT, size=12), centred),
            *right_pad,
            text_cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Font(name=FONT, size=12, bold=True), centred),
        ]
    )
    ws.append(
        [
            text_cell(issuer, Font(name=FONT, size=12, bold=True), centred),
            *right_pad,
            text_cell("Độc lập - Tự do - Hạnh phúc", Font(name=FONT, size=13, bold=True, underline="single"), centred),
        ]
    )
    # The blank row under the header block carries the illustrative mark, so the layout stays put.
    if meta.get("illustrative"):
        ws.append([text_cell(ILLUSTRATIVE_MARK.upper(), Font(name=FONT, size=12, bold=True, color="C00000"), centred)])
        ws.merged_cells.add(f"A3:{last}3")
    else:
        ws.append([])
    title = f"{report.title.upper()}" + (f" — {table.title}" if len(report.tables) > 1 else "")
    measured = f"Phạm vi: {meta['scope']}. Đo theo: {meta['version'] or meta['decision']}."
    _set_height(ws, 4, row_height([(title, full_width)], 14), 24)
    _set_height(ws, 5, row_height([(report.subtitle, full_width)], 12))
    _set_height(ws, 6, row_height([(measured, full_width)], 11))
    ws.append([text_cell(title, Font(name=FONT, size=14, bold=True), centred)])
    ws.append([text_cell(report.subtitle, Font(name=FONT, size=12, italic=True), centred)])
    ws.append([text_cell(measured, Font(name=FONT, size=11), centred)])
    ws.append([])
    first, second = get_column_letter(split), get_column_letter(split + 1)
    for row_number in (1, 2):
        if split > 1:
            ws.merged_cells.add(f"A{row_number}:{first}{row_number}")
        if split + 1 < ncols:
            ws.merged_cells.add(f"{second}{row_number}:{last}{row_number}")
    for row_number in (4, 5, 6):
        ws.merged_cells.add(f"A{row_number}:{last}{row_number}")

    header = []
    for column in table.columns:
        cell = text_cell(column_label(column, "đồng"), Font(name=FONT, size=11, bold=True), centred)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        header.append(cell)
    labels = [(column_label(column, "đồng"), width) for column, width in zip(table.columns, widths, strict=True)]
    _set_height(ws, TITLE_ROWS + 1, row_height(labels), 45)
    ws.append(header)

    body_font = Font(name=FONT, size=11)
    bold = Font(name=FONT, size=11, bold=True)
    row_number = TITLE_ROWS + 1
    for row in [*table.rows, *table.totals]:
        cells = [_excel_cell(ws, column, row, body_font, bold) for column in table.columns]
        row_number += 1
        indent = 2 if row.style == "item" else 0  # the item indent takes about two characters
        texts = [(c.value, w - indent) for c, w in zip(cells, widths, strict=True) if isinstance(c.value, str)]
        _set_height(ws, row_number, row_height(texts))
        ws.append(cells)
    if table.note:
        ws.append([])
        ws.append([text_cell(table.note, Font(name=FONT, size=10, italic=True))])
    if table is _words_table(report):
        ws.append([])
        for label, amount in report.amounts_in_words:
            ws.append([text_cell(f"{label}: {format_money(amount)} đồng.", Font(name=FONT, size=11))])
            ws.append([text_cell(f"Bằng chữ: {amount_in_words(amount)}.", Font(name=FONT, size=11, italic=True))])


def _words_table(report: Report) -> Table | None:
    """The table whose totals are written in words: the first with money totals."""
    for table in report.tables:
        if any(c.kind == "money" for c in table.columns) and table.totals:
            return table
    return None


def _excel_cell(ws: Worksheet, column: Column, row: Row, body_font: Font, bold: Font) -> WriteOnlyCell:
    value, number_format = _excel_value(column, row.cells.get(column.key))
    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        # Forced to a string cell and marked quote-prefixed: never read back as a formula.
        cell.value = neutralise(value)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top", indent=1 if row.style == "item" else 0)
    else:
        cell.value = value
        cell.alignment = Alignment(horizontal="right", vertical="top")
    if number_format:
        cell.number_format = number_format
    cell.font = bold if row.style in ("section", "total") else body_font
    if row.style == "section":
        cell.fill = SECTION_FILL
    cell.border = BORDER
    return cell


def render_xlsx(report: Report, fileobj: IO[bytes]) -> None:
    """The report as an .xlsx workbook, one sheet per table, in write-only mode (constant memory)."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for table in report.tables:
        ws = workbook.create_sheet(_sheet_title(table.title, used))
        _write_table(ws, report, table)
    workbook.properties.title = report.title
    workbook.properties.creator = "Khuyến công"
    workbook.save(fileobj)


# ---------------------------------------------------------------- CSV and JSON


def _decimal_text(value: Decimal) -> str:
    """Plain decimal with a dot and no exponent: 17800, 31.67."""
    return format(value.normalize(), "f")


def _plain(column: Column, value: Any) -> Any:
    """Raw value for machine-readable formats: Decimal as text with a dot, percents rounded as printed."""
    if isinstance(value, Percent):
        return None if value.value is None else _decimal_text(round(value.value, value.decimals))
    if isinstance(value, Decimal):
        return _decimal_text(value)
    return value


def render_csv(report: Report, fileobj: IO[str]) -> None:
    """UTF-8 CSV (the caller adds a BOM for Excel if needed); tables one after another, raw numbers."""
    writer = csv.writer(fileobj)
    if report.metadata.get("illustrative"):
        writer.writerow([ILLUSTRATIVE_MARK])
    writer.writerow([neutralise(report.title)])
    writer.writerow([neutralise(report.subtitle)])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([neutralise(table.title)])
        writer.writerow([column_label(column, "đồng") for column in table.columns])
        for row in [*table.rows, *table.totals]:
            values = []
            for column in table.columns:
                value = _plain(column, row.cells.get(column.key))
                if isinstance(value, str) and column.kind == "text":
                    value = neutralise(value)
                values.append("" if value is None else value)
            writer.writerow(values)


def render_csv_bytes(report: Report) -> bytes:
    buffer = io.StringIO()
    render_csv(report, buffer)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_json(report: Report) -> dict[str, Any]:
    """Raw values for machines and the displayed text for people, side by side."""

    def cells(table: Table, row: Row) -> dict[str, Any]:
        out = {}
        for column in table.columns:
            value = row.cells.get(column.key)
            out[column.key] = {"value": _plain(column, value), "text": cell_text(column, value)}
        return out

    return {
        "kind": report.kind,
        "illustrative": bool(report.metadata.get("illustrative")),
        "notice": ILLUSTRATIVE_MARK if report.metadata.get("illustrative") else "",
        "title": report.title,
        "subtitle": report.subtitle,
        "metadata": report.metadata,
        "tables": [
            {
                "title": table.title,
                "note": table.note,
                "columns": [
                    {"key": c.key, "label": c.label, "kind": c.kind, "unit": "đồng" if c.kind == "money" else None}
                    for c in table.columns
                ],
                "rows": [{"style": row.style, "cells": cells(table, row)} for row in table.rows],
                "totals": [{"style": row.style, "cells": cells(table, row)} for row in table.totals],
            }
            for table in report.tables
        ],
        "amounts_in_words": [{"label": label, "amount": amount} for label, amount in report.amounts_in_words],
        "narrative": report.narrative,
    }
