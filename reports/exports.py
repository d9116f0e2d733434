"""What a background export job writes: the projects workbook, or one report in xlsx or pdf.

`write_export(job, fileobj, progress)` streams rows from a server-side cursor
(`QuerySet.iterator`) into openpyxl's write-only workbook, so memory stays flat
however many projects the user may see. Report exports build the report and
render it through `reports.export.render_report`, as the report pages do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from accounts.models import User
from khuyencong.databases import reports_database
from policy.access import visible_programmes, visible_projects
from projects.models import Project, ProjectStatus

ProgressCallback = Callable[[int, int | None], None]

PROGRESS_EVERY = 5_000
CHUNK_SIZE = 5_000

# The projects workbook: (header, value path) in column order.
PROJECT_COLUMNS = [
    ("Mã đề án", "code"),
    ("Tên đề án", "title"),
    ("Chương trình", "programme__code"),
    ("Năm", "year"),
    ("Nội dung", "content__number"),
    ("Địa bàn", "administrative_unit__name"),
    ("Đơn vị thực hiện", "implementing_organisation__name"),
    ("Trạng thái", "status"),
    ("KP khuyến công quốc gia (đồng)", "support_national"),
    ("KP khuyến công địa phương (đồng)", "support_local"),
    ("Vốn đối ứng (đồng)", "counterpart"),
    ("Tổng chi phí (đồng)", "total_cost"),
]
STATUS_LABELS = dict(ProjectStatus.choices)
PROJECT_FILTERS = {"programme": "programme_id", "year": "year", "status": "status", "unit": "administrative_unit_id"}


class ExportUnavailable(Exception):
    """The report kind or format asked for is not available in this installation."""


def project_queryset(user: User, filters: dict[str, Any] | None = None) -> QuerySet[Project]:
    """The projects `user` may see, filtered, newest first, read from the reports database."""
    queryset = visible_projects(user)
    for key, value in (filters or {}).items():
        if key in PROJECT_FILTERS and value not in (None, ""):
            queryset = queryset.filter(**{PROJECT_FILTERS[key]: value})
    return queryset.order_by("-year", "code").using(reports_database())


def project_rows(user: User, filters: dict[str, Any] | None = None) -> tuple[Iterator[tuple], int]:
    """The visible projects as tuples in PROJECT_COLUMNS order, streamed, and how many there are."""
    queryset = project_queryset(user, filters)
    total = queryset.count()
    status_index = [path for _h, path in PROJECT_COLUMNS].index("status")
    paths = [path for _h, path in PROJECT_COLUMNS]

    def rows() -> Iterator[tuple]:
        for row in queryset.values_list(*paths).iterator(chunk_size=CHUNK_SIZE):
            row = list(row)
            row[status_index] = str(STATUS_LABELS.get(row[status_index], row[status_index]))
            yield tuple(row)

    return rows(), total


def write_projects_xlsx(
    rows: Iterator[tuple], fileobj: IO[bytes], *, total: int | None = None, progress: ProgressCallback | None = None
) -> int:
    """Write the projects workbook in write-only mode; return the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đề án")
    for index, width in enumerate((22, 60, 20, 6, 8, 28, 40, 18, 18, 18, 18, 18)):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title, _path in PROJECT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    written = 0
    for row in rows:
        sheet.append(row)
        written += 1
        if progress and written % PROGRESS_EVERY == 0:
            progress(written, total)
    workbook.save(fileobj)
    if progress:
        progress(written, total)
    return written


def report_rows(report: Any) -> int:
    """How many table rows a built report holds: what PDF and Excel time grows with."""
    return sum(len(table.rows) for table in report.tables)


def write_report(kind: str, fmt: str, parameters: dict[str, Any], user: User, fileobj: IO[bytes]) -> str:
    """One report (`build_report`), with the edits made before export, rendered as xlsx or pdf; its file name."""
    # Imported here: the PDF renderer loads WeasyPrint, which the projects workbook does not need.
    from reports import cache as report_cache
    from reports.export import file_name, render_report
    from reports.narrative import apply_edits
    from reports.selectors import build_report

    # Tenancy: the job builds with its requester's province scope, checked again when it runs,
    # before any stored file is looked up.
    programme = visible_programmes(user).get(pk=parameters["programme"])

    def render() -> tuple[bytes, str]:
        until = parameters.get("until")
        report = build_report(
            kind,
            programme=programme,
            user=user,
            year=parameters.get("year"),
            until=dt.date.fromisoformat(until) if until else None,
            filters=parameters.get("filters") or None,
        )
        if parameters.get("edits"):
            apply_edits(report, **parameters["edits"])
        return render_report(report, fmt), file_name(report, fmt)

    # The same key as the report page's: the file a job writes is the one the page serves next, and back.
    key = report_cache.report_key(kind=kind, fmt=fmt, parameters=parameters, user=user)
    if key is None:
        content, name = render()
    else:
        found = report_cache.fetch_or_render(key, render)
        content, name = found.content, found.filename
    fileobj.write(content)
    return name


# kind -> formats a job may produce
EXPORT_KINDS = {
    "projects": ("xlsx",),
    "report.summary": ("xlsx", "pdf"),
    "report.annual": ("xlsx", "pdf"),
    "report.units": ("xlsx", "pdf"),
    "report.sources": ("xlsx", "pdf"),
    "report.projects": ("xlsx", "pdf"),
    "report.trend": ("xlsx", "pdf"),
    "report.entries": ("xlsx", "pdf"),
}


def write_export(
    kind: str, fmt: str, parameters: dict[str, Any], user: User, fileobj: IO[bytes], progress: ProgressCallback
) -> str:
    """Write one export into `fileobj`; return the file name to offer."""
    stamp = dt.date.today().strftime("%Y%m%d")
    if kind == "projects" and fmt == "xlsx":
        rows, total = project_rows(user, parameters.get("filters"))
        progress(0, total)
        write_projects_xlsx(rows, fileobj, total=total, progress=progress)
        return f"de-an-{stamp}.xlsx"
    if kind.startswith("report.") and fmt in EXPORT_KINDS.get(kind, ()):
        progress(0, None)
        return write_report(kind.removeprefix("report."), fmt, parameters, user, fileobj)
    raise ExportUnavailable(f"Không có kiểu xuất «{kind}.{fmt}».")
