"""The difference between two versions of a sender's report, figure by figure (row by row, column by column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class DiffCell:
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass
class DiffRow:
    key: str
    style: str
    cells: list[DiffCell]
    status: str = "same"  # same, changed, added, removed


@dataclass
class DiffTable:
    title: str
    labels: list[str]
    rows: list[DiffRow] = field(default_factory=list)

    @property
    def changed_cells(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.changed)


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[DiffTable]:
    """Tables matched by title, rows by key, columns by key; a row only in one version shows as added or removed."""
    old_tables = {table["title"]: table for table in old.get("tables", [])}
    out = []
    for table in new.get("tables", []):
        before = old_tables.get(table["title"], {"rows": [], "columns": table["columns"]})
        keys = [column["key"] for column in table["columns"]]
        old_rows = {row["key"]: row for row in before["rows"]}
        diff = DiffTable(title=table["title"], labels=[column["label"] for column in table["columns"]])
        seen = set()
        for row in table["rows"]:
            seen.add(row["key"])
            previous = old_rows.get(row["key"])
            cells = [
                DiffCell(old=(previous["texts"].get(key, "") if previous else ""), new=row["texts"].get(key, ""))
                for key in keys
            ]
            status = "added" if previous is None else ("changed" if any(c.changed for c in cells) else "same")
            diff.rows.append(DiffRow(key=row["key"], style=row["style"], cells=cells, status=status))
        for row in before["rows"]:
            if row["key"] not in seen:
                cells = [DiffCell(old=row["texts"].get(key, ""), new="") for key in keys]
                diff.rows.append(DiffRow(key=row["key"], style=row["style"], cells=cells, status="removed"))
        out.append(diff)
    return out
