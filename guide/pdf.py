"""The whole guide as one PDF, rendered by WeasyPrint with the screenshots on disk.

Like the reports, the PDF may load only the project's static files (its font)
and, here, the guide's own screenshots; every other URL is refused.
"""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcherResponse

from guide.chapters import CHAPTERS
from guide.screenshots import SCREENSHOTS_DIR, has_screenshot, screenshot_path
from reports.pdf import STATIC_DIR, RefusedURL, StaticOnlyFetcher


class GuideFetcher(StaticOnlyFetcher):
    """The static directory, then the screenshots directory; nothing else."""

    def __init__(self, screenshots: Path) -> None:
        super().__init__(STATIC_DIR)
        self.screenshots = StaticOnlyFetcher(screenshots)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        try:
            return super().fetch(url, headers)
        except RefusedURL:
            return self.screenshots.fetch(url, headers)


def guide_context(root: Path) -> dict:
    chapters = []
    for chapter in CHAPTERS:
        steps = [
            {
                "step": step,
                "image": screenshot_path(chapter, step, root).as_uri() if has_screenshot(chapter, step, root) else "",
            }
            for step in chapter.steps
        ]
        chapters.append({"chapter": chapter, "steps": steps})
    return {"chapters": chapters, "base": STATIC_DIR.resolve().as_uri() + "/"}


def render_guide_pdf(root: Path = SCREENSHOTS_DIR) -> bytes:
    root.mkdir(parents=True, exist_ok=True)
    # Official documentation: Vietnamese whatever the reader's interface language.
    with translation.override("vi"):
        html = render_to_string("guide/pdf.html", guide_context(root))
    fetcher = GuideFetcher(root.resolve())
    return HTML(string=html, base_url=STATIC_DIR.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf()
