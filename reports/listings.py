"""Listings (the projects, the payments) and the projects and payments by administrative unit."""

from __future__ import annotations

import datetime as dt
from itertools import repeat
from operator import itemgetter

from django.db.models import Count, FilteredRelation, Q, Sum

from accounts.models import AdministrativeUnit
from budgets.models import FundingSource
from projects.lifecycle import COUNTING_STATUSES
from projects.models import ProjectStatus
from reports.rows import BuiltRows, Column, Row, Table
from reports.scope import UNITS_AS_TODAY, Scope, _sums
from reports.sql import collector_paused, fetch_rows, fetch_statement


def _projects_table(scope: Scope) -> Table:
    where, params = scope.listed_projects_sql("j")
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


UNIT_KEYS = ("count", "counting", "national", "local", "counterpart", "disbursed")


def _units_today(unit_ids: set[int], day: dt.date) -> dict[int, tuple[int, str] | None]:
    """Each recorded unit's unit in force on `day` (id, name), through the official mapping; None when an
    old unit was split with no one successor named (an old district), so it stays as recorded."""
    # The official mapping is one step (old commune to new); two are read along so no unit costs a query.
    units = AdministrativeUnit.objects.select_related("default_successor__default_successor").in_bulk(unit_ids)
    mapped: dict[int, tuple[int, str] | None] = {}
    for unit_id, unit in units.items():
        today = unit.in_force_on(day)
        mapped[unit_id] = (today.pk, today.name) if today is not None else None
    return mapped


def _regroup_by_today(rows: list[Row], day: dt.date) -> list[Row]:
    """Sum the rows of units that one unit of today took over; a split old unit keeps its own row."""
    mapping = _units_today({int(row.drill["unit"]) for row in rows if row.drill and row.drill.get("unit")}, day)
    grouped: dict[str, Row] = {}
    for row in rows:
        recorded_id = int(row.drill["unit"]) if row.drill and row.drill.get("unit") else None
        target = mapping.get(recorded_id) if recorded_id is not None else None
        if target is None:
            key, label, drill = f"recorded-{recorded_id}", f"{row.cells['unit']} (cũ, chia cho nhiều đơn vị)", row.drill
        else:
            key, label, drill = f"today-{target[0]}", target[1], None
        into = grouped.get(key)
        if into is None:
            grouped[key] = Row(cells={"unit": label, **{k: row.cells[k] or 0 for k in UNIT_KEYS}}, drill=drill)
        else:
            for k in UNIT_KEYS:
                into.cells[k] = (into.cells[k] or 0) + (row.cells[k] or 0)
    return sorted(grouped.values(), key=lambda row: str(row.cells["unit"]))


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
    today = scope.filters.get("units_as") == UNITS_AS_TODAY
    day = scope.until or dt.date.today()
    if today:
        rows = _regroup_by_today(rows, day)
    totals = [
        Row(cells={"unit": "Tổng cộng", **{k: sum(r.cells[k] or 0 for r in rows) for k in UNIT_KEYS}}, style="total")
    ]
    return Table(
        title="Đề án và kinh phí theo đơn vị hành chính" + (" hiện nay" if today else " như đã ghi"),
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
        note=(
            f"Gộp theo đơn vị hành chính có hiệu lực ngày {day:%d/%m/%Y} theo bảng chuyển đổi chính thức "
            "(Nghị quyết 202/2025/QH15): đơn vị cũ được tính vào đơn vị kế thừa; xã bị chia được tính vào đơn vị "
            "mà bảng chuyển đổi chỉ định; huyện cũ chia cho nhiều xã giữ nguyên như đã ghi."
            if today
            else "Theo đơn vị hành chính ghi trên từng đề án (đơn vị trước ngày 01/07/2025 giữ như khi ghi)."
        ),
    )
