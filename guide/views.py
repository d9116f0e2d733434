"""The user guide in the application: the chapters, their screenshots and the whole guide as a PDF."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from guide.chapters import BY_SLUG, CHAPTERS, Chapter, chapter_for_role
from guide.pdf import render_guide_pdf
from guide.screenshots import PDF_PATH, SCREENSHOTS_DIR, has_screenshot, screenshot_path


def _chapter(slug: str) -> Chapter:
    chapter = BY_SLUG.get(slug)
    if chapter is None:
        raise Http404
    return chapter


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    own = chapter_for_role(getattr(request.user, "role", ""))
    return render(request, "guide/index.html", {"chapters": CHAPTERS, "own": own})


@login_required
@require_GET
def chapter(request: HttpRequest, slug: str) -> HttpResponse:
    current = _chapter(slug)
    steps = [{"step": step, "has_image": has_screenshot(current, step)} for step in current.steps]
    return render(request, "guide/chapter.html", {"chapter": current, "steps": steps, "chapters": CHAPTERS})


@login_required
@require_GET
def screenshot(request: HttpRequest, slug: str, step: str) -> FileResponse:
    current = _chapter(slug)
    found = next((s for s in current.steps if s.slug == step), None)
    if found is None or not has_screenshot(current, found):
        raise Http404
    return FileResponse(screenshot_path(current, found).open("rb"), content_type="image/png")


@login_required
@require_GET
def pdf(request: HttpRequest) -> HttpResponse:
    # Rendering with every screenshot takes about 7 s: serve the file build_guide wrote with them,
    # and render on the fly (text and placeholders, fast) only where it has not run.
    content = PDF_PATH.read_bytes() if PDF_PATH.is_file() else _guide_pdf_without_build(_screenshots_version())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="huong-dan-su-dung.pdf"'
    return response


def _screenshots_version() -> float:
    return SCREENSHOTS_DIR.stat().st_mtime if SCREENSHOTS_DIR.is_dir() else 0.0


@functools.lru_cache(maxsize=1)
def _guide_pdf_without_build(screenshots_version: float) -> bytes:
    """Rendered once per process and per state of the screenshots folder (a capture changes its time)."""
    return render_guide_pdf()
