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
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import CharField, Count, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.access import district_unit_id, visible_disbursements, visible_projects, visible_results
from accounts.models import AdministrativeUnit, Organisation, OrganisationKind, User
from budgets.models import Allocation, Disbursement, FundingSource, PlannedBudget
from khuyencong.formatting import format_number, format_percent
from programs.models import AnnualPlanTarget, Content, LawContentType, Programme, Result, Target, TargetKind
from projects.models import COUNTING_STATUSES, Project, ProjectOutput, ProjectStatus
from reports.completion import Completion, completion, money_completion

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


@dataclass
class Row:
    """style: section (a heading row), item, total. `drill` holds the filters of the projects behind it."""

    cells: dict[str, Any]
    style: str = "item"
    drill: dict[str, str] | None = None
    drill_kind: str = "projects"  # the report that lists what is behind the row: projects or entries


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
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
    def rows(self) -> list[Row]:
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
    _contents: list[Content] | None = field(default=None, repr=False)

    @property
    def unit_id(self) -> int | None:
        """The unit the report is confined to: the officer's own, else the filter's."""
        own = district_unit_id(self.user)
        if own is not None:
            return own
        unit = self.filters.get("unit")
        return int(unit) if unit else None

    @property
    def content_q(self) -> Q:
        number = self.filters.get("content")
        if not number:
            return Q()
        return Q(number=number) | Q(number__startswith=f"{number}.")

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

    def contents(self) -> list[Content]:
        if self._contents is None:
            self._contents = list(self.programme.contents.filter(self.content_q).order_by("sort_key"))
        return self._contents


def _sums(queryset: QuerySet, key: str, amount: str) -> dict[Any, Any]:
    return {row[key]: row["total"] or 0 for row in queryset.values(key).annotate(total=Sum(amount)).order_by()}


# ---------------------------------------------------------------- builders


def _plan_text(target: Target) -> Decimal | str | None:
    if target.kind in (TargetKind.RANGE, TargetKind.GROWTH_RATE):
        return f"{format_number(target.low, 2)}-{format_number(target.high, 2)}"
    return target.value


def _target_table(scope: Scope, *, annual: bool) -> Table:
    contents = scope.contents()
    if scope.filters.get("content"):
        targets = list(scope.programme.targets.filter(content__in=contents))
    else:
        targets = list(scope.programme.targets.all())
    delivered = _sums(scope.outputs(), "target_id", "delivered")
    reported = _sums(scope.results(), "target_id", "quantity")
    annual_plan: dict[int, Decimal] = {}
    if annual and scope.year is not None:
        annual_plan = dict(
            AnnualPlanTarget.objects.filter(
                annual_plan__programme=scope.programme, annual_plan__year=scope.year
            ).values_list("target_id", "quantity")
        )
    by_content: dict[int | None, list[Target]] = defaultdict(list)
    for target in targets:
        by_content[target.content_id].append(target)

    def target_row(target: Target, letter: str) -> Row:
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


def _money_table(scope: Scope, *, by_source: bool = False) -> Table:
    key = ("content_id", "funding_source") if by_source else ("content_id",)

    def grouped(queryset: QuerySet) -> dict:
        return {
            tuple(r[k] for k in key): r["total"] for r in queryset.values(*key).annotate(total=Sum("amount")).order_by()
        }

    planned, allocated, disbursed = grouped(scope.planned()), grouped(scope.allocated()), grouped(scope.disbursed())
    unit_scoped = scope.unit_scoped
    programme = scope.programme
    sources = list(FundingSource) if by_source else [None]
    rows = []
    for content in scope.contents():
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
                cells["source"] = str(FundingSource(source).label)
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


def _projects_by_status_table(scope: Scope) -> Table:
    # A project's status is today's: the year's projects count whatever the cut-off date.
    grouped = (
        replace(scope, until=None)
        .projects()
        .values("status")
        .annotate(
            count=Count("id"),
            support=Sum("support_national") + Sum("support_local"),
            counterpart=Sum("counterpart"),
        )
        .order_by()
    )
    by_status = {r["status"]: r for r in grouped}
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


def _sources_table(scope: Scope) -> Table:
    planned = _sums(scope.planned(), "funding_source", "amount")
    allocated = _sums(scope.allocated(), "funding_source", "amount")
    disbursed = _sums(scope.disbursed(), "funding_source", "amount")
    on_projects = (
        scope.projects()
        .filter(status__in=COUNTING_STATUSES)
        .aggregate(
            national=Coalesce(Sum("support_national"), Value(0), output_field=IntegerField()),
            local=Coalesce(Sum("support_local"), Value(0), output_field=IntegerField()),
            counterpart=Coalesce(Sum("counterpart"), Value(0), output_field=IntegerField()),
        )
    )
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
    paid = (
        Disbursement.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    queryset = scope.projects()
    if status := scope.filters.get("status"):
        queryset = queryset.filter(status=status)
    if target := scope.filters.get("target"):
        queryset = queryset.filter(outputs__target__code=target, outputs__target__programme=scope.programme)
    projects = (
        queryset.annotate(paid=Coalesce(Subquery(paid), Value(0), output_field=IntegerField()))
        .order_by("year", "code")
        .values_list(
            "code", "title", "year", "content__number", "administrative_unit__name", "status",
            "support_national", "support_local", "counterpart", "paid",
        )
    )  # fmt: skip
    statuses = {value: str(label) for value, label in ProjectStatus.choices}
    rows = [
        Row(
            cells={
                "code": code,
                "title": title,
                "year": year,
                "content": content,
                "unit": unit,
                "status": statuses.get(status, status),
                "national": national,
                "local": local,
                "counterpart": counterpart,
                "paid": paid_total,
            }
        )
        for code, title, year, content, unit, status, national, local, counterpart, paid_total in projects
    ]
    keys = ("national", "local", "counterpart", "paid")
    totals = [
        Row(
            cells={
                "code": "",
                "title": f"Tổng cộng: {len(rows)} đề án",
                **{k: sum(r.cells[k] for r in rows) for k in keys},
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


def _entries_table(scope: Scope) -> Table:
    """The payments behind a money figure, each with its voucher."""
    # Plain tuples, the date already written as dd/mm/yyyy by the database: no model per payment.
    payments = (
        scope.disbursed()
        .order_by("date", "voucher_number")
        .annotate(shown_date=Func(F("date"), Value("DD/MM/YYYY"), function="to_char", output_field=CharField()))
        .values_list(
            "shown_date", "voucher_number", "year", "content__number", "funding_source", "project__code",
            "is_advance", "amount", "note",
        )
    )  # fmt: skip
    sources = {source.value: str(source.label) for source in FundingSource}
    rows = [
        Row(
            cells={
                "date": date,
                "voucher": voucher,
                "year": year,
                "content": content,
                "source": sources.get(source, source),
                "project": project or "",
                "advance": "Tạm ứng" if advance else "",
                "amount": amount,
                "note": note,
            }
        )
        for date, voucher, year, content, source, project, advance, amount, note in payments
    ]
    totals = [
        Row(
            cells={
                "date": "Tổng cộng",
                "voucher": f"{len(rows)} chứng từ",
                "amount": sum(r.cells["amount"] for r in rows),
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


def _trend_tables(scope: Scope) -> list[Table]:
    """A content type across the years of every programme, and a target across its programme's years."""
    law_type: int | None = int(scope.filters["law_type"]) if scope.filters.get("law_type") else None
    if law_type is None and scope.filters.get("content"):
        content = scope.programme.contents.filter(number=scope.filters["content"]).first()
        law_type = content.law_type.code if content else None
    projects = visible_projects(scope.user, Project.objects.filter(status__in=COUNTING_STATUSES))
    disbursements = visible_disbursements(scope.user)
    if law_type is not None:
        projects = projects.filter(content__law_type__code=law_type)
        disbursements = disbursements.filter(content__law_type__code=law_type)
    unit = scope.filters.get("unit")
    if unit:
        projects = projects.filter(administrative_unit_id=int(unit))
        disbursements = disbursements.filter(project__administrative_unit_id=int(unit))
    # Grouped by the programme's id, not its joined code: a million payments hash on an
    # integer without a join, and the few programmes' codes come in a query of their own.
    by_year = (
        projects.values("programme_id", "year")
        .annotate(count=Count("id"), support=Sum("support_national") + Sum("support_local"))
        .order_by()
    )
    paid_by_id = {
        (r["programme_id"], r["year"]): r["total"]
        for r in disbursements.values("programme_id", "year").annotate(total=Sum("amount")).order_by()
    }
    counts_by_id = {(r["programme_id"], r["year"]): r for r in by_year}
    codes = dict(
        Programme.objects.filter(pk__in={pk for pk, _ in counts_by_id} | {pk for pk, _ in paid_by_id})
        .order_by()
        .values_list("pk", "code")
    )
    paid = {(codes[pk], year): total for (pk, year), total in paid_by_id.items()}
    counts: dict[tuple[str, int], dict[str, Any]] = {
        (codes[pk], year): dict(r) for (pk, year), r in counts_by_id.items()
    }
    keys = sorted(set(counts) | set(paid), key=lambda k: (k[1], k[0]))
    empty: dict[str, Any] = {}
    rows = [
        Row(
            cells={
                "programme": code,
                "year": year,
                "count": counts.get((code, year), empty).get("count", 0),
                "support": counts.get((code, year), empty).get("support", 0) or 0,
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
    return tables


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
    if kind not in KINDS:
        raise UnknownReportKind(kind)
    if year is not None and year not in programme.years:
        raise YearOutsideProgramme(year, programme)
    if kind == "annual" and year is None:
        year = until.year if until else programme.last_year
    clean = {k: str(v) for k, v in (filters or {}).items() if k in FILTER_KEYS and v not in (None, "")}
    scope = Scope(programme=programme, user=user, year=year, until=until, filters=clean)

    if kind == "summary":
        tables = [_target_table(scope, annual=False), _money_table(scope)]
    elif kind == "annual":
        tables = [
            _target_table(scope, annual=True),
            _money_table(scope, by_source=True),
            _projects_by_status_table(scope),
        ]
    elif kind == "units":
        tables = [_units_table(scope)]
    elif kind == "sources":
        tables = [_sources_table(scope)]
    elif kind == "projects":
        tables = [_projects_table(scope)]
    elif kind == "entries":
        tables = [_entries_table(scope)]
    else:
        tables = _trend_tables(scope)

    version = programme.current_version
    unit_id = scope.unit_id
    unit_name = (
        AdministrativeUnit.objects.filter(pk=unit_id).values_list("name", flat=True).first() if unit_id else None
    )
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
    metadata.update(_issuer(programme, user))
    report = Report(kind=kind, title=title, subtitle=subtitle, tables=tables, metadata=metadata)
    report.amounts_in_words = _amounts(report)
    from reports.narrative import sentences  # the narrative reads the report's own rows

    report.narrative = sentences(report)
    return report


def _official(name: str) -> str:
    return name.replace("Ủy ban nhân dân", "UBND")


def _issuer(programme: Programme, user: User) -> dict[str, str]:
    """Who issues the official copy: a district officer's own office, else the programme's owner."""
    pk = programme.owner_id
    if district_unit_id(user) is not None and user.organisation_id is not None:
        pk = user.organisation_id
    organisation = Organisation.objects.select_related("parent", "administrative_unit").get(pk=pk)
    parent = organisation.parent
    place = organisation.administrative_unit.name
    for prefix in ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã "):
        place = place.removeprefix(prefix)
    place = place.split(" (")[0]
    short = organisation.short_name or "".join(word[0] for word in organisation.name.split()).upper()
    is_department = organisation.kind == OrganisationKind.DEPARTMENT
    return {
        "issuer_parent": _official(parent.name) if parent else "",
        "issuer": organisation.name,
        "symbol": f"BC-{short}",
        "place": place,
        "signer_title": "GIÁM ĐỐC" if is_department else "THỦ TRƯỞNG ĐƠN VỊ",
        "recipients": "\n".join(
            [
                f"- {_official(parent.name)} (để báo cáo);" if parent else "- Bộ Công Thương;",
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
    target: Target
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
    report = build_report("summary", programme=programme, user=user, until=until, filters=filters)
    elapsed = elapsed_share(programme, today)
    expected = elapsed * 100
    targets_by_code = {t.code: t for t in programme.targets.all()}
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
    scope = Scope(programme=programme, user=user, until=until, filters=report.metadata["filters"])
    planned = _sums(scope.planned(), "annual_plan__year", "amount")
    allocated = _sums(scope.allocated(), "year", "amount")
    disbursed = _sums(scope.disbursed(), "year", "amount")
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
