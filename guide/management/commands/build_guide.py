"""Photograph every step of the user guide from the current database, then write the guide's PDF.

Runs its own live server on 127.0.0.1 (a free port) over the database in use,
signs in as each chapter's demo login (password khuyencong) and only reads
pages. Needs the demo data (`manage.py load_demo`) and Debian's Chromium.
"""

from __future__ import annotations

import time

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError
from django.test.testcases import LiveServerThread

from guide.capture import capture
from guide.pdf import render_guide_pdf
from guide.screenshots import PDF_PATH, SCREENSHOTS_DIR


class Command(BaseCommand):
    help = "Chụp ảnh màn hình cho hướng dẫn sử dụng và tạo tệp PDF (cần dữ liệu minh họa và Chromium)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--pdf-only", action="store_true", help="Chỉ tạo lại PDF từ ảnh đã có.")

    def handle(self, *args, pdf_only: bool = False, **options) -> None:
        started = time.monotonic()
        if not pdf_only:
            server = LiveServerThread("127.0.0.1", StaticFilesHandler)
            server.daemon = True
            server.start()
            server.is_ready.wait()
            if server.error:
                raise CommandError(f"Không khởi động được máy chủ: {server.error}")
            try:
                result = capture(f"http://127.0.0.1:{server.port}", SCREENSHOTS_DIR)
            except ImportError as error:
                raise CommandError(f"Cần playwright (requirements-dev.txt) và Chromium: {error}") from error
            finally:
                server.terminate()
            self.stdout.write(f"Ảnh: {len(result.taken)} tệp trong {SCREENSHOTS_DIR}")
            for line in result.skipped:
                self.stdout.write(f"  bỏ qua {line}")
        PDF_PATH.parent.mkdir(parents=True, exist_ok=True)
        PDF_PATH.write_bytes(render_guide_pdf(SCREENSHOTS_DIR))
        self.stdout.write(
            f"PDF: {PDF_PATH} ({PDF_PATH.stat().st_size // 1024} KiB), {time.monotonic() - started:.1f} s"
        )
