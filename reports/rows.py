"""The shape of a report: columns, percent cells, rows, tables; plain values that every renderer formats."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, overload

from khuyencong.formatting import format_number, format_percent
from programs.completion import Completion

# ---------------------------------------------------------------- the shape


@dataclass(frozen=True)
class Column:
    """kind: text, number (Decimal quantity), count (int), money (whole đồng), percent (`Percent`)."""

    key: str
    label: str
    kind: str = "text"
    width: int = 14


@dataclass(frozen=True)
class Percent:
    """A completion as the source documents print it: `decimals` is the printed precision."""

    value: Decimal | None
    decimals: int = 1
    high: Decimal | None = None
    met: bool | None = None

    @classmethod
    def of(cls, result: Completion, decimals: int) -> Percent:
        return cls(value=result.percent, decimals=decimals, high=result.percent_high, met=result.met)

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        if self.high is not None:
            return f"{format_number(self.high, self.decimals)}-{format_percent(self.value, self.decimals)}"
        return format_percent(self.value, self.decimals)

    @property
    def shown_decimals(self) -> int:
        """Decimals left once trailing zeros are dropped (71,2% → 1; 100% → 0)."""
        if self.value is None:
            return 0
        _, _, fraction = format_number(self.value, self.decimals).partition(",")
        return len(fraction)


@dataclass(slots=True, init=False)
class Row:
    """style: section (a heading row), item, total. `drill` holds the filters of the projects behind it."""

    cells: dict[str, Any]
    style: str
    drill: dict[str, str] | None
    drill_kind: str  # the report that lists what is behind the row: projects or entries

    # Written out rather than generated: a listing builds tens of thousands of rows, and this
    # plain initialiser on a slotted class costs a third of the generated one.
    def __init__(
        self,
        cells: dict[str, Any],
        style: str = "item",
        drill: dict[str, str] | None = None,
        drill_kind: str = "projects",
    ) -> None:
        self.cells = cells
        self.style = style
        self.drill = drill
        self.drill_kind = drill_kind


class BuiltRows(Sequence[Row]):
    """A listing's rows, each built from its fetched record when something reads it.

    A programme's payments run to tens of thousands: the page reads one screen of
    500 and the exports read them one by one as they write, so no list of every
    display row is ever held. Reading a row twice builds it twice.
    """

    __slots__ = ("_build", "_records")

    def __init__(self, records: list[tuple], build: Callable[[tuple], Row]) -> None:
        self._records = records
        self._build = build

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return list(map(self._build, self._records[index]))
        return self._build(self._records[index])

    def __iter__(self) -> Iterator[Row]:
        return map(self._build, self._records)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: Sequence[Row] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)
    note: str = ""


@dataclass
class Report:
    kind: str
    title: str
    subtitle: str
    tables: list[Table]
    metadata: dict[str, Any]
    amounts_in_words: list[tuple[str, int]] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[Column]:
        return self.tables[0].columns

    @property
    def rows(self) -> Sequence[Row]:
        return self.tables[0].rows

    @property
    def totals(self) -> list[Row]:
        return self.tables[0].totals
