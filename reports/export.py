"""One export of a report in any format: the bytes, the content type, the file name.

The views, the `export_report` command and background workers share it.
"""

from __future__ import annotations

import io
import json

from django.template.loader import render_to_string

from reports.pdf import pdf_context, render_pdf
from reports.renderers import render_csv_bytes, render_json, render_xlsx
from reports.selectors import Overview, Report

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def file_name(report: Report, fmt: str) -> str:
    parts = [report.metadata["programme"], report.kind]
    if report.metadata.get("year"):
        parts.append(str(report.metadata["year"]))
    if report.metadata.get("until"):
        parts.append(report.metadata["until"])
    return "-".join(parts) + f".{fmt}"


def render_report(report: Report, fmt: str, *, overview: Overview | None = None) -> bytes:
    """The bytes of one export; the management command and the views share it."""
    if fmt == "xlsx":
        buffer = io.BytesIO()
        render_xlsx(report, buffer)
        return buffer.getvalue()
    if fmt == "pdf":
        return render_pdf(report, overview)
    if fmt == "csv":
        return render_csv_bytes(report)
    if fmt == "json":
        return json.dumps(render_json(report), ensure_ascii=False, indent=2, default=str).encode("utf-8")
    if fmt == "html":
        return render_to_string("reports/pdf.html", pdf_context(report, overview, standalone=True)).encode("utf-8")
    raise ValueError(fmt)
