"""`build_report`, the one entry: the kind, the scope, the tables, the particulars and the narrative."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from programs.models import (
    Programme,
)
from programs.services import YearOutsideProgramme
from reports.listings import _entries_table, _projects_table, _units_table
from reports.narrative import sentences
from reports.particulars import _amounts, _issuer, _metadata_parts, _version_from
from reports.plan import (
    PlanData,
    _money_parts,
    _money_table,
    _plan_contents,
    _plan_parts,
    _projects_by_status_table,
    _target_table,
)
from reports.rows import Report
from reports.scope import FILTER_KEYS, Scope
from reports.sources import _sources_parts, _sources_table
from reports.sql import fetch_parts
from reports.trend import _trend_tables

KINDS = {
    "summary": "Tổng hợp kết quả thực hiện chương trình",
    "annual": "Kết quả thực hiện kế hoạch khuyến công năm",
    "units": "Kết quả thực hiện theo đơn vị hành chính",
    "sources": "Kinh phí theo nguồn",
    "projects": "Danh sách đề án khuyến công",
    "trend": "Diễn biến qua các năm và các chương trình",
    "entries": "Chứng từ giải ngân",
}


class UnknownReportKind(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(f"Loại báo cáo không hợp lệ: «{kind}». Chọn một trong: {', '.join(KINDS)}.")


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
        raise YearOutsideProgramme(programme, year)
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
        # Demo figures no source gives: every rendering carries the mark (see renderers.ILLUSTRATIVE_MARK).
        "illustrative": programme.is_illustrative,
    }
    metadata.update(_issuer(data["issuer"][0]))
    report = Report(kind=kind, title=title, subtitle=subtitle, tables=tables, metadata=metadata)
    report.amounts_in_words = _amounts(report)
    report.narrative = sentences(report)
    return report, data
