"""Writing an import template and reading one back, for any kind of import.

Layout of every data sheet: row 1 the title, row 2 the programme code, year
and kind (read back to know what the file is for), row 4 the headers, data
from row 5. Column A holds the row's key as exported, hidden: it tells an
edited existing row from a new one. Lists for data validation live on the
visible «Danh mục» sheet (hidden sheets are refused on upload).
"""

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from imports.cells import CellError, is_blank
from imports.safety import MAX_ROWS, ImportRefused
from imports.spec import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    KEY_HEADER,
    LISTS_SHEET,
    META_ROW,
    Issue,
    SheetRow,
    SheetSpec,
    split_row_key,
)
from khuyencong.formatting import format_number

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INFO_FILL = PatternFill("solid", fgColor="F2F2F2")
SPARE_ROWS = 500  # rows below the data that still offer the validation lists


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def build_workbook(
    *,
    kind: str,
    title: str,
    programme_code: str,
    year: int,
    sheets: list[tuple[SheetSpec, list[list[Any]]]],
    lists: dict[str, list[str]],
    instructions: list[str],
    output: IO[bytes] | str,
) -> None:
    """Write the template: instructions, one sheet per spec with its rows (key first), the lists."""
    workbook = openpyxl.Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS_SHEET
    guide.column_dimensions["A"].width = 120
    guide.append([title])
    guide["A1"].font = Font(bold=True, size=14)
    for line in instructions:
        guide.append([line])
    for row in guide.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    list_ranges = _write_lists(workbook, lists)
    for spec, rows in sheets:
        _write_sheet(
            workbook,
            spec,
            rows,
            heading=f"{title} — {spec.title}",
            meta=["Mã chương trình:", programme_code, "Năm:", year, "Loại mẫu:", kind],
            list_ranges=list_ranges,
        )
    workbook.save(output)


def _write_lists(workbook: openpyxl.Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    """The lists sheet, one column per list; returns each list's cell range for the drop-downs."""
    list_sheet = workbook.create_sheet(LISTS_SHEET)
    list_ranges: dict[str, str] = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        list_sheet.cell(row=1, column=index, value=name).font = Font(bold=True)
        list_sheet.column_dimensions[letter].width = max(14, min(60, max((len(v) for v in values), default=10) + 2))
        for row, value in enumerate(values, start=2):
            list_sheet.cell(row=row, column=index, value=value).number_format = "@"
        list_ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${max(2, len(values) + 1)}"

    return list_ranges


def _write_sheet(
    workbook: openpyxl.Workbook,
    spec: SheetSpec,
    rows: list[list[Any]],
    *,
    heading: str,
    meta: list[object],
    list_ranges: dict[str, str],
) -> None:
    """One data sheet: title, the file's particulars, headers, the rows (key first), formats and drop-downs."""
    sheet = workbook.create_sheet(spec.title, index=len(workbook.sheetnames) - 1)
    sheet.cell(row=1, column=2, value=heading).font = Font(bold=True, size=13)
    for position, item in enumerate(meta, start=2):
        sheet.cell(row=META_ROW, column=position, value=item)
    sheet.cell(row=HEADER_ROW, column=1, value=KEY_HEADER)
    sheet.column_dimensions["A"].hidden = True
    for index, column in enumerate(spec.columns, start=2):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = INFO_FILL if column.info else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=3)
    for offset, values in enumerate(rows):
        row_number = FIRST_DATA_ROW + offset
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=index, value=_cell_value(value))
            if index == 1:
                continue
            column = spec.columns[index - 2]
            if column.number_format:
                cell.number_format = column.number_format
            if column.info:
                cell.fill = INFO_FILL
    last_row = FIRST_DATA_ROW + len(rows) + SPARE_ROWS
    for index, column in enumerate(spec.columns, start=2):
        letter = get_column_letter(index)
        if column.number_format:
            for row_number in range(FIRST_DATA_ROW + len(rows), last_row + 1):
                sheet.cell(row=row_number, column=index).number_format = column.number_format
        if column.list_name and column.list_name in list_ranges:
            validation = DataValidation(
                type="list",
                formula1=list_ranges[column.list_name],
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle="Giá trị không có trong danh mục",
                error=f"Chọn một giá trị trong danh sách «{column.list_name}» (trang Danh mục).",
            )
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
            sheet.add_data_validation(validation)


def open_workbook(path: str) -> openpyxl.Workbook:
    """Read-only (rows stream, memory bounded) and values only (formulas are never evaluated)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # defusedxml's refusals, broken XML, missing parts
        # defusedxml raises EntitiesForbidden/DTDForbidden; lxml, when present, its amplification guard.
        if "Forbidden" in type(error).__name__ or "entit" in str(error).lower():
            raise ImportRefused("Tệp chứa khai báo DTD/thực thể XML; không được nhận.") from error
        raise ImportRefused("Không đọc được tệp Excel: tệp bị hỏng hoặc không phải mẫu của hệ thống.") from error


def read_meta(workbook: openpyxl.Workbook, sheet_title: str) -> tuple[str, Any, str]:
    sheet = workbook[sheet_title]
    for row in sheet.iter_rows(min_row=META_ROW, max_row=META_ROW, min_col=1, max_col=7, values_only=True):
        values = list(row) + [None] * 7
        return (str(values[2] or "").strip(), values[4], str(values[6] or "").strip())
    return ("", None, "")


def read_sheet(workbook: openpyxl.Workbook, spec: SheetSpec, issues: list[Issue]) -> list[SheetRow]:
    """Parse every data row of one sheet; cell problems become issues, never exceptions."""
    sheet = workbook[spec.title]
    # The <dimension> a file declares may lie: trusting it would silently drop the rows below it.
    sheet.reset_dimensions()
    width = len(spec.columns) + 1
    headers = next(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, max_col=width, values_only=True), ())
    expected = [KEY_HEADER] + [column.header for column in spec.columns]
    for index, (found, wanted) in enumerate(zip(list(headers) + [None] * width, expected, strict=False), start=1):
        if str(found or "").strip() != wanted:
            raise ImportRefused(
                f"Trang tính «{spec.title}», ô {get_column_letter(index)}{HEADER_ROW}: tiêu đề cột phải là "
                f"«{wanted}», tệp ghi «{found or ''}». Không thêm, bớt hay đổi chỗ cột của mẫu."
            )
    rows: list[SheetRow] = []
    for number, values in _data_rows(sheet, width):
        raw = dict(zip(["_key"] + [column.key for column in spec.columns], values, strict=True))
        parsed: dict[str, Any] = {}
        key, version = split_row_key(str(raw["_key"] or "").strip())
        row = SheetRow(sheet=spec, number=number, key=key, values=parsed, raw=raw, version=version)
        for column in spec.columns:
            if column.info:
                continue
            value = raw[column.key]
            if column.required and is_blank(value):
                issues.append(row.issue(column.key, "Ô này không được để trống."))
                continue
            assert column.parse is not None  # noqa: S101  typing narrowing: only info columns have no parser
            try:
                parsed[column.key] = column.parse(value)
            except CellError as error:
                issues.append(row.issue(column.key, str(error)))
        rows.append(row)
    return rows


def _data_rows(sheet: ReadOnlyWorksheet, width: int) -> Iterator[tuple[int, tuple]]:
    """Non-blank rows from row 5, refusing a sheet with more rows than an import may carry."""
    limit = FIRST_DATA_ROW + MAX_ROWS + SPARE_ROWS
    for number, values in enumerate(
        sheet.iter_rows(min_row=FIRST_DATA_ROW, max_col=width, values_only=True), start=FIRST_DATA_ROW
    ):
        if number > limit:
            raise ImportRefused(
                f"Trang tính «{sheet.title}» có quá nhiều dòng (tối đa {format_number(MAX_ROWS)} dòng dữ liệu "
                "một lần nhập); hãy chia thành nhiều tệp."
            )
        values = tuple(values) + (None,) * (width - len(values))
        if all(is_blank(value) for value in values[1:]):
            continue
        yield number, values[:width]


def data_row_count(rows: Iterable[SheetRow]) -> int:
    return sum(1 for _ in rows)
