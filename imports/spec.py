"""The shape of an import workbook: sheets, columns, issues found, rows to save."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

INSTRUCTIONS_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
META_ROW = 2
HEADER_ROW = 4
FIRST_DATA_ROW = 5
KEY_HEADER = "Mã dòng (không sửa)"
VERSION_MARK = "#v"


def row_key(key: str, version: int | None = None) -> str:
    """The hidden key of an exported row: its identity and the version it had, e.g. '3.1|local#v2'."""
    return f"{key}{VERSION_MARK}{version}" if version is not None else key


def split_row_key(text: str) -> tuple[str, int | None]:
    key, mark, version = text.rpartition(VERSION_MARK)
    if mark and version.isascii() and version.isdigit():  # isdigit() alone accepts "¹", which int() refuses
        return key, int(version)
    return text, None


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    parse: Callable[[Any], Any] | None = None  # None: shown for information, never read back
    required: bool = False
    width: int = 16
    list_name: str | None = None  # a list on the «Danh mục» sheet offered as data validation
    number_format: str | None = None
    help: str = ""

    @property
    def info(self) -> bool:
        return self.parse is None


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: tuple[Column, ...]  # column A (the hidden row key) comes first, implicitly

    def letter(self, key: str) -> str:
        for index, column in enumerate(self.columns, start=2):
            if column.key == key:
                return get_column_letter(index)
        return "A"

    def header(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return column.header
        return KEY_HEADER


@dataclass
class Issue:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # "F (Số lượng)"

    def as_text(self) -> str:
        where = []
        if self.sheet:
            where.append(f"Trang tính «{self.sheet}»")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        return (", ".join(where) + ": " if where else "") + self.message

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class SheetRow:
    """One data row as read: its position, the original key from column A, and parsed values."""

    sheet: SheetSpec
    number: int
    key: str
    values: dict[str, Any]
    raw: dict[str, Any]
    version: int | None = None  # the row's lock_version when the template was exported

    def issue(self, column_key: str, message: str) -> Issue:
        return Issue(
            message=message,
            sheet=self.sheet.title,
            row=self.number,
            column=f"{self.sheet.letter(column_key)} ({self.sheet.header(column_key)})",
        )


@dataclass
class RowChange:
    sheet: str
    row: int
    action: str  # new, changed, unchanged
    label: str
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "action": self.action,
            "label": self.label,
            "changes": [[name, old, new] for name, (old, new) in self.changes.items()],
        }
