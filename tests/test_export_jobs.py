"""Background exports: a real worker builds the file; only the requester sees the job and downloads it."""

import contextlib
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from accounts.models import User
from policy.access import visible_projects
from projects.models import ProjectStatus
from reports.exports import PROJECT_COLUMNS, project_queryset, project_rows, write_projects_xlsx
from reports.models import CachedReportFile, ExportJob, ExportJobStatus
from reports.tasks import ExportKindUnknown, export_job_create, run_export_job
from tests.conftest import _ensure_demo
from tests.service_support import (
    MACHINE_RABBITMQ,
    MACHINE_REDIS,
    CeleryWorker,
    celery_task_backend,
    database_url,
    delete_rabbitmq_queue,
    flush_redis,
    reachable,
    require,
    unique_queue,
    wait_until,
)

ROOT = Path(settings.BASE_DIR)


def _run_worker() -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url()}
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextlib.contextmanager
def _database_backend(tmp_path: Path) -> Iterator[Callable[[ExportJob], None]]:
    """The default: django-tasks-db's queue in the database, run by `manage.py db_worker --batch`."""

    def work(job: ExportJob) -> None:
        assert DBTaskResult.objects.filter(id=job.task_result_id).exists()
        worker = _run_worker()
        assert worker.returncode == 0, worker.stderr

    yield work


@contextlib.contextmanager
def _celery_backend(broker_url: str, tmp_path: Path, cleanup: Callable[[str], None]) -> Iterator[Callable]:
    """TASKS_BACKEND=celery: this process enqueues on the broker, a real Celery worker process runs the job."""
    queue = unique_queue()
    worker = CeleryWorker(broker_url, queue, "w1", tmp_path)
    try:
        with celery_task_backend(broker_url, queue):

            def work(job: ExportJob) -> None:
                worker.wait_ready()

                def finished() -> bool:
                    assert worker.process.poll() is None, worker.output()
                    return ExportJob.objects.get(pk=job.pk).is_finished

                wait_until(finished, timeout=60, what=f"job {job.pk}")

            yield work
    finally:
        worker.stop()
        cleanup(queue)


@contextlib.contextmanager
def _backend(name: str, tmp_path: Path) -> Iterator[Callable[[ExportJob], None]]:
    if name == "database":
        with _database_backend(tmp_path) as work:
            yield work
    elif name == "celery-redis":
        require(reachable(*MACHINE_REDIS), "Redis on 127.0.0.1:6379")
        url = "redis://127.0.0.1:6379/15"  # a database number of the tests' own, flushed afterwards
        with _celery_backend(url, tmp_path, lambda _queue: flush_redis(url)) as work:
            yield work
    else:
        require(reachable(*MACHINE_RABBITMQ), "RabbitMQ on 127.0.0.1:5672")
        url = "amqp://guest:guest@127.0.0.1:5672//"
        with _celery_backend(url, tmp_path, lambda queue: delete_rabbitmq_queue(url, queue)) as work:
            yield work


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Rows committed for a worker in another process to see; the jobs made here are removed afterwards."""
    with django_db_blocker.unblock():
        _ensure_demo()  # a transactional test run earlier may have flushed the committed demo
        before = set(ExportJob.objects.values_list("pk", flat=True))
        yield
        for job in ExportJob.objects.exclude(pk__in=before):
            if job.file:
                job.file.delete(save=False)
            DBTaskResult.objects.filter(id=job.task_result_id or None).delete()
            job.delete()


BACKENDS = ["database", "celery-redis", "celery-rabbitmq"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_it_builds_the_export_in_a_real_worker_for_the_requester_only(committed, backend, tmp_path):
    officer_a = User.objects.get(username="huyen")
    officer_b = User.objects.get(username="huyen_b")
    with _backend(backend, tmp_path) as work:
        job = export_job_create(kind="projects", fmt="xlsx", user=officer_a)  # autocommit: queued at once
        job.refresh_from_db()
        assert job.status == ExportJobStatus.QUEUED
        assert job.task_result_id
        work(job)

    job.refresh_from_db()
    assert job.status == ExportJobStatus.DONE, job.error
    expected = visible_projects(officer_a).count()
    assert expected > 0
    assert job.progress_total == job.progress_done == expected
    assert job.percent == 100

    client = Client()
    client.force_login(officer_a)
    response = client.get(f"/reports/jobs/{job.pk}/download/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == tuple(title for title, _ in PROJECT_COLUMNS)
    assert len(rows) == expected + 1
    assert {row[5] for row in rows[1:]} == {"Huyện Chương Mỹ"}
    assert client.get(f"/reports/jobs/{job.pk}/status/").json()["percent"] == 100

    other = Client()
    other.force_login(officer_b)
    for suffix in ("progress/", "status/", "download/"):
        assert other.get(f"/reports/jobs/{job.pk}/{suffix}").status_code == 404


def test_it_queues_a_job_from_the_page_and_shows_its_progress(personas, client, django_capture_on_commit_callbacks):
    client.force_login(personas.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/jobs/", {"kind": "projects", "format": "xlsx"})
    job = ExportJob.objects.get(requested_by=personas.staff)
    assert response.status_code == 302
    assert response["Location"] == f"/reports/jobs/{job.pk}/progress/"
    assert DBTaskResult.objects.filter(id=job.task_result_id, task_path__endswith="run_export_job").exists()
    page = client.get(f"/reports/jobs/{job.pk}/progress/").content.decode()
    assert "Đang chờ" in page
    assert "job_progress.js" in page
    assert "projects.xlsx" in client.get("/reports/jobs/").content.decode()
    not_ready = client.get(f"/reports/jobs/{job.pk}/download/")
    assert not_ready.status_code == 302
    assert not_ready["Location"] == f"/reports/jobs/{job.pk}/progress/"


def test_it_refuses_an_unknown_export(personas, client):
    with pytest.raises(ExportKindUnknown):
        export_job_create(kind="projects", fmt="docx", user=personas.staff)
    client.force_login(personas.staff)
    assert client.post("/reports/jobs/", {"kind": "beneficiaries", "format": "xlsx"}).status_code == 400


def test_it_streams_the_projects_workbook_a_district_officer_may_see(personas):
    rows, total = project_rows(personas.officer_a)
    progress = []
    buffer = io.BytesIO()
    written = write_projects_xlsx(rows, buffer, total=total, progress=lambda done, t: progress.append((done, t)))
    assert written == total == visible_projects(personas.officer_a).count()
    assert progress[-1] == (total, total)
    sheet = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True).active
    statuses = {row[7] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert statuses
    assert statuses <= set(ProjectStatus.labels)  # shown as labels, not codes


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_it_reads_exports_from_the_replica_when_one_is_configured(settings, personas):
    assert project_queryset(personas.staff).db == "default"
    settings.DATABASES = {**settings.DATABASES, "reports": settings.DATABASES["default"]}
    assert project_queryset(personas.staff).db == "reports"


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("xlsx", b"PK")])
def test_it_renders_a_report_export_through_the_report_renderers(fmt, magic, demo, personas, settings, tmp_path):
    pytest.importorskip("reports.selectors", reason="the report selectors are not in this installation")
    settings.MEDIA_ROOT = tmp_path
    job = export_job_create(
        kind="report.annual",
        fmt=fmt,
        parameters={"programme": demo.hn2016.pk, "year": 2020, "until": None, "filters": {}},
        user=personas.staff,
    )
    run_export_job.call(job.pk)  # the task body, in this process
    job.refresh_from_db()
    assert job.status == ExportJobStatus.DONE, job.error
    assert job.filename.endswith(f".{fmt}")
    with job.file.open("rb") as produced:
        assert produced.read(4).startswith(magic)


def test_it_sends_a_report_too_big_for_the_request_to_the_worker(personas, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.leader)
    url = "/reports/HN-2011-2015/projects/?format=pdf"
    settings.EXPORT_INLINE_MAX_ROWS = 10_000
    inline = client.get(url)
    assert inline.status_code == 200
    assert inline["Content-Type"] == "application/pdf"

    settings.EXPORT_INLINE_MAX_ROWS = 1
    # Forget the file rendered inline: it would be served from storage instead (reports.cache).
    CachedReportFile.objects.all().delete()
    queued = client.get(url)
    job = ExportJob.objects.get(requested_by=personas.leader)
    assert queued.status_code == 302
    assert queued["Location"] == f"/reports/jobs/{job.pk}/progress/"
    assert job.kind == "report.projects"
    assert job.format == "pdf"

    run_export_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == ExportJobStatus.DONE, job.error
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert job.filename == "HN-2011-2015-projects.pdf"


def test_it_keeps_the_edited_narrative_when_the_worker_makes_the_pdf(personas, client, settings, tmp_path):
    from tests.reports_helpers import pdf_text

    settings.MEDIA_ROOT = tmp_path
    settings.EXPORT_INLINE_MAX_ROWS = 1
    client.force_login(personas.leader)
    fields = {"format": "pdf", "narrative": "Câu do lãnh đạo sửa trước khi xuất.", "number": "7"}
    fields |= {"signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn Ký", "recipients": "- Lưu: VT."}
    response = client.post("/reports/HN-2011-2015/projects/", fields)
    job = ExportJob.objects.get(requested_by=personas.leader)
    assert response.status_code == 302
    run_export_job.call(job.pk)
    job.refresh_from_db()
    path = tmp_path / "job.pdf"
    with job.file.open("rb") as produced:
        path.write_bytes(produced.read())
    assert "Câu do lãnh đạo sửa trước khi xuất." in pdf_text(path)


def test_the_projects_export_issues_the_same_queries_however_many_projects(personas):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_export() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            # The ministry officer reads every province: the generated ones too.
            rows, total = project_rows(personas.bo)
            write_projects_xlsx(rows, io.BytesIO(), total=total)
        return len(captured), total

    before, few = queries_for_export()
    call_command("generate_dataset", scale=0.01, verbosity=0)
    after, many = queries_for_export()
    assert many >= few + 1_000
    assert after == before


FILLER_ROWS = 100_000


@pytest.fixture
def many_projects(committed, django_db_blocker):
    """100.000 more projects the district officer may see, committed for the workers; removed afterwards."""
    from django.db import connection

    from projects.models import Project

    officer_a = User.objects.get(username="huyen")
    template = visible_projects(officer_a).order_by("pk").first()
    columns = ", ".join(f'"{f.column}"' for f in Project._meta.concrete_fields if f.column not in ("id", "code"))
    with connection.cursor() as cursor:
        # Filler rows, not edits: no history events, no report data versions (their triggers are skipped).
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(
                f"INSERT INTO projects_project (code, {columns}) "  # noqa: S608 (column names from the model)
                f"SELECT 'TAI-' || n, {columns} FROM projects_project, generate_series(1, %s) n WHERE id = %s",
                [FILLER_ROWS, template.pk],
            )
        finally:
            cursor.execute("SET session_replication_role = origin")
    try:
        yield officer_a
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("DELETE FROM projects_project WHERE code LIKE 'TAI-%%'")
            cursor.execute("SET session_replication_role = origin")


@pytest.mark.parametrize("broker", ["redis", "rabbitmq"])
def test_a_worker_killed_in_a_large_export_leaves_it_to_another_that_makes_it_once(
    many_projects, broker, tmp_path, settings
):
    officer_a = many_projects
    if broker == "redis":
        require(reachable(*MACHINE_REDIS), "Redis on 127.0.0.1:6379")
        url = "redis://127.0.0.1:6379/15"

        def cleanup(queue: str) -> None:
            flush_redis(url)
    else:
        require(reachable(*MACHINE_RABBITMQ), "RabbitMQ on 127.0.0.1:5672")
        url = "amqp://guest:guest@127.0.0.1:5672//"

        def cleanup(queue: str) -> None:
            delete_rabbitmq_queue(url, queue)

    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    # Redis gives an unacknowledged message back after its visibility timeout (RabbitMQ when the
    # dead worker's connection closes): a short one keeps the test short.
    env = {"MEDIA_ROOT": str(media), "CELERY_VISIBILITY_TIMEOUT": "4"}
    queue = unique_queue()
    workers = [CeleryWorker(url, queue, name, tmp_path, **env) for name in ("one", "two")]
    try:
        with celery_task_backend(url, queue):
            for worker in workers:
                worker.wait_ready()
            job = export_job_create(kind="projects", fmt="xlsx", user=officer_a)
            expected = visible_projects(officer_a).count()
            assert expected > FILLER_ROWS

            def taken() -> CeleryWorker | None:
                under_way = ExportJob.objects.get(pk=job.pk).progress_done > 0
                return next((w for w in workers if under_way and "received" in w.output()), None)

            killed = wait_until(taken, timeout=60, what="a worker to start the export")
            survivor = workers[1 - workers.index(killed)]
            killed.kill()
            job.refresh_from_db()
            assert job.status == ExportJobStatus.RUNNING
            assert 0 < job.progress_done < expected
            assert not list(media.rglob("*.xlsx"))  # nothing half-written in the file store

            def finished() -> bool:
                assert survivor.process.poll() is None, survivor.output()
                return "succeeded" in survivor.output() and ExportJob.objects.get(pk=job.pk).is_finished

            wait_until(finished, timeout=90, what="the other worker to finish the export")
    finally:
        for worker in workers:
            worker.stop()
        cleanup(queue)

    job.refresh_from_db()
    assert job.status == ExportJobStatus.DONE, job.error
    assert job.progress_done == job.progress_total == expected
    assert [path.name for path in media.rglob("*.xlsx")] == [Path(job.file.name).name]  # made once
    assert "succeeded" not in killed.output()

    client = Client()
    client.force_login(officer_a)
    page = client.get(f"/reports/jobs/{job.pk}/progress/").content.decode()
    assert "Đã xong" in page
    assert f"/reports/jobs/{job.pk}/download/" in page
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as workbook:
        # Rows counted in the sheet's XML: openpyxl would take longer to read them than to write them.
        rows = workbook.read("xl/worksheets/sheet1.xml").count(b"<row ")
    assert rows == expected + 1


def test_a_job_delivered_again_after_it_was_made_is_not_made_twice(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = export_job_create(kind="projects", fmt="xlsx", user=personas.officer_a)
    run_export_job.call(job.pk)
    job.refresh_from_db()
    made = (job.file.name, job.finished_at)
    assert run_export_job.call(job.pk) == {"status": ExportJobStatus.DONE, "again": True}
    job.refresh_from_db()
    assert (job.file.name, job.finished_at) == made
    assert len([p for p in tmp_path.rglob("*.xlsx")]) == 1


def test_a_job_being_made_by_a_live_worker_is_looked_at_again_later(personas, settings):
    from django.db import connections

    from reports.tasks import JOB_LOCK_CLASS

    job = export_job_create(kind="projects", fmt="xlsx", user=personas.officer_a)
    other = connections.create_connection("default")  # another worker's own connection
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [JOB_LOCK_CLASS, job.pk])
        queued = DBTaskResult.objects.count()
        assert run_export_job.call(job.pk) == {"status": ExportJobStatus.RUNNING, "elsewhere": True}
        job.refresh_from_db()
        assert job.status == ExportJobStatus.QUEUED  # untouched
        recheck = DBTaskResult.objects.order_by("-enqueued_at").first()
        assert DBTaskResult.objects.count() == queued + 1
        assert recheck.run_after is not None
    finally:
        other.close()
