"""A person asks for a large export, watches its progress and downloads the file, in a real browser.

The worker is the real one (`manage.py db_worker --batch`) in another process.
Runs where Playwright and Chromium are installed (see NOTES: /usr/bin/chromium).
"""

import io

from django.db import connections
from openpyxl import load_workbook

from accounts.models import User
from policy.access import visible_projects
from reports.models import ExportJob
from tests.browser_support import requires_browser
from tests.conftest import _ensure_demo
from tests.test_export_jobs import _run_worker

pytestmark = requires_browser


def test_a_person_exports_every_project_through_the_worker(
    demo_restored_afterwards, transactional_db, live_server, page
):
    job = None
    try:
        _ensure_demo()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "huyen")
        page.fill("input[name=password]", "khuyencong")
        page.click("button[type=submit]")

        page.goto(f"{live_server.url}/reports/jobs/")
        page.click("text=Xuất danh sách đề án ra Excel")
        assert page.locator("text=Đang chờ").is_visible()
        job = ExportJob.objects.get()

        worker = _run_worker()  # stores the file in the default storage, where the server reads it
        assert worker.returncode == 0, worker.stderr

        link = page.locator("text=Tải tệp về")
        link.wait_for(state="visible", timeout=15_000)  # the page polls the job's status
        assert page.locator("text=Đã xong").is_visible()
        with page.expect_download() as download:
            link.click()
        rows = list(load_workbook(io.BytesIO(download.value.path().read_bytes())).active.values)
        officer = User.objects.get(username="huyen")
        assert len(rows) == visible_projects(officer).count() + 1
        job.refresh_from_db()
        assert job.percent == 100
    finally:
        if job is not None:
            job.refresh_from_db()
            if job.file:
                job.file.delete(save=False)
        connections.close_all()
