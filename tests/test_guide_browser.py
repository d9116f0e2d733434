"""The guide's screenshots, taken by Chromium from the demo data, and the PDF built from them.

Walks every step of every chapter as that chapter's login (the same code as
`manage.py build_guide`), writes the pictures where the guide pages read them,
then reads the PDF back with poppler (pdftotext, pdfimages).
"""

import shutil
import struct
import subprocess

import pytest

from accounts.models import User
from guide.capture import capture
from guide.chapters import CHAPTERS
from guide.pdf import render_guide_pdf
from guide.screenshots import PNG_SIGNATURE, SCREENSHOTS_DIR, screenshot_path
from tests.browser_support import requires_browser

pytestmark = requires_browser
# Every chapter's login is in the demo; a chapter whose login went missing would keep placeholders.
PENDING_LOGINS: set[str] = set()


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_every_step_is_photographed_and_the_pdf_holds_them(
    transactional_db, demo, live_server, demo_restored_afterwards
):
    existing = set(User.objects.values_list("username", flat=True))
    missing = {c.login for c in CHAPTERS if c.login and c.login not in existing}
    assert missing <= PENDING_LOGINS, missing
    result = capture(live_server.url, SCREENSHOTS_DIR)

    assert all(line.split(":")[0] in {c.slug for c in CHAPTERS if c.login in missing} for line in result.skipped), (
        result.skipped
    )
    photographed = [c for c in CHAPTERS if c.login not in missing]
    expected = [screenshot_path(c, s) for c in photographed for s in c.steps]
    assert sorted(result.taken) == sorted(expected)
    for path in expected:
        data = path.read_bytes()
        assert data[:8] == PNG_SIGNATURE, path
        assert _png_size(data) == (1280, 860), path
        assert len(data) > 20_000, f"{path}: {len(data)} bytes, a blank page?"

    pdf = SCREENSHOTS_DIR.parent / "build" / "test-guide.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(render_guide_pdf(SCREENSHOTS_DIR))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for number, chapter in enumerate(CHAPTERS, start=1):
        assert f"Chương {number}. {chapter.title}" in text
    if missing:
        assert "Ảnh chưa được tạo" in text  # the pending chapters say so rather than show another role's screen
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    image_rows = [line for line in images.splitlines()[2:] if line.strip()]
    assert len(image_rows) == len(expected)
    # Each image sits on the page of its chapter: the pages of chapter N hold N's screenshots.
    pages = text.split("\f")
    first_page = {
        c.slug: next(i for i, p in enumerate(pages, 1) if f"Chương {n}. {c.title}" in p)
        for n, c in enumerate(CHAPTERS, 1)
    }
    image_pages = sorted(int(line.split()[0]) for line in image_rows)
    bounds = sorted(first_page.values()) + [len(pages) + 1]
    for chapter in photographed:
        start = first_page[chapter.slug]
        end = min(b for b in bounds if b > start)
        assert sum(start <= p < end for p in image_pages) == len(chapter.steps), chapter.slug
    pdf.unlink()
