"""Charts drawn on the server as SVG, so the page and the PDF show the same pictures.

Colours and sizes are presentation attributes of the SVG elements (no style
attributes, no script), which both browsers under a strict Content Security
Policy and WeasyPrint render.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from khuyencong.formatting import format_number
from reports.selectors import STATUS_LABELS, TargetStatus

STATUS_COLOURS = {"achieved": "#2e7d32", "on_track": "#1565c0", "behind": "#c62828", "no_plan": "#9e9e9e"}
MONEY_COLOURS = {"planned": "#b0bec5", "allocated": "#1565c0", "disbursed": "#2e7d32"}
MONEY_LABELS = {"planned": "Kế hoạch", "allocated": "Dự toán giao", "disbursed": "Giải ngân"}
FONT = 'font-family="Liberation Serif, Times New Roman, serif"'


def _short(text: str, limit: int = 58) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def completion_bars(targets: list[TargetStatus], elapsed: Decimal, width: int = 640) -> SafeString:
    """One horizontal bar per target, coloured by status, with a rule at the share of the period elapsed."""
    rows = [t for t in targets if t.percent.value is not None]
    label_w, bar_w, row_h, top = 300, width - 300 - 60, 22, 26
    height = top + row_h * len(rows) + 30
    scale_max = Decimal(max([150, *[min(t.percent.value or 0, 300) for t in rows]]))
    x = lambda p: label_w + float(min(p, scale_max) / scale_max) * bar_w  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Tỷ lệ hoàn thành các chỉ tiêu" {FONT} font-size="11">'
    ]
    for index, item in enumerate(rows):
        y = top + index * row_h
        value = item.percent.value or Decimal(0)
        colour = STATUS_COLOURS[item.status]
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(_short(item.target.name))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{x(value) - label_w:.1f}" height="{row_h - 8}" fill="{colour}">'
            f"<title>{escape(item.target.name)}: {escape(item.percent.text)} ({STATUS_LABELS[item.status]})</title></rect>"
            f'<text x="{x(value) + 4:.1f}" y="{y + 14}">{escape(item.percent.text)}</text>'
        )
    bottom = top + row_h * len(rows)
    for mark, dash in ((elapsed * 100, "4 3"), (Decimal(100), "")):
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x(mark):.1f}" y1="{top - 4}" x2="{x(mark):.1f}" y2="{bottom}" stroke="#424242"{dash_attr}/>'
        )
    parts.append(
        f'<text x="{x(elapsed * 100):.1f}" y="{top - 8}" text-anchor="middle">'
        f"Thời gian đã qua: {format_number(elapsed * 100, 0)}%</text>"
    )
    legend_y = bottom + 20
    for index, (status, label) in enumerate(STATUS_LABELS.items()):
        if status == "no_plan":
            continue
        lx = label_w + index * 120
        parts.append(
            f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="{STATUS_COLOURS[status]}"/>'
            f'<text x="{lx + 14}" y="{legend_y}">{label}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def budget_columns(by_year: list[dict[str, Any]], width: int = 640, height: int = 260) -> SafeString:
    """Planned, allocated and disbursed money per year, grouped columns in tỷ đồng."""
    left, bottom, top = 56, height - 46, 30
    keys = list(MONEY_LABELS)
    peak = max([1, *[row[k] for row in by_year for k in keys]])
    group_w = (width - left - 10) / max(1, len(by_year))
    bar_w = group_w * 0.8 / len(keys)
    y = lambda amount: bottom - (bottom - top) * amount / peak  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Thực hiện kinh phí qua các năm" {FONT} font-size="11">',
        f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="#424242"/>',
    ]
    for step in range(5):
        amount = peak * step / 4
        parts.append(
            f'<text x="{left - 4}" y="{y(amount) + 4:.1f}" text-anchor="end">{format_number(Decimal(amount) / 10**9, 1)}</text>'
            f'<line x1="{left}" y1="{y(amount):.1f}" x2="{width - 10}" y2="{y(amount):.1f}" stroke="#e0e0e0"/>'
        )
    parts.append(f'<text x="4" y="{top - 16}">tỷ đồng</text>')
    for index, row in enumerate(by_year):
        gx = left + index * group_w + group_w * 0.1
        for k_index, key in enumerate(keys):
            amount = row[key]
            bx = gx + k_index * bar_w
            parts.append(
                f'<rect x="{bx:.1f}" y="{y(amount):.1f}" width="{bar_w - 2:.1f}" height="{bottom - y(amount):.1f}" '
                f'fill="{MONEY_COLOURS[key]}"><title>{row["year"]} — {MONEY_LABELS[key]}: '
                f"{format_number(Decimal(amount) / 10**9, 3)} tỷ đồng</title></rect>"
            )
        parts.append(f'<text x="{gx + group_w * 0.4:.1f}" y="{bottom + 16}" text-anchor="middle">{row["year"]}</text>')
    for index, key in enumerate(keys):
        lx = left + index * 130
        parts.append(
            f'<rect x="{lx}" y="{height - 19}" width="10" height="10" fill="{MONEY_COLOURS[key]}"/>'
            f'<text x="{lx + 14}" y="{height - 10}">{MONEY_LABELS[key]}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - only numbers and fixed labels
