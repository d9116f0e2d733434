"""Helpers for the import tests: export a template, edit it as a person would, count what the database holds."""

from pathlib import Path

import openpyxl
import pghistory.models

from budgets.models import Disbursement, PlannedBudget
from imports.services import export_workbook
from programs.models import AnnualPlanTarget, Result
from projects.models import Project

TRACKED = (AnnualPlanTarget, PlannedBudget, Result, Project, Disbursement)


def export(tmp_path: Path, *, programme, year: int, kind: str, user, name: str | None = None) -> Path:
    path = tmp_path / (name or f"{kind}-{programme.code}-{year}.xlsx")
    export_workbook(programme=programme, year=year, kind=kind, user=user, output=str(path))
    return path


def edit(path: Path, sheet: str, changes: dict[str, object], *, save_as: Path | None = None) -> Path:
    """Set cells ({"G7": "1.250"}) on one sheet and save, as a person editing in Excel would."""
    workbook = openpyxl.load_workbook(path)
    for ref, value in changes.items():
        workbook[sheet][ref] = value
    target = save_as or path
    workbook.save(target)
    return target


def find_row(path: Path, sheet: str, column: str, value: object) -> int:
    """The row number whose cell in `column` holds `value` (a row key matches without its '#v' version)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    index = openpyxl.utils.column_index_from_string(column) - 1
    for number, row in enumerate(workbook[sheet].iter_rows(values_only=True), start=1):
        cell = row[index] if len(row) > index else None
        if cell == value or (isinstance(cell, str) and cell.split("#v")[0] == value):  # keys carry a version
            return number
    raise AssertionError(f"{value!r} not found in column {column} of {sheet}")


def append_row(path: Path, sheet: str, values: list[object]) -> Path:
    """Add a row below the data (column A, the row key, left empty as for a new row)."""
    workbook = openpyxl.load_workbook(path)
    worksheet = workbook[sheet]
    last = 4
    for number, row in enumerate(worksheet.iter_rows(min_row=5, max_col=3, values_only=True), start=5):
        if any(value not in (None, "") for value in row):
            last = number
    for column, value in enumerate(values, start=2):
        worksheet.cell(row=last + 1, column=column, value=value)
    workbook.save(path)
    return path


def snapshot() -> dict[str, int]:
    """Row counts and history event counts: equal before and after means nothing was saved."""
    counts = {model.__name__: model.objects.count() for model in TRACKED}
    counts["events"] = pghistory.models.Events.objects.count()
    return counts
