"""Every report's rows, computed with aggregation in the database.

`build_report(kind, *, programme, user, year=None, until=None, filters=None)`
returns a `Report`: plain rows of raw values (Decimal quantities, whole-đồng
ints, `Percent` cells) that the page, Excel, PDF, CSV and JSON renderers
format. Each report runs a fixed number of grouped queries, whatever the
size of the data, and every queryset a user sees goes through
`accounts.access`, so a district officer's reports hold only their unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from operator import itemgetter
from typing import Any, overload

from django.db.models import Count, FilteredRelation, Q, QuerySet, Sum
from django.utils import timezone

from accounts.access import district_unit_id, visible_disbursements, visible_projects, visible_results
from accounts.models import OrganisationKind, User
from budgets.models import Allocation, Disbursement, FundingSource, PlannedBudget
from khuyencong.formatting import format_number, format_percent
from programs.models import (
    AnnualPlanTarget,
    LawContentType,
    Programme,
    ProgrammeVersion,
    Result,
    TargetKind,
)
from projects.lifecycle import COUNTING_STATUSES
from projects.models import Project, ProjectOutput, ProjectStatus
from reports.completion import Completion, completion, money_completion
from reports.sql import Part, collector_paused, fetch_parts, fetch_rows, fetch_statement, queryset_part

KINDS = {
    "summary": "Tổng hợp kết quả thực hiện chương trình",
    "annual": "Kết quả thực hiện kế hoạch khuyến công năm",
    "units": "Kết quả thực hiện theo đơn vị hành chính",
    "sources": "Kinh phí theo nguồn",
    "projects": "Danh sách đề án khuyến công",
    "trend": "Diễn biến qua các năm và các chương trình",
    "entries": "Chứng từ giải ngân",
}
FILTER_KEYS = ("unit", "content", "source", "status", "target", "law_type")
COUNTING_SQL = ", ".join(["%s"] * len(COUNTING_STATUSES))  # placeholders for the statuses that count


class UnknownReportKind(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(f"Loại báo cáo không hợp lệ: «{kind}». Chọn một trong: {', '.join(KINDS)}.")


class YearOutsideProgramme(ValueError):
    def __init__(self, year: int, programme: Programme) -> None:
        super().__init__(
            f"Năm {year} không thuộc chương trình {programme.code} ({programme.first_year}-{programme.last_year})."
        )


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


# ---------------------------------------------------------------- the scope


@dataclass
class Scope:
    """The programme, the user's reach, the period and the filters, applied to each queryset."""

    programme: Programme
    user: User
    year: int | None = None
    until: dt.date | None = None
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def unit_id(self) -> int | None:
        """The unit the report is confined to: the officer's own, else the filter's."""
        own = district_unit_id(self.user)
        if own is not None:
            return own
        unit = self.filters.get("unit")
        return int(unit) if unit else None

    def _content_filter(self, prefix: str) -> Q:
        number = self.filters.get("content")
        if not number:
            return Q()
        return Q(**{f"{prefix}number": number}) | Q(**{f"{prefix}number__startswith": f"{number}."})

    def projects(self) -> QuerySet[Project]:
        queryset = visible_projects(self.user, Project.objects.filter(programme=self.programme))
        if self.year:
            queryset = queryset.filter(year=self.year)
        if self.until:
            queryset = queryset.filter(Q(year__lt=self.until.year) | Q(year=self.until.year, end_date__lte=self.until))
        unit = self.filters.get("unit")
        if unit:
            queryset = queryset.filter(administrative_unit_id=int(unit))
        queryset = queryset.filter(self._content_filter("content__"))
        source = self.filters.get("source")
        if source == FundingSource.NATIONAL:
            queryset = queryset.filter(support_national__gt=0)
        elif source == FundingSource.LOCAL:
            queryset = queryset.filter(support_local__gt=0)
        elif source == FundingSource.COUNTERPART:
            queryset = queryset.filter(counterpart__gt=0)
        return queryset

    def outputs(self) -> QuerySet[ProjectOutput]:
        counting = self.projects().filter(status__in=COUNTING_STATUSES)
        return ProjectOutput.objects.filter(project__in=counting)

    def results(self) -> QuerySet[Result]:
        queryset = visible_results(self.user, Result.objects.filter(target__programme=self.programme))
        if self.year:
            queryset = queryset.filter(year=self.year)
        if self.until:
            # Results carry a year, not a date: a year counts in full from its start.
            queryset = queryset.filter(year__lte=self.until.year)
        unit = self.filters.get("unit")
        if unit:
            queryset = queryset.filter(administrative_unit_id=int(unit))
        return queryset.filter(self._content_filter("target__content__"))

    def _money(self, queryset: QuerySet, year_field: str) -> QuerySet:
        if self.year:
            queryset = queryset.filter(**{year_field: self.year})
        if self.until:
            queryset = queryset.filter(**{f"{year_field}__lte": self.until.year})
        if self.filters.get("source"):
            queryset = queryset.filter(funding_source=self.filters["source"])
        return queryset.filter(self._content_filter("content__"))

    @property
    def unit_scoped(self) -> bool:
        return self.unit_id is not None

    def planned(self) -> QuerySet[PlannedBudget]:
        """Plans are the programme's, not a unit's: a unit-scoped report shows none."""
        queryset = self._money(PlannedBudget.objects.filter(annual_plan__programme=self.programme), "annual_plan__year")
        return queryset.none() if self.unit_scoped else queryset

    def allocated(self) -> QuerySet[Allocation]:
        queryset = self._money(Allocation.objects.filter(programme=self.programme), "year")
        return queryset.none() if self.unit_scoped else queryset

    def disbursed(self) -> QuerySet[Disbursement]:
        queryset = self._money(
            visible_disbursements(self.user, Disbursement.objects.filter(programme=self.programme)), "year"
        )
        if self.until:
            queryset = queryset.filter(date__lte=self.until)
        unit = self.filters.get("unit")
        if unit:
            queryset = queryset.filter(project__administrative_unit_id=int(unit))
        return queryset

    # ------------------------------------------------------------ the same scope in SQL
    #
    # Summary and annual reports read a dozen small aggregates; as ORM queries their
    # compilation and round trips cost more than the database's work, so they are
    # written here once as SQL conditions and sent as one statement
    # (`reports.sql.fetch_parts`). Each method must select exactly the rows of its
    # ORM twin above: tests/test_reports_sql.py compares the two over every role
    # and filter.

    def _content_ids_sql(self) -> Part:
        """The programme's contents under the content filter, as an IN-list subquery."""
        number = self.filters["content"]
        prefix = number.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%"
        return (
            "(SELECT id FROM programs_content WHERE programme_id = %s AND (number = %s OR number LIKE %s))",
            [self.programme.pk, number, prefix],
        )

    def _unit_and_year_sql(self, alias: str) -> tuple[list[str], list[Any]]:
        """What projects and results share: the officer's own unit, the year, the unit filter."""
        conditions: list[str] = []
        params: list[Any] = []
        for unit in (district_unit_id(self.user), self.filters.get("unit")):
            if unit is not None:
                conditions.append(f"{alias}.administrative_unit_id = %s")
                params.append(int(unit))
        if self.year:
            conditions.append(f"{alias}.year = %s")
            params.append(self.year)
        return conditions, params

    def projects_sql(self, alias: str = "j", *, until: bool = True) -> Part:
        """WHERE conditions on projects_project `alias`, as `projects()` applies them."""
        if not self.user.is_authenticated:
            return "FALSE", []
        shared, shared_params = self._unit_and_year_sql(alias)
        conditions, params = [f"{alias}.programme_id = %s", *shared], [self.programme.pk, *shared_params]
        if until and (cut_off := self.until_sql(alias))[0]:
            conditions.append(cut_off[0])
            params += cut_off[1]
        if self.filters.get("content"):
            subquery, subparams = self._content_ids_sql()
            conditions.append(f"{alias}.content_id IN {subquery}")
            params += subparams
        column = {
            FundingSource.NATIONAL.value: "support_national",
            FundingSource.LOCAL.value: "support_local",
            FundingSource.COUNTERPART.value: "counterpart",
        }.get(self.filters.get("source", ""))
        if column:
            conditions.append(f"{alias}.{column} > 0")
        return " AND ".join(conditions), params

    def until_sql(self, alias: str = "j") -> Part:
        """The cut-off date's condition on projects `alias` (empty without one): finished by that day."""
        if not self.until:
            return "", []
        return (
            f"({alias}.year < %s OR ({alias}.year = %s AND {alias}.end_date <= %s))",
            [self.until.year, self.until.year, self.until],
        )

    def results_sql(self, alias: str = "r", target: str = "t") -> Part:
        """WHERE conditions on programs_result `alias` joined to its programs_target `target`."""
        if not self.user.is_authenticated:
            return "FALSE", []
        shared, shared_params = self._unit_and_year_sql(alias)
        conditions, params = [f"{target}.programme_id = %s", *shared], [self.programme.pk, *shared_params]
        if self.until:
            conditions.append(f"{alias}.year <= %s")
            params.append(self.until.year)
        if self.filters.get("content"):
            subquery, subparams = self._content_ids_sql()
            conditions.append(f"{target}.content_id IN {subquery}")
            params += subparams
        return " AND ".join(conditions), params

    def _money_sql(self, alias: str, year_column: str) -> Part:
        conditions: list[str] = []
        params: list[Any] = []
        if self.year:
            conditions.append(f"{year_column} = %s")
            params.append(self.year)
        if self.until:
            conditions.append(f"{year_column} <= %s")
            params.append(self.until.year)
        if source := self.filters.get("source"):
            conditions.append(f"{alias}.funding_source = %s")
            params.append(source)
        if self.filters.get("content"):
            subquery, subparams = self._content_ids_sql()
            conditions.append(f"{alias}.content_id IN {subquery}")
            params += subparams
        return "".join(f" AND {c}" for c in conditions), params

    def planned_sql(self, alias: str = "b", plan: str = "a") -> Part:
        """FROM and WHERE of `planned()`: budgets_plannedbudget `alias` joined to its annual plan."""
        tables = f"budgets_plannedbudget {alias} JOIN programs_annualplan {plan} ON {plan}.id = {alias}.annual_plan_id"
        if self.unit_scoped:
            return f"{tables} WHERE FALSE", []
        more, params = self._money_sql(alias, f"{plan}.year")
        return f"{tables} WHERE {plan}.programme_id = %s{more}", [self.programme.pk, *params]

    def allocated_sql(self, alias: str = "b") -> Part:
        """FROM and WHERE of `allocated()`."""
        if self.unit_scoped:
            return f"budgets_allocation {alias} WHERE FALSE", []
        more, params = self._money_sql(alias, f"{alias}.year")
        return f"budgets_allocation {alias} WHERE {alias}.programme_id = %s{more}", [self.programme.pk, *params]

    def disbursed_sql(self, alias: str = "d") -> Part:
        """FROM and WHERE of `disbursed()`: a unit reaches payments through their project."""
        if not self.user.is_authenticated:
            return f"budgets_disbursement {alias} WHERE FALSE", []
        more, params = self._money_sql(alias, f"{alias}.year")
        if self.until:
            more += f" AND {alias}.date <= %s"
            params.append(self.until)
        units = [u for u in (district_unit_id(self.user), self.filters.get("unit")) if u is not None]
        for unit in units:
            more += f" AND {alias}.project_id IN (SELECT id FROM projects_project WHERE administrative_unit_id = %s)"
            params.append(int(unit))
        return f"budgets_disbursement {alias} WHERE {alias}.programme_id = %s{more}", [self.programme.pk, *params]


def _sums(queryset: QuerySet, key: str, amount: str) -> dict[Any, Any]:
    return {row[key]: row["total"] or 0 for row in queryset.values(key).annotate(total=Sum(amount)).order_by()}


# ---------------------------------------------------------------- builders


def _plan_text(target: PlanTarget) -> Decimal | str | None:
    if target.kind in (TargetKind.RANGE, TargetKind.GROWTH_RATE):
        return f"{format_number(target.low, 2)}-{format_number(target.high, 2)}"
    return target.value


@dataclass(slots=True)
class PlanContent:
    id: int
    number: str
    title: str
    sort_key: str


@dataclass(slots=True)
class PlanTarget:
    id: int
    content_id: int | None
    code: str
    name: str
    unit: str
    kind: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    percent_decimals: int
    order: int


PlanData = dict[str, list[dict[str, Any]]]


def _plan_parts(scope: Scope, *, annual: bool) -> tuple[dict[str, Part], dict[str, Part]]:
    """Every aggregate the summary (or annual) report reads: the statement's common tables and its parts."""
    programme = scope.programme.pk
    content_ids, content_params = scope._content_ids_sql() if scope.filters.get("content") else ("", [])
    results, result_params = scope.results_sql("r", "t")
    common: dict[str, Part] = {}
    parts: dict[str, Part] = {
        "contents": (
            "SELECT id, number, title, sort_key FROM programs_content WHERE programme_id = %s"
            + (f" AND id IN {content_ids}" if content_ids else ""),
            [programme, *content_params],
        ),
        "targets": (
            'SELECT id, content_id, code, name, unit, kind, value, low, high, percent_decimals, "order" '
            "FROM programs_target WHERE programme_id = %s"
            + (f" AND content_id IN {content_ids}" if content_ids else ""),
            [programme, *content_params],
        ),
        "reported": (
            "SELECT r.target_id, SUM(r.quantity) AS total FROM programs_result r "
            f"JOIN programs_target t ON t.id = r.target_id WHERE {results} GROUP BY r.target_id",
            result_params,
        ),
    }
    if annual:
        # The year's projects are read once: by status (today's status, whatever the cut-off
        # date) and, for those that count and finished by the cut-off, their outputs.
        projects, project_params = scope.projects_sql("j", until=False)
        common["scoped"] = (
            "SELECT j.id, j.year, j.end_date, j.status, j.support_national, j.support_local, j.counterpart "
            f"FROM projects_project j WHERE {projects}",
            project_params,
        )
        cut_off, cut_off_params = scope.until_sql("j")
        parts["delivered"] = (
            "SELECT o.target_id, SUM(o.delivered) AS total FROM projects_projectoutput o "
            f"JOIN scoped j ON j.id = o.project_id WHERE j.status IN ({COUNTING_SQL})"
            + (f" AND {cut_off}" if cut_off else "")
            + " GROUP BY o.target_id",
            [*COUNTING_STATUSES, *cut_off_params],
        )
        parts["statuses"] = (
            "SELECT j.status, COUNT(*) AS count, SUM(j.support_national) + SUM(j.support_local) AS support, "
            "SUM(j.counterpart) AS counterpart FROM scoped j GROUP BY j.status",
            [],
        )
    else:
        projects, project_params = scope.projects_sql("j")
        parts["delivered"] = (
            "SELECT o.target_id, SUM(o.delivered) AS total FROM projects_projectoutput o "
            f"JOIN projects_project j ON j.id = o.project_id WHERE {projects} AND j.status IN ({COUNTING_SQL}) "
            "GROUP BY o.target_id",
            [*project_params, *COUNTING_STATUSES],
        )
    parts.update(_money_parts(scope, "b.content_id, b.funding_source" if annual else "b.content_id"))
    if annual and scope.year is not None:
        parts["annual_plan"] = (
            "SELECT q.target_id, q.quantity FROM programs_annualplantarget q "
            "JOIN programs_annualplan a ON a.id = q.annual_plan_id WHERE a.programme_id = %s AND a.year = %s",
            [programme, scope.year],
        )
    return common, parts


def _money_parts(scope: Scope, group: str, suffix: str = "") -> dict[str, Part]:
    """Planned, allocated and disbursed money (`b`) summed by `group`, as parts named with `suffix`.

    `group` lists columns of `b`; `{year}` in it stands for the budget year, which for a planned
    budget is its annual plan's.
    """
    parts = {}
    for name, (source, params), year in (
        ("planned", scope.planned_sql("b", "a"), "a.year"),
        ("allocated", scope.allocated_sql("b"), "b.year"),
        ("disbursed", scope.disbursed_sql("b"), "b.year"),
    ):
        columns = group.format(year=year)
        by = ", ".join(str(position) for position in range(1, columns.count(",") + 2))
        parts[name + suffix] = (f"SELECT {columns}, SUM(b.amount) AS total FROM {source} GROUP BY {by}", params)
    return parts


def _plan_contents(data: PlanData) -> list[PlanContent]:
    return [PlanContent(**r) for r in sorted(data["contents"], key=lambda r: r["sort_key"])]


def _target_table(scope: Scope, data: PlanData, contents: list[PlanContent], *, annual: bool) -> Table:
    targets = [PlanTarget(**r) for r in sorted(data["targets"], key=lambda r: (r["order"], r["code"]))]
    delivered = {r["target_id"]: r["total"] for r in data["delivered"]}
    reported = {r["target_id"]: r["total"] for r in data["reported"]}
    annual_plan: dict[int, Decimal] = {r["target_id"]: r["quantity"] for r in data.get("annual_plan", [])}
    by_content: dict[int | None, list[PlanTarget]] = defaultdict(list)
    for target in targets:
        by_content[target.content_id].append(target)

    def target_row(target: PlanTarget, letter: str) -> Row:
        actual = Decimal(delivered.get(target.id, 0)) + Decimal(reported.get(target.id, 0))
        if annual:
            quantity = annual_plan.get(target.id)
            plan: Decimal | str | None = quantity
            kind = TargetKind.EXACT if target.kind in (TargetKind.RANGE, TargetKind.GROWTH_RATE) else target.kind
            result = completion(kind=kind, actual=actual, value=quantity)
        else:
            plan = _plan_text(target)
            result = completion(kind=target.kind, actual=actual, value=target.value, low=target.low, high=target.high)
        return Row(
            cells={
                "number": letter,
                "name": target.name,
                "unit": target.unit,
                "plan": plan,
                "actual": actual,
                "percent": Percent.of(result, target.percent_decimals),
                "target": target.code,
            },
            drill={"target": target.code},
        )

    rows: list[Row] = []
    letters = "abcdefghiklmnopqrstuvxy"
    for content in contents:
        own = by_content.get(content.id, [])
        rows.append(
            Row(
                cells={"number": content.number, "name": content.title},
                style="section",
                drill={"content": content.number},
            )
        )
        rows.extend(target_row(t, letters[i % len(letters)]) for i, t in enumerate(own))
    objectives = by_content.get(None, [])
    if objectives and not scope.filters.get("content"):
        rows.append(Row(cells={"number": "", "name": "Mục tiêu cụ thể của chương trình"}, style="section"))
        rows.extend(target_row(t, letters[i % len(letters)]) for i, t in enumerate(objectives))
    plan_label = f"Kế hoạch năm {scope.year}" if annual else "Kế hoạch"
    return Table(
        title="Kết quả thực hiện các chỉ tiêu",
        columns=[
            Column("number", "STT", "text", 6),
            Column("name", "Nội dung, chỉ tiêu", "text", 52),
            Column("unit", "Đơn vị tính", "text", 12),
            Column("plan", plan_label, "number", 15),
            Column("actual", "Thực hiện", "number", 14),
            Column("percent", "Tỷ lệ hoàn thành", "percent", 15),
        ],
        rows=rows,
    )


MONEY_COLUMNS = [
    Column("planned", "Kinh phí kế hoạch", "money", 18),
    Column("allocated", "Dự toán giao", "money", 18),
    Column("allocated_percent", "Tỷ lệ giao/kế hoạch", "percent", 13),
    Column("disbursed", "Giải ngân", "money", 18),
    Column("disbursed_percent", "Tỷ lệ giải ngân/dự toán", "percent", 13),
]


def _money_cells(programme: Programme, planned: int | None, allocated: int | None, disbursed: int) -> dict:
    return {
        "planned": planned,
        "allocated": allocated,
        "allocated_percent": Percent.of(money_completion(allocated, planned), programme.allocated_percent_decimals),
        "disbursed": disbursed,
        "disbursed_percent": Percent.of(money_completion(disbursed, allocated), programme.disbursed_percent_decimals),
    }


def _money_table(scope: Scope, data: PlanData, contents: list[PlanContent], *, by_source: bool = False) -> Table:
    key = ("content_id", "funding_source") if by_source else ("content_id",)

    def grouped(name: str) -> dict:
        return {tuple(r[k] for k in key): r["total"] for r in data[name]}

    planned, allocated, disbursed = grouped("planned"), grouped("allocated"), grouped("disbursed")
    unit_scoped = scope.unit_scoped
    programme = scope.programme
    sources = list(FundingSource) if by_source else [None]
    source_labels = {source.value: str(source.label) for source in FundingSource}
    rows = []
    for content in contents:
        for source in sources:
            index = (content.id, source) if by_source else (content.id,)
            if by_source and not any(index in d for d in (planned, allocated, disbursed)):
                continue
            cells = {
                "number": content.number,
                "name": content.title,
                **_money_cells(
                    programme,
                    None if unit_scoped else planned.get(index, 0),
                    None if unit_scoped else allocated.get(index, 0),
                    disbursed.get(index, 0),
                ),
            }
            drill = {"content": content.number}
            if source is not None:
                cells["source"] = source_labels[source]
                drill["source"] = str(source)
            rows.append(Row(cells=cells, drill=drill, drill_kind="entries"))
    total_planned = None if unit_scoped else sum(planned.values())
    total_allocated = None if unit_scoped else sum(allocated.values())
    totals = [
        Row(
            cells={
                "number": "",
                "name": "Tổng cộng",
                **_money_cells(programme, total_planned, total_allocated, sum(disbursed.values())),
            },
            style="total",
        )
    ]
    columns = [Column("number", "STT", "text", 6), Column("name", "Nội dung", "text", 44)]
    if by_source:
        columns.append(Column("source", "Nguồn kinh phí", "text", 26))
    note = (
        "Kế hoạch và dự toán giao là số liệu của cả chương trình, không chia theo địa bàn; "
        "báo cáo theo địa bàn chỉ nêu số giải ngân cho các đề án của địa bàn."
        if unit_scoped
        else ""
    )
    return Table(title="Kinh phí thực hiện", columns=columns + MONEY_COLUMNS, rows=rows, totals=totals, note=note)


def _projects_by_status_table(data: PlanData) -> Table:
    by_status = {r["status"]: r for r in data["statuses"]}
    rows = []
    for status in ProjectStatus:
        if status.value not in by_status:
            continue
        r = by_status[status.value]
        rows.append(
            Row(
                cells={
                    "status": str(status.label),
                    "count": r["count"],
                    "support": r["support"],
                    "counterpart": r["counterpart"],
                },
                drill={"status": status.value},
            )
        )
    totals = [
        Row(
            cells={
                "status": "Tổng cộng",
                "count": sum(r["count"] for r in by_status.values()),
                "support": sum(r["support"] or 0 for r in by_status.values()),
                "counterpart": sum(r["counterpart"] or 0 for r in by_status.values()),
            },
            style="total",
        )
    ]
    return Table(
        title="Đề án theo trạng thái",
        columns=[
            Column("status", "Trạng thái", "text", 28),
            Column("count", "Số đề án", "count", 10),
            Column("support", "Kinh phí khuyến công hỗ trợ", "money", 20),
            Column("counterpart", "Vốn đối ứng", "money", 20),
        ],
        rows=rows,
        totals=totals,
    )


def _units_table(scope: Scope) -> Table:
    projects = (
        scope.projects()
        .values("administrative_unit_id", "administrative_unit__name")
        .annotate(
            count=Count("id"),
            counting=Count("id", filter=Q(status__in=COUNTING_STATUSES)),
            national=Sum("support_national"),
            local=Sum("support_local"),
            counterpart=Sum("counterpart"),
        )
        .order_by("administrative_unit__name")
    )
    # A payment always belongs to its project's programme (disbursement_create checks it): saying so
    # lets PostgreSQL join the programme's projects only instead of hashing every project.
    paid_to_projects = scope.disbursed().filter(project__isnull=False, project__programme=scope.programme)
    disbursed = _sums(paid_to_projects, "project__administrative_unit_id", "amount")
    rows = [
        Row(
            cells={
                "unit": r["administrative_unit__name"],
                "count": r["count"],
                "counting": r["counting"],
                "national": r["national"],
                "local": r["local"],
                "counterpart": r["counterpart"],
                "disbursed": disbursed.get(r["administrative_unit_id"], 0),
            },
            drill={"unit": str(r["administrative_unit_id"])},
        )
        for r in projects
    ]
    keys = ("count", "counting", "national", "local", "counterpart", "disbursed")
    totals = [Row(cells={"unit": "Tổng cộng", **{k: sum(r.cells[k] or 0 for r in rows) for k in keys}}, style="total")]
    return Table(
        title="Đề án và kinh phí theo đơn vị hành chính",
        columns=[
            Column("unit", "Đơn vị hành chính", "text", 28),
            Column("count", "Số đề án", "count", 10),
            Column("counting", "Đề án được phê duyệt trở đi", "count", 14),
            Column("national", "Kinh phí khuyến công quốc gia", "money", 18),
            Column("local", "Kinh phí khuyến công địa phương", "money", 18),
            Column("counterpart", "Vốn đối ứng", "money", 18),
            Column("disbursed", "Đã giải ngân cho đề án", "money", 18),
        ],
        rows=rows,
        totals=totals,
    )


def _sources_parts(scope: Scope) -> dict[str, Part]:
    """The money by funding source and the support on counting projects, as parts of one statement."""
    parts = _money_parts(scope, "b.funding_source")
    projects, params = scope.projects_sql("j")
    parts["on_projects"] = (
        # Named after the funding sources they are: national, local, counterpart.
        "SELECT SUM(j.support_national) AS national, SUM(j.support_local) AS local, "
        f"SUM(j.counterpart) AS counterpart FROM projects_project j WHERE {projects} AND j.status IN ({COUNTING_SQL})",
        [*params, *COUNTING_STATUSES],
    )
    return parts


def _sources_table(scope: Scope, parts: PlanData) -> Table:
    planned, allocated, disbursed = (
        {r["funding_source"]: r["total"] for r in parts[name]} for name in ("planned", "allocated", "disbursed")
    )
    on_projects = {source.value: sum(r[source.value] or 0 for r in parts["on_projects"]) for source in FundingSource}
    unit_scoped = scope.unit_scoped
    rows = []
    for source in FundingSource:
        rows.append(
            Row(
                cells={
                    "name": str(source.label),
                    **_money_cells(
                        scope.programme,
                        None if unit_scoped else planned.get(source.value, 0),
                        None if unit_scoped else allocated.get(source.value, 0),
                        disbursed.get(source.value, 0),
                    ),
                    "on_projects": on_projects[source.value],
                },
                drill={"source": source.value},
                drill_kind="projects" if source == FundingSource.COUNTERPART else "entries",
            )
        )
    totals = [
        Row(
            cells={
                "name": "Tổng cộng",
                **_money_cells(
                    scope.programme,
                    None if unit_scoped else sum(planned.values()),
                    None if unit_scoped else sum(allocated.values()),
                    sum(disbursed.values()),
                ),
                "on_projects": sum(on_projects.values()),
            },
            style="total",
        )
    ]
    return Table(
        title="Kinh phí theo nguồn",
        columns=[
            Column("name", "Nguồn kinh phí", "text", 34),
            *MONEY_COLUMNS,
            Column("on_projects", "Kinh phí trên các đề án", "money", 18),
        ],
        rows=rows,
        totals=totals,
    )


def _projects_table(scope: Scope) -> Table:
    where, params = scope.projects_sql("j")
    if status := scope.filters.get("status"):
        where += " AND j.status = %s"
        params.append(status)
    if target := scope.filters.get("target"):
        where += (
            " AND j.id IN (SELECT o.project_id FROM projects_projectoutput o"
            " JOIN programs_target t ON t.id = o.target_id WHERE t.programme_id = %s AND t.code = %s)"
        )
        params += [scope.programme.pk, target]
    listing = (
        "SELECT j.id, j.code, j.title, j.year, c.number, u.name, j.status, j.support_national, j.support_local,"
        " j.counterpart FROM projects_project j JOIN programs_content c ON c.id = j.content_id"
        f" JOIN accounts_administrativeunit u ON u.id = j.administrative_unit_id WHERE {where}"
        " ORDER BY j.year, j.code"
    )
    # What each project has been paid: the programme's payments summed once by project, matched to
    # the listing here; joined in SQL, the grouped sum makes PostgreSQL hash it and sort again. A
    # payment always belongs to its project's programme (disbursement_create checks it).
    paid_by_project = (
        "SELECT project_id, SUM(amount)::bigint FROM budgets_disbursement"
        " WHERE programme_id = %s AND project_id IS NOT NULL GROUP BY project_id"
    )
    with collector_paused():
        paid_of = dict(fetch_statement(paid_by_project, [scope.programme.pk]))
        projects = fetch_statement(listing, params)
    statuses = {value: str(label) for value, label in ProjectStatus.choices}

    def project_row(record: tuple) -> Row:
        pk, code, title, year, content, unit, status, national, local, counterpart = record
        return Row(
            {
                "code": code,
                "title": title,
                "year": year,
                "content": content,
                "unit": unit,
                "status": statuses.get(status, status),
                "national": national,
                "local": local,
                "counterpart": counterpart,
                "paid": paid_of.get(pk, 0),
            }
        )

    rows = BuiltRows(projects, project_row)
    totals = [
        Row(
            cells={
                "code": "",
                "title": f"Tổng cộng: {len(rows)} đề án",
                "national": sum(map(itemgetter(7), projects)),
                "local": sum(map(itemgetter(8), projects)),
                "counterpart": sum(map(itemgetter(9), projects)),
                "paid": sum(map(paid_of.get, map(itemgetter(0), projects), repeat(0))),
            },
            style="total",
        )
    ]
    return Table(
        title="Danh sách đề án",
        columns=[
            Column("code", "Mã đề án", "text", 16),
            Column("title", "Tên đề án", "text", 48),
            Column("year", "Năm", "count", 7),
            Column("content", "Nội dung", "text", 9),
            Column("unit", "Địa bàn", "text", 18),
            Column("status", "Trạng thái", "text", 18),
            Column("national", "KP khuyến công quốc gia", "money", 16),
            Column("local", "KP khuyến công địa phương", "money", 16),
            Column("counterpart", "Vốn đối ứng", "money", 16),
            Column("paid", "Đã giải ngân", "money", 16),
        ],
        rows=rows,
        totals=totals,
    )


class _Days(dict[dt.date, str]):
    """Each day written as dd/mm/yyyy once: a programme's payments fall on a few hundred days."""

    def __missing__(self, day: dt.date) -> str:
        text = self[day] = f"{day:%d/%m/%Y}"
        return text


def _entries_table(scope: Scope) -> Table:
    """The payments behind a money figure, each with its voucher."""
    # Plain tuples in one fetch: no model, no per-chunk handling and no converter per payment; a
    # programme can have tens of thousands. A payment always belongs to its project's programme
    # (disbursement_create checks it): saying so in the join lets PostgreSQL hash the programme's
    # projects only instead of every project.
    with collector_paused():
        payments = fetch_rows(
            scope.disbursed()
            .annotate(own_project=FilteredRelation("project", condition=Q(project__programme=scope.programme)))
            .order_by("date", "voucher_number")
            .values_list(
                "date", "voucher_number", "year", "content__number", "funding_source", "own_project__code",
                "is_advance", "amount", "note",
            )
        )  # fmt: skip
    days = _Days()
    sources = {source.value: str(source.label) for source in FundingSource}
    advances = {True: "Tạm ứng", False: ""}

    def entry_row(record: tuple) -> Row:
        day, voucher, year, content, source, project, advance, amount, note = record
        return Row(
            {
                "date": days[day],
                "voucher": voucher,
                "year": year,
                "content": content,
                "source": sources.get(source, source),
                "project": project or "",
                "advance": advances[advance],
                "amount": amount,
                "note": note,
            }
        )

    rows = BuiltRows(payments, entry_row)
    totals = [
        Row(
            cells={
                "date": "Tổng cộng",
                "voucher": f"{len(rows)} chứng từ",
                "amount": sum(map(itemgetter(7), payments)),
            },
            style="total",
        )
    ]
    return Table(
        title="Chứng từ giải ngân",
        columns=[
            Column("date", "Ngày chứng từ", "text", 12),
            Column("voucher", "Số chứng từ", "text", 16),
            Column("year", "Năm ngân sách", "count", 9),
            Column("content", "Nội dung", "text", 9),
            Column("source", "Nguồn kinh phí", "text", 26),
            Column("project", "Đề án", "text", 16),
            Column("advance", "Tạm ứng", "text", 9),
            Column("amount", "Số tiền", "money", 18),
            Column("note", "Ghi chú", "text", 30),
        ],
        rows=rows,
        totals=totals,
    )


def _trend_tables(scope: Scope, metadata: dict[str, Part]) -> tuple[list[Table], PlanData]:
    """A content type across the years and the programmes, and a target across its programme's years.

    The programmes compared are those of the report's programme's province; for a national programme,
    the national programmes. `metadata` joins the statement of the two aggregates; its rows come back.
    """
    law_type: int | None = int(scope.filters["law_type"]) if scope.filters.get("law_type") else None
    if law_type is None and scope.filters.get("content"):
        content = scope.programme.contents.filter(number=scope.filters["content"]).first()
        law_type = content.law_type.code if content else None
    # The programmes of the report's province, or the national programmes for a national one.
    unit_id = scope.programme.administrative_unit_id
    same_place = Q(administrative_unit_id=unit_id) if unit_id is not None else Q(administrative_unit__isnull=True)
    programmes = list(
        Programme.objects.filter(same_place).order_by().values_list("pk", "code", "administrative_unit__name")
    )
    codes = {pk: code for pk, code, _ in programmes}
    place = programmes[0][2] if unit_id is not None else None
    projects = visible_projects(
        scope.user, Project.objects.filter(programme_id__in=list(codes), status__in=COUNTING_STATUSES)
    )
    disbursements = visible_disbursements(scope.user, Disbursement.objects.filter(programme_id__in=list(codes)))
    if law_type is not None:
        projects = projects.filter(content__law_type__code=law_type)
        disbursements = disbursements.filter(content__law_type__code=law_type)
    unit = scope.filters.get("unit")
    if unit:
        projects = projects.filter(administrative_unit_id=int(unit))
        disbursements = disbursements.filter(project__administrative_unit_id=int(unit))
    # Both aggregates in one statement, grouped by the programme's id rather than its joined code.
    parts = fetch_parts(
        {
            "projects": queryset_part(
                projects.values("programme_id", "year")
                .annotate(count=Count("id"), support=Sum("support_national") + Sum("support_local"))
                .order_by()
            ),
            "paid": queryset_part(
                disbursements.values("programme_id", "year").annotate(total=Sum("amount")).order_by()
            ),
            **metadata,
        }
    )
    counts = {(codes[r["programme_id"]], r["year"]): (r["count"], r["support"] or 0) for r in parts["projects"]}
    paid = {(codes[r["programme_id"]], r["year"]): r["total"] for r in parts["paid"]}
    keys = sorted(set(counts) | set(paid), key=lambda k: (k[1], k[0]))
    rows = [
        Row(
            cells={
                "programme": code,
                "year": year,
                "count": counts.get((code, year), (0, 0))[0],
                "support": counts.get((code, year), (0, 0))[1],
                "paid": paid.get((code, year), 0),
            },
            drill={"year": str(year)} if code == scope.programme.code else None,
        )
        for code, year in keys
    ]
    label = "tất cả các loại nội dung"
    if law_type is not None:
        law = LawContentType.objects.filter(code=law_type).first()
        label = f"loại nội dung {law}" if law else label
    tables = [
        Table(
            title=f"Đề án và giải ngân qua các năm: {label}",
            note=f"Gồm các chương trình khuyến công {f'của {place}' if place else 'quốc gia'}.",
            columns=[
                Column("programme", "Chương trình", "text", 18),
                Column("year", "Năm", "count", 8),
                Column("count", "Số đề án", "count", 10),
                Column("support", "Kinh phí hỗ trợ đề án", "money", 20),
                Column("paid", "Giải ngân", "money", 20),
            ],
            rows=rows,
            totals=[
                Row(
                    cells={
                        "programme": "Tổng cộng",
                        "year": None,
                        **{k: sum(r.cells[k] for r in rows) for k in ("count", "support", "paid")},
                    },
                    style="total",
                )
            ],
        )
    ]
    target_code = scope.filters.get("target")
    if target_code:
        target = scope.programme.targets.filter(code=target_code).first()
        if target:
            plans = dict(AnnualPlanTarget.objects.filter(target=target).values_list("annual_plan__year", "quantity"))
            delivered = _sums(
                ProjectOutput.objects.filter(
                    target=target, project__in=visible_projects(scope.user).filter(status__in=COUNTING_STATUSES)
                ),
                "project__year",
                "delivered",
            )
            reported = _sums(visible_results(scope.user, target.results.all()), "year", "quantity")
            year_rows = []
            for year in scope.programme.years:
                actual = Decimal(delivered.get(year, 0)) + Decimal(reported.get(year, 0))
                plan = plans.get(year)
                year_rows.append(
                    Row(
                        cells={
                            "year": year,
                            "plan": plan,
                            "actual": actual,
                            "percent": Percent.of(
                                completion(kind=TargetKind.EXACT, actual=actual, value=plan), target.percent_decimals
                            ),
                        },
                        drill={"year": str(year), "target": target.code},
                    )
                )
            tables.append(
                Table(
                    title=f"Chỉ tiêu qua các năm: {target.name} ({target.unit})",
                    columns=[
                        Column("year", "Năm", "count", 8),
                        Column("plan", "Kế hoạch năm", "number", 14),
                        Column("actual", "Thực hiện", "number", 14),
                        Column("percent", "Tỷ lệ hoàn thành", "percent", 12),
                    ],
                    rows=year_rows,
                )
            )
    return tables, parts


# ---------------------------------------------------------------- entry point


def build_report(
    kind: str,
    *,
    programme: Programme,
    user: User,
    year: int | None = None,
    until: dt.date | None = None,
    filters: dict[str, str] | None = None,
) -> Report:
    """The rows of one report; raises UnknownReportKind or YearOutsideProgramme."""
    report, _ = _build_report(kind, programme=programme, user=user, year=year, until=until, filters=filters)
    return report


def _build_report(
    kind: str,
    *,
    programme: Programme,
    user: User,
    year: int | None = None,
    until: dt.date | None = None,
    filters: dict[str, str] | None = None,
    money_by_year: bool = False,
) -> tuple[Report, PlanData]:
    """The report and, for summary and annual, the parts it was built from (with money by year if asked)."""
    if kind not in KINDS:
        raise UnknownReportKind(kind)
    if year is not None and year not in programme.years:
        raise YearOutsideProgramme(year, programme)
    if kind == "annual" and year is None:
        year = until.year if until else programme.last_year
    clean = {k: str(v) for k, v in (filters or {}).items() if k in FILTER_KEYS and v not in (None, "")}
    scope = Scope(programme=programme, user=user, year=year, until=until, filters=clean)

    unit_id = scope.unit_id
    parts = _metadata_parts(programme, user, unit_id)
    if kind in ("summary", "annual"):
        annual = kind == "annual"
        common, plan_parts = _plan_parts(scope, annual=annual)
        if money_by_year:
            plan_parts.update(_money_parts(scope, "{year} AS year", suffix="_by_year"))
        data = fetch_parts({**parts, **plan_parts}, common=common)
        contents = _plan_contents(data)
        tables = [
            _target_table(scope, data, contents, annual=annual),
            _money_table(scope, data, contents, by_source=annual),
        ]
        if annual:
            tables.append(_projects_by_status_table(data))
    elif kind == "sources":
        data = fetch_parts({**parts, **_sources_parts(scope)})
        tables = [_sources_table(scope, data)]
    elif kind == "trend":
        tables, data = _trend_tables(scope, parts)
    else:
        # The listings and the units table read with their own queries; the metadata comes apart.
        build = {"units": _units_table, "projects": _projects_table, "entries": _entries_table}[kind]
        tables, data = [build(scope)], fetch_parts(parts)

    version = _version_from(programme, data["version"])
    unit_name = data["unit"][0]["name"] if data.get("unit") else None
    title = KINDS[kind] + (f" {year}" if kind == "annual" else "")
    subtitle = programme.name
    if until:
        subtitle += f" (số liệu đến ngày {until:%d/%m/%Y})"
    elif year:
        subtitle += f" (năm {year})"
    metadata = {
        "programme": programme.code,
        "programme_name": programme.name,
        "programme_period": f"{programme.first_year}-{programme.last_year}",
        "version": str(version) if version else "",
        "decision": f"Quyết định số {programme.decision_number}"
        + (
            f" ngày {programme.decision_date:%d/%m/%Y} của {programme.decision_body}" if programme.decision_date else ""
        ),
        "year": year,
        "until": until.isoformat() if until else None,
        "until_display": f"{until:%d/%m/%Y}" if until else "",
        "number": "",
        "signer_name": "",
        "scope": unit_name or "Toàn địa bàn chương trình",
        "unit_id": unit_id,
        "filters": clean,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "generated_by": user.get_full_name() or user.get_username(),
    }
    metadata.update(_issuer(data["issuer"][0]))
    report = Report(kind=kind, title=title, subtitle=subtitle, tables=tables, metadata=metadata)
    report.amounts_in_words = _amounts(report)
    from reports.narrative import sentences  # the narrative reads the report's own rows

    report.narrative = sentences(report)
    return report, data


def _official(name: str) -> str:
    return name.replace("Ủy ban nhân dân", "UBND")


def _metadata_parts(programme: Programme, user: User, unit_id: int | None) -> dict[str, Part]:
    """The programme's current version, the issuing organisation and the report's unit, as statement parts."""
    issuer = programme.owner_id
    if district_unit_id(user) is not None and user.organisation_id is not None:
        # A district officer's copy is issued by their own office.
        issuer = user.organisation_id
    parts: dict[str, Part] = {
        "version": (
            "SELECT number, decision_number, decision_date FROM programs_programmeversion "
            "WHERE programme_id = %s ORDER BY number DESC LIMIT 1",
            [programme.pk],
        ),
        "issuer": (
            "SELECT o.name, o.short_name, o.kind, p.name AS parent_name, u.name AS place "
            "FROM accounts_organisation o LEFT JOIN accounts_organisation p ON p.id = o.parent_id "
            "JOIN accounts_administrativeunit u ON u.id = o.administrative_unit_id WHERE o.id = %s",
            [issuer],
        ),
    }
    if unit_id:
        parts["unit"] = ("SELECT name FROM accounts_administrativeunit WHERE id = %s", [unit_id])
    return parts


def _version_from(programme: Programme, rows: list[dict[str, Any]]) -> ProgrammeVersion | None:
    if not rows:
        return None
    row = rows[0]
    return ProgrammeVersion(
        programme=programme,
        number=row["number"],
        decision_number=row["decision_number"],
        decision_date=dt.date.fromisoformat(row["decision_date"]),
    )


def _issuer(organisation: dict[str, Any]) -> dict[str, str]:
    """Who issues the official copy, from the `issuer` part of `_metadata_parts`."""
    parent_name = organisation["parent_name"]
    place = organisation["place"]
    for prefix in ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã "):
        place = place.removeprefix(prefix)
    place = place.split(" (")[0]
    name = organisation["name"]
    short = organisation["short_name"] or "".join(word[0] for word in name.split()).upper()
    is_department = organisation["kind"] == OrganisationKind.DEPARTMENT
    return {
        "issuer_parent": _official(parent_name) if parent_name else "",
        "issuer": name,
        "symbol": f"BC-{short}",
        "place": place,
        "signer_title": "GIÁM ĐỐC" if is_department else "THỦ TRƯỞNG ĐƠN VỊ",
        "recipients": "\n".join(
            [
                f"- {_official(parent_name)} (để báo cáo);" if parent_name else "- Bộ Công Thương;",
                "- Bộ Công Thương (Cục Công Thương địa phương);",
                "- Trung tâm Khuyến công;",
                f"- Lưu: VT, {short}.",
            ]
        ),
    }


def _amounts(report: Report) -> list[tuple[str, int]]:
    """The money totals an official copy also writes in words."""
    amounts = []
    labels = {
        "planned": "Tổng kinh phí kế hoạch",
        "allocated": "Tổng dự toán giao",
        "disbursed": "Tổng kinh phí giải ngân",
    }
    for table in report.tables:
        for total in table.totals:
            for key, label in labels.items():
                value = total.cells.get(key)
                if isinstance(value, int) and value:
                    amounts.append((label, value))
        if amounts:
            break
    return amounts


# ---------------------------------------------------------------- overview


@dataclass
class TargetStatus:
    target: PlanTarget
    actual: Decimal
    percent: Percent
    status: str  # achieved, on_track, behind, no_plan
    gap: Decimal  # expected share minus completion, in points: the larger, the more at risk


STATUS_LABELS = {
    "achieved": "Đã đạt",
    "on_track": "Đúng tiến độ",
    "behind": "Chậm tiến độ",
    "no_plan": "Không có kế hoạch",
}


def elapsed_share(programme: Programme, today: dt.date) -> Decimal:
    """Share of the programme period gone by on `today`, between 0 and 1."""
    start, end = dt.date(programme.first_year, 1, 1), dt.date(programme.last_year, 12, 31)
    if today <= start:
        return Decimal(0)
    if today >= end:
        return Decimal(1)
    return Decimal((today - start).days) / Decimal((end - start).days)


@dataclass
class Overview:
    report: Report
    targets: list[TargetStatus]
    elapsed: Decimal
    budget_by_year: list[dict[str, Any]]


def build_overview(
    *,
    programme: Programme,
    user: User,
    today: dt.date | None = None,
    until: dt.date | None = None,
    filters: dict[str, str] | None = None,
) -> Overview:
    """The leaders' view: each target judged against the share of the period elapsed, most at risk first."""
    today = today or until or timezone.localdate()
    report, data = _build_report(
        "summary", programme=programme, user=user, until=until, filters=filters, money_by_year=True
    )
    elapsed = elapsed_share(programme, today)
    expected = elapsed * 100
    targets_by_code = {r["code"]: PlanTarget(**r) for r in data["targets"]}
    statuses = []
    for row in report.rows:
        if row.style != "item":
            continue
        percent: Percent = row.cells["percent"]
        if percent.value is None:
            status, gap = "no_plan", Decimal(-1000)
        elif percent.met:
            status, gap = "achieved", expected - percent.value
        else:
            status = "on_track" if percent.value >= expected else "behind"
            gap = expected - percent.value
        statuses.append(TargetStatus(targets_by_code[row.cells["target"]], row.cells["actual"], percent, status, gap))
    statuses.sort(key=lambda s: (s.status == "no_plan", s.status == "achieved", -s.gap))
    planned, allocated, disbursed = (
        {r["year"]: r["total"] for r in data[name]}
        for name in ("planned_by_year", "allocated_by_year", "disbursed_by_year")
    )
    budget = [
        {
            "year": year,
            "planned": planned.get(year, 0),
            "allocated": allocated.get(year, 0),
            "disbursed": disbursed.get(year, 0),
        }
        for year in programme.years
    ]
    return Overview(report=report, targets=statuses, elapsed=elapsed, budget_by_year=budget)
