"""The report as an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I), rendered by WeasyPrint.

The PDF loads its font and stylesheet from the project's own `static/`
directory through `StaticOnlyFetcher`, which refuses every other URL (other
files, other hosts, data the template did not ship), so a report can never
read the server's files or call out to the network.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from khuyencong.formatting import amount_in_words, format_money
from reports import charts
from reports.renderers import column_label, display_rows
from reports.selectors import Overview, Report

STATIC_DIR = Path(settings.BASE_DIR) / "static"
LANDSCAPE_COLUMNS = 8


class RefusedURL(ValueError):
    def __init__(self, url: str) -> None:
        super().__init__(f"Không được phép tải tài nguyên ngoài thư mục static của ứng dụng: {url}")


class StaticOnlyFetcher(URLFetcher):
    """Serves file:// URLs inside the project's static directory; refuses anything else."""

    def __init__(self, root: Path = STATIC_DIR) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()

    def resolve(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(url)
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(url)
        return path

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})


def _date_line(place: str) -> str:
    today = timezone.localdate()
    return f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"


def pdf_context(report: Report, overview: Overview | None = None, *, standalone: bool = False) -> dict:
    """The template's context; `standalone` embeds the stylesheet for an .html file read away from the server."""
    tables = [
        {
            "title": table.title,
            "note": table.note,
            "landscape": len(table.columns) >= LANDSCAPE_COLUMNS,
            "headers": [column_label(column) for column in table.columns],
            "kinds": [column.kind for column in table.columns],
            # Strings: a float would be printed with the Vietnamese decimal comma, which CSS refuses.
            "widths": [f"{100 * c.width / sum(col.width for col in table.columns):.1f}" for c in table.columns],
            "rows": display_rows(table),
        }
        for table in report.tables
    ]
    for previous, table in zip(tables, tables[1:], strict=False):
        # Back from a landscape page: start the portrait table on a fresh page, heading and all.
        table["after_wide"] = previous["landscape"] and not table["landscape"]
    meta = report.metadata
    context = {
        "report": report,
        "meta": meta,
        "tables": tables,
        "date_line": _date_line(meta.get("place", "")),
        "words": [(label, format_money(amount), amount_in_words(amount)) for label, amount in report.amounts_in_words],
        "recipients": [line for line in meta.get("recipients", "").splitlines() if line.strip()],
        "base": STATIC_DIR.resolve().as_uri() + "/",
        "inline_css": (STATIC_DIR / "reports" / "pdf.css").read_text(encoding="utf-8") if standalone else "",
    }
    if overview is not None:
        context["completion_svg"] = charts.completion_bars(overview.targets, overview.elapsed)
        context["budget_svg"] = charts.budget_columns(overview.budget_by_year)
    return context


def render_pdf(report: Report, overview: Overview | None = None) -> bytes:
    """The official PDF; `overview` adds the completion and budget charts drawn for the page."""
    html = render_to_string("reports/pdf.html", pdf_context(report, overview))
    fetcher = StaticOnlyFetcher()
    return HTML(string=html, base_url=STATIC_DIR.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf()
