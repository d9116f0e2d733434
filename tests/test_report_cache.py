"""Render once: a report's PDF and workbook are made once per parameters and data, and never served stale.

Real PostgreSQL (the triggers of reports/migrations/0003 bump the data versions), real files read back
(pdftotext, openpyxl).
"""

import io
import threading
import time
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.admin.utils import quote
from django.db import connection, connections
from django.db.models import F
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Organisation, User
from imports.services import import_workbook
from programs.models import AnnualPlanTarget, Result
from projects.models import Project
from reports import cache as report_cache
from reports import views
from reports.models import CachedReportFile, DataVersion
from reports.tasks import export_job_create, run_export_job
from tests.import_support import edit, export, find_row
from tests.reports_helpers import pdf_text

SUMMARY_PDF = "/reports/HN-2016-2020/summary/?format=pdf"
ANNUAL_XLSX = "/reports/HN-2016-2020/annual/?year=2020&format=xlsx"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def renders():
    """The renderer the report pages call, counted."""
    with mock.patch.object(views, "render_report", wraps=views.render_report) as spy:
        yield spy


def _text(content: bytes, tmp_path, name: str = "report.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return pdf_text(path)


def _cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]


def _version(programme_id: int) -> int:
    return DataVersion.objects.filter(programme_id=programme_id).values_list("version", flat=True).first() or 0


@pytest.mark.parametrize("url", [SUMMARY_PDF, ANNUAL_XLSX])
def test_the_second_request_is_served_from_storage_without_rendering(personas, renders, url, media):
    client = _client(personas.staff)
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert renders.call_count == 1
    assert first.content == second.content
    assert first["Content-Disposition"] == second["Content-Disposition"]
    stored = CachedReportFile.objects.get()
    assert (media / stored.path).read_bytes() == first.content


def test_colleagues_with_the_same_scope_share_a_file(personas, renders):
    other = User.objects.create_user(
        username="canbo2", role=personas.staff.role, organisation=personas.staff.organisation
    )
    assert _client(personas.staff).get(SUMMARY_PDF).content == _client(other).get(SUMMARY_PDF).content
    assert renders.call_count == 1


def test_a_district_officer_never_receives_staffs_cached_file(personas, renders, tmp_path):
    staff_pdf = _client(personas.staff).get(SUMMARY_PDF).content
    officer_pdf = _client(personas.officer_a).get(SUMMARY_PDF).content
    assert renders.call_count == 2
    assert staff_pdf != officer_pdf
    officer_text = _text(officer_pdf, tmp_path)
    assert "Chương Mỹ" in officer_text
    assert "Toàn địa bàn chương trình" not in officer_text
    # ...and officer B neither gets officer A's.
    _client(personas.officer_b).get(SUMMARY_PDF)
    assert renders.call_count == 3


def test_every_parameter_is_in_the_key(personas, renders):
    client = _client(personas.staff)
    client.get("/reports/HN-2016-2020/annual/?year=2019&format=xlsx")
    client.get("/reports/HN-2016-2020/annual/?year=2020&format=xlsx")
    client.get("/reports/HN-2016-2020/annual/?year=2020&format=pdf")
    form = {"format": "pdf", "narrative": "Một", "number": "", "signer_title": "", "signer_name": "", "recipients": ""}
    client.post("/reports/HN-2016-2020/annual/?year=2020", form)
    client.post("/reports/HN-2016-2020/annual/?year=2020", {**form, "narrative": "Hai"})
    assert renders.call_count == 5
    client.post("/reports/HN-2016-2020/annual/?year=2020", {**form, "narrative": "Hai"})
    assert renders.call_count == 5


def test_a_page_post_bumps_the_version_and_the_next_file_shows_the_new_title(personas, demo, renders, tmp_path):
    url = "/reports/HN-2016-2020/projects/?format=pdf"
    staff = _client(personas.staff)
    project = Project.objects.get(code="HN2020-CM-001")
    before = staff.get(url).content
    assert "Tên mới sau khi sửa" not in _text(before, tmp_path)
    version = _version(demo.hn2016.pk)

    from tests.test_pages_editing import _project_form

    response = staff.post(
        reverse("projects:edit", args=[project.pk]), _project_form(project, title="Tên mới sau khi sửa")
    )
    assert response.status_code == 302
    assert _version(demo.hn2016.pk) == version + 1
    after = staff.get(url).content
    assert renders.call_count == 2
    assert "Tên mới sau khi sửa" in _text(after, tmp_path, "after.pdf")


def test_an_import_bumps_the_version_once_and_the_next_workbook_shows_the_new_plan(personas, demo, renders, tmp_path):
    staff = _client(personas.staff)
    assert 1250 not in _cells(staff.get(ANNUAL_XLSX).content)
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    edit(path, "Chỉ tiêu", {f"F{find_row(path, 'Chỉ tiêu', 'A', '3.1-LOP')}": "1.250"})
    version = _version(demo.hn2016.pk)

    outcome = import_workbook(path=path, file_name=path.name, user=personas.staff, commit=True)

    assert outcome.ok
    assert outcome.saved
    assert _version(demo.hn2016.pk) > version
    assert 1250 in _cells(staff.get(ANNUAL_XLSX).content)
    assert renders.call_count == 2


def test_a_queryset_update_of_many_rows_is_one_bump(personas, demo, renders):
    staff = _client(personas.staff)
    before = staff.get(ANNUAL_XLSX).content
    version = _version(demo.hn2016.pk)
    other = _version(demo.hn2011.pk)
    target = AnnualPlanTarget.objects.filter(annual_plan__programme=demo.hn2016, annual_plan__year=2020)
    assert target.count() > 1
    target.update(quantity=F("quantity") + 7_000_000)
    assert _version(demo.hn2016.pk) == version + 1
    assert _version(demo.hn2011.pk) == other  # another programme's files stay valid
    after = staff.get(ANNUAL_XLSX).content
    assert after != before
    assert renders.call_count == 2
    assert any(isinstance(c, (int, float, Decimal)) and c >= 7_000_000 for c in _cells(after))


def test_raw_sql_and_bulk_create_bump_the_version(demo):
    version = _version(demo.hn2016.pk)
    result = Result.objects.filter(target__programme=demo.hn2016).first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE programs_result SET quantity = quantity WHERE id = %s", [result.pk])
    assert _version(demo.hn2016.pk) == version + 1
    Result.objects.bulk_create(
        [Result(**{f.attname: getattr(result, f.attname) for f in Result._meta.concrete_fields if f.attname != "id"})]
    )
    assert _version(demo.hn2016.pk) == version + 2
    # An update that changes no row is no write.
    Result.objects.filter(pk=-1).update(quantity=1)
    assert _version(demo.hn2016.pk) == version + 2


def test_an_organisation_renamed_in_the_admin_makes_every_report_anew(personas, demo, renders, tmp_path):
    staff = _client(personas.staff)
    staff.get(SUMMARY_PDF)
    issuer = demo.hn2016.owner
    admin = _client(User.objects.create_superuser("root", password="x"))
    url = reverse("admin:accounts_organisation_change", args=[quote(issuer.pk)])
    form = admin.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        name="Sở Công Thương Thủ Đô", parent=issuer.parent_id or "", administrative_unit=issuer.administrative_unit_id
    )
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Organisation.objects.get(pk=issuer.pk).name == "Sở Công Thương Thủ Đô"
    text = _text(staff.get(SUMMARY_PDF).content, tmp_path)
    assert renders.call_count == 2
    assert "SỞ CÔNG THƯƠNG THỦ ĐÔ" in text


def test_a_job_for_a_cached_file_completes_at_once(personas, demo, renders):
    served = _client(personas.staff).get(ANNUAL_XLSX).content
    job = export_job_create(
        kind="report.annual",
        fmt="xlsx",
        parameters={"programme": demo.hn2016.pk, "year": 2020, "until": None, "filters": {}},
        user=personas.staff,
    )
    job.refresh_from_db()
    assert job.status == "done"
    assert job.percent == 100
    with job.file.open("rb") as produced:
        assert produced.read() == served
    assert renders.call_count == 1


def test_the_file_a_worker_writes_is_the_one_the_page_serves_next(personas, demo, renders):
    job = export_job_create(
        kind="report.annual",
        fmt="xlsx",
        parameters={"programme": str(demo.hn2016.pk), "year": 2020, "until": None, "filters": {}},
        user=personas.staff,
    )
    run_export_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.error
    served = _client(personas.staff).get(ANNUAL_XLSX)
    assert renders.call_count == 0  # the page did not render: the worker's file was served
    with job.file.open("rb") as produced:
        assert produced.read() == served.content


def test_prune_removes_files_over_the_cap_least_recently_served_first(personas, settings, media):
    staff = _client(personas.staff)
    staff.get(ANNUAL_XLSX)
    staff.get(SUMMARY_PDF)
    staff.get(ANNUAL_XLSX)  # served again: the PDF is now the least recently served
    pdf = CachedReportFile.objects.get(format="pdf")
    settings.REPORT_CACHE_MAX_BYTES = CachedReportFile.objects.get(format="xlsx").size
    assert report_cache.prune() == 1
    assert list(CachedReportFile.objects.values_list("format", flat=True)) == ["xlsx"]
    assert not (media / pdf.path).exists()


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_render_once():
    key = report_cache.CacheKey("ab" * 32, "summary", "pdf")
    calls = []
    barrier = threading.Barrier(2)
    results = []

    def render():
        calls.append(1)
        time.sleep(0.5)  # long enough for the other thread to arrive and wait on the lock
        return b"%PDF-1.7 rendered once", "bao-cao.pdf"

    def ask():
        try:
            barrier.wait()
            results.append(report_cache.fetch_or_render(key, render).content)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(calls) == 1
    assert results == [b"%PDF-1.7 rendered once"] * 2


def test_a_change_to_the_renderer_makes_files_anew(personas, renders, monkeypatch):
    staff = _client(personas.staff)
    staff.get(ANNUAL_XLSX)
    monkeypatch.setattr(report_cache, "code_version", lambda: "another renderer")
    staff.get(ANNUAL_XLSX)
    assert renders.call_count == 2


def test_the_overview_pdf_is_rendered_once(personas, renders):
    staff = _client(personas.staff)
    first = staff.get("/reports/HN-2016-2020/overview/?format=pdf")
    second = staff.get("/reports/HN-2016-2020/overview/?format=pdf")
    assert first.status_code == 200
    assert first.content == second.content
    assert renders.call_count == 1
