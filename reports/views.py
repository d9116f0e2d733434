"""Report pages and downloads: validate the form, build the report once, render it in the asked format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from khuyencong.formatting import format_number
from khuyencong.official import vietnamese_downloads
from policy.access import SignedInRequest, get_programme_for, visible_programmes
from programs.models import Programme
from reports import cache as report_cache
from reports import charts
from reports.export import CONTENT_TYPES, file_name, render_report
from reports.exports import report_rows
from reports.forms import FORMATS, ExportForm, ReportFilterForm
from reports.narrative import apply_edits
from reports.renderers import column_label, display_rows
from reports.selectors import KINDS, STATUS_LABELS, Overview, Report, build_overview, build_report
from reports.tasks import export_job_create

# The reports' names as links on screen follow the VI/EN switch; the titles
# printed in the documents themselves (KINDS) stay Vietnamese.
KIND_LINKS = {
    "summary": _("Tổng hợp kết quả thực hiện chương trình"),
    "annual": _("Kết quả thực hiện kế hoạch khuyến công năm"),
    "units": _("Kết quả thực hiện theo đơn vị hành chính"),
    "sources": _("Kinh phí theo nguồn"),
    "projects": _("Danh sách đề án khuyến công"),
    "trend": _("Diễn biến qua các năm và các chương trình"),
    "entries": _("Chứng từ giải ngân"),
}


def _programme(request: SignedInRequest, code: str) -> Programme:
    """The programme of the URL's code, through the access helper every view uses (404 when not visible)."""
    pk = Programme.objects.filter(code=code).values_list("pk", flat=True).first()
    return get_programme_for(request.user, pk)


def _background(
    report: Report,
    fmt: str,
    *,
    kind: str,
    programme: Programme,
    data: dict,
    filters: dict,
    user: User,
    edits: Mapping | None = None,
) -> HttpResponse | None:
    """A PDF or workbook too big to render in the request goes to the worker; None when it is small."""
    if fmt not in ("pdf", "xlsx") or report_rows(report) <= settings.EXPORT_INLINE_MAX_ROWS:
        return None
    parameters = report_cache.report_parameters(
        programme=programme, year=data.get("year"), until=data.get("until"), filters=filters, edits=edits
    )
    job = export_job_create(kind=f"report.{kind}", fmt=fmt, parameters=parameters, user=user)
    return redirect("reports:job_detail", pk=job.pk)


def _download(
    report: Report, fmt: str, overview: Overview | None = None, cache_key: report_cache.CacheKey | None = None
) -> HttpResponse:
    if cache_key is not None:  # a PDF or workbook: rendered once, then served from storage
        found = report_cache.fetch_or_render(
            cache_key, lambda: (render_report(report, fmt, overview=overview), file_name(report, fmt))
        )
        return report_cache.file_response(found, fmt)
    response = HttpResponse(render_report(report, fmt, overview=overview), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name(report, fmt)}"'
    return response


SCREEN_ROWS = 500  # rows of one table shown per page on screen; downloads hold them all


def _tables_for_page(report: Report, code: str, filters: dict[str, str], page: str | None = None) -> list[dict]:
    """The tables as the page shows them: a long table (a programme's payments) one screen at a time."""
    tables = []
    for table in report.tables:
        shown = None
        if len(table.rows) > SCREEN_ROWS:
            shown = Paginator(table.rows, SCREEN_ROWS).get_page(page)
            table = replace(table, rows=list(shown.object_list))
        rows = display_rows(table)
        for row in rows:
            if row["drill"]:
                behind = reverse("reports:report", args=[code, row["drill_kind"]])
                row["url"] = f"{behind}?{urlencode({**filters, **row['drill']})}"
            else:
                row["url"] = None
        tables.append(
            {
                "title": table.title,
                "note": table.note,
                "headers": [column_label(c) for c in table.columns],
                "rows": rows,
                "page": shown,
            }
        )
    return tables


def _period(data: dict) -> dict[str, str]:
    """The year and cut-off date carried into drill-down links."""
    period = {}
    if data.get("year"):
        period["year"] = str(data["year"])
    if data.get("until"):
        period["until"] = data["until"].isoformat()
    return period


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    programmes = visible_programmes(request.user).order_by("-first_year", "code")
    return render(request, "reports/index.html", {"programmes": programmes, "kinds": KIND_LINKS})


@login_required
@require_http_methods(["GET", "POST"])
@vietnamese_downloads
def report_view(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    programme = _programme(request, code)
    user = request.user
    form = ReportFilterForm(request.GET or None, programme=programme, user=user)
    if form.is_bound and not form.is_valid():
        return render(request, "reports/report.html", {"programme": programme, "form": form, "kind": kind}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    filters = form.filters() if form.is_bound else {}
    # Looked up before the report is built: the data versions are read first, so a file is never older than its key.
    cache_key = report_cache.requested_key(
        request, kind=kind, programme=programme, user=user, data=data, filters=filters
    )
    if (cached := report_cache.cached_response(cache_key)) is not None:
        return cached
    report = build_report(
        kind, programme=programme, user=user, year=data.get("year"), until=data.get("until"), filters=filters
    )
    overview = None
    if request.method == "POST":
        export = ExportForm(request.POST)
        if not export.is_valid():
            return HttpResponseBadRequest("Dữ liệu xuất báo cáo không hợp lệ.")
        apply_edits(report, **export.edits())
        queued = _background(
            report, export.cleaned_data["format"], kind=kind, programme=programme, data=data, filters=filters,
            user=user, edits=export.edits(),
        )  # fmt: skip
        if queued:
            return queued
        if kind == "summary" and export.cleaned_data["format"] in ("pdf", "html"):
            overview = build_overview(programme=programme, user=user, filters=filters)
        return _download(report, export.cleaned_data["format"], overview, cache_key)
    fmt = request.GET.get("format")
    if fmt:
        if fmt not in CONTENT_TYPES:
            return HttpResponseBadRequest("Định dạng không hợp lệ.")
        queued = _background(report, fmt, kind=kind, programme=programme, data=data, filters=filters, user=user)
        return queued or _download(report, fmt, cache_key=cache_key)
    export = ExportForm(
        initial={
            "format": "pdf",
            "narrative": "\n".join(report.narrative),
            "signer_title": report.metadata["signer_title"],
            "recipients": report.metadata["recipients"],
        }
    )
    shown_query = request.GET.copy()
    page = shown_query.pop("page", [None])[-1]
    query = shown_query.urlencode()
    context = {
        "programme": programme,
        "kind": kind,
        "kinds": KIND_LINKS,
        "report": report,
        "tables": _tables_for_page(report, code, _period(data) | filters, page),
        "form": form,
        "export": export,
        "query": query,
        "downloads": [(fmt, label) for fmt, label in FORMATS if fmt != "html"],
    }
    return render(request, "reports/report.html", context)


@login_required
@vietnamese_downloads
def overview_view(request: SignedInRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    user = request.user
    form = ReportFilterForm(request.GET or None, programme=programme, user=user)
    valid = form.is_bound and form.is_valid()
    filters = form.filters() if valid else {}
    # "Số liệu đến ngày" also sets the day the period's elapsed share is judged on.
    as_of = form.cleaned_data.get("until") if valid else None
    cache_key = None
    if request.GET.get("format") == "pdf":
        parameters = report_cache.report_parameters(programme=programme, until=as_of, filters=filters)
        cache_key = report_cache.report_key(kind="overview", fmt="pdf", parameters=parameters, user=user)
        if (cached := report_cache.cached_response(cache_key)) is not None:
            return cached
    overview = build_overview(programme=programme, user=user, until=as_of, filters=filters)
    if request.GET.get("format") == "pdf":
        return _download(overview.report, "pdf", overview, cache_key)
    projects_url = reverse("reports:report", args=[code, "projects"])
    risks = [
        {
            "item": item,
            "label": STATUS_LABELS[item.status],
            "actual": format_number(item.actual, 2),
            "url": f"{projects_url}?{urlencode({**filters, 'target': item.target.code})}",
        }
        for item in overview.targets
    ]
    context = {
        "programme": programme,
        "overview": overview,
        "risks": risks,
        "form": form,
        "elapsed": round(overview.elapsed * 100),
        "completion_svg": charts.completion_bars(overview.targets, overview.elapsed),
        "budget_svg": charts.budget_columns(overview.budget_by_year),
        "money": _tables_for_page(overview.report, code, _period({"until": as_of}) | filters)[1],
        "kinds": KIND_LINKS,
    }
    return render(request, "reports/overview.html", context)
