"""Faults survived, each on loopback with services of the test's own (stopped only by it).

- Redis stopped (the broker and cache the app is configured with): pages keep working, a new
  export is refused in Vietnamese on its own page, never left waiting for nothing.
- The file store full (a 1 MB tmpfs): an upload or an export is refused in Vietnamese and
  nothing half-written is left.
- A web server killed (SIGKILL) under load behind nginx: 0 failed page loads, 0 saves twice.
- PostgreSQL restarted under load (a cluster and a gunicorn of the test's own): the Vietnamese
  503 page, never a traceback; connections come back by themselves; nothing half-saved.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from attachments.models import Attachment
from projects.models import Project
from reports.models import ExportJob, ExportJobStatus
from reports.tasks import QUEUE_UNAVAILABLE, STORAGE_FULL, export_job_create, run_export_job
from tests import hostile_files as corpus
from tests.conftest import _ensure_demo
from tests.service_support import (
    Gunicorn,
    Nginx,
    PostgresCluster,
    RedisServer,
    celery_task_backend,
    copy_test_database,
    database_url,
    reachable,
    signed_in,
    unique_queue,
    wait_until,
)

UNAVAILABLE_TITLE = "Dịch vụ tạm thời gián đoạn"


@pytest.fixture
def committed_demo(django_db_setup, django_db_blocker):
    """The demo committed, for processes of their own: a transactional test run earlier may have flushed it."""
    with django_db_blocker.unblock():
        _ensure_demo()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Redis stopped ------------------------------------------------------------------------------


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def test_with_redis_stopped_pages_work_and_a_new_export_is_refused_in_vietnamese(
    own_redis, personas, django_capture_on_commit_callbacks
):
    caches = {
        "default": {
            "BACKEND": "khuyencong.cache.TolerantRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=caches), celery_task_backend(own_redis.url, unique_queue()):
        from django.core.cache import caches as cache_handler

        cache = cache_handler["default"]
        client = _client(personas.staff)
        cache.set("kc-probe", "có")
        assert cache.get("kc-probe") == "có"  # the app's cache and broker are this Redis
        with django_capture_on_commit_callbacks(execute=True):
            queued = client.post("/reports/jobs/", {"kind": "projects", "format": "xlsx"})
        assert queued.status_code == 302
        assert ExportJob.objects.get(requested_by=personas.staff).task_result_id  # on the broker

        own_redis.stop()
        assert not reachable("127.0.0.1", own_redis.port)
        assert cache.get("kc-probe", "không") == "không"  # a cache miss, not an error
        for url in ("/", "/projects/", "/programmes/", "/reports/", "/reports/jobs/"):
            assert client.get(url).status_code == 200, url

        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/reports/jobs/", {"kind": "projects", "format": "xlsx"})
        assert time.monotonic() - started < 10  # refused at once, the page is not held
        job = ExportJob.objects.filter(requested_by=personas.staff).latest("pk")
        assert response.status_code == 302
        assert response["Location"] == f"/reports/jobs/{job.pk}/progress/"
        assert job.status == ExportJobStatus.FAILED
        assert job.error == QUEUE_UNAVAILABLE
        page = client.get(response["Location"]).content.decode()
        assert "Hàng đợi xử lý nền tạm thời không hoạt động" in page
        assert job in ExportJob.objects.filter(requested_by=personas.staff)  # recorded: the user sees it


# --- The file store full ------------------------------------------------------------------------


@pytest.fixture
def full_store(tmp_path):
    """A 1 MB tmpfs, filled but for a few kilobytes (mounting needs root, as on the project's machines)."""
    mount = tmp_path / "store"
    mount.mkdir()
    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("mounting a tmpfs needs root in CI")
        pytest.skip("mounting a tmpfs needs root")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        filler = mount / "filler.bin"
        with filler.open("wb") as out, contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 4096)
                out.flush()
        filler.write_bytes(filler.read_bytes()[: -16 * 1024])  # room for a small file, not a big one
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_an_upload_to_a_full_store_is_refused_and_leaves_no_part(full_store, personas, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    store = FileSystemStorage(location=full_store)
    for name in ("file", "thumbnail"):  # the fields took their storage when the model was defined
        monkeypatch.setattr(Attachment._meta.get_field(name), "storage", store)
    project = Project.objects.get(code="HN2020-CM-001")
    pdf = corpus.pdf() + b"%" + b" " * (200 * 1024)  # 200 KB: more than is left
    response = _client(personas.officer_a).post(
        reverse("attachments:upload", args=[project.pk]),
        {"kind": "minutes", "file": SimpleUploadedFile("bien-ban.pdf", pdf)},
        follow=True,
    )
    page = response.content.decode()
    assert "Không nhận tệp «bien-ban.pdf»" in page, re.findall(r'role="alert">([^<]*)', page)
    assert "Không nhận tệp «bien-ban.pdf»: Kho lưu tệp đã đầy nên tệp chưa được nhận" in page
    assert not Attachment.objects.filter(project=project).exists()
    assert _files(full_store) == ["filler.bin"]  # nothing half-written


def test_an_export_to_a_full_store_fails_in_vietnamese_and_leaves_no_part(full_store, personas, settings):
    settings.MEDIA_ROOT = full_store
    from django.core.files.storage import storages as storage_handler

    storage_handler._storages.pop("default", None)
    try:
        job = export_job_create(kind="projects", fmt="xlsx", user=personas.bo)  # every province: > 16 KB
        run_export_job.call(job.pk)
    finally:
        storage_handler._storages.pop("default", None)
    job.refresh_from_db()
    assert job.status == ExportJobStatus.FAILED
    assert job.error == STORAGE_FULL
    assert not job.file
    assert _files(full_store) == ["filler.bin"]
    page = _client(personas.bo).get(f"/reports/jobs/{job.pk}/progress/").content.decode()
    assert "Kho lưu tệp đã đầy nên không tạo được tệp" in page


# --- PostgreSQL restarted under load ------------------------------------------------------------


@pytest.fixture
def own_postgres(committed_demo, db, django_db_blocker):
    """A PostgreSQL 15 cluster of the test's own holding a copy of the test database (demo included)."""
    cluster = PostgresCluster(PostgresCluster.workspace())
    try:
        cluster.init().start()
        with django_db_blocker.unblock():
            copy_test_database(cluster)
        yield cluster
    finally:
        cluster.remove()


def test_postgresql_restarted_under_load_answers_503_in_vietnamese_and_recovers(own_postgres, tmp_path):
    server = Gunicorn(own_postgres.url("khuyencong"), tmp_path / "gunicorn.log")
    outcomes: Counter[str] = Counter()
    problems: list[str] = []
    stop = threading.Event()
    marker = uuid.uuid4().hex[:8]
    try:
        sessions = [signed_in(server.url, name) for name in ("canbo", "lanhdao", "huyen")]

        def user_loop(session: requests.Session, index: int) -> None:
            pages = ("/", "/projects/", "/programmes/", "/reports/jobs/")
            step = 0
            while not stop.is_set():
                step += 1
                try:
                    if step % 4 == 0:  # a write: an export job, saved with its queue entry or not at all
                        token = session.cookies.get("csrftoken") or ""
                        response = session.post(
                            f"{server.url}/reports/jobs/",
                            data={"kind": "projects", "format": "xlsx", "csrfmiddlewaretoken": token, "status": marker},
                            headers={"Referer": f"{server.url}/reports/jobs/", "X-CSRFToken": token},
                            timeout=20,
                            allow_redirects=False,
                        )
                    else:
                        response = session.get(f"{server.url}{pages[step % len(pages)]}", timeout=20)
                except requests.RequestException as error:
                    outcomes["no answer"] += 1
                    problems.append(f"no answer: {error}")
                    continue
                body = response.text
                outcomes[str(response.status_code)] += 1
                if response.status_code == 503:
                    if UNAVAILABLE_TITLE not in body:
                        problems.append("a 503 without the Vietnamese page")
                elif response.status_code not in (200, 302):
                    problems.append(f"{response.status_code}: {body[:300]}")
                if "Traceback" in body:
                    problems.append("a traceback shown")

        threads = [threading.Thread(target=user_loop, args=(s, i), daemon=True) for i, s in enumerate(sessions * 2)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        before = sum(outcomes.values())
        # A fast shutdown ends every session at once; then the server stays down a moment.
        own_postgres.stop("fast")
        time.sleep(3)
        own_postgres.start()
        restarted = time.monotonic()
        wait_until(lambda: outcomes["503"] > 0, timeout=5, what="a request during the restart")

        # Recovered by itself: pages answer 200 again without restarting gunicorn.
        probe = sessions[0]
        wait_until(
            lambda: probe.get(f"{server.url}/projects/", timeout=10).status_code == 200,
            timeout=20,
            what="the pages to come back",
        )
        recovered_after = time.monotonic() - restarted
        time.sleep(2)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        stop.set()
        server.stop()

    assert before > 0
    assert outcomes["200"] > before
    assert outcomes["503"] > 0
    assert not problems, (outcomes, problems[:5])
    assert recovered_after < 15
    log = server.log.read_text(errors="replace")
    # The server's log keeps the database's errors (for the administrator), never a 500.
    assert "Internal Server Error" not in log, log[-3000:]

    # Nothing half-saved: every export job asked for during the load has its queue entry.
    jobs = own_postgres.psql(
        "SELECT count(*), count(*) FILTER (WHERE task_result_id = '' OR NOT EXISTS "
        "(SELECT 1 FROM django_tasks_database_dbtaskresult t WHERE t.id::text = task_result_id)) "
        f"FROM reports_exportjob WHERE parameters->'filters'->>'status' = '{marker}'",
        database="khuyencong",
    )
    made, orphans = (int(n) for n in jobs.split("|"))
    assert made > 0, jobs
    assert orphans == 0, jobs


# --- A web server killed under load -------------------------------------------------------------


@pytest.fixture
def two_web_servers(committed_demo, django_db_blocker, tmp_path):
    """Two gunicorns on the test database behind an nginx of the test's own; the jobs they save are removed."""
    from django_tasks_db.models import DBTaskResult

    with django_db_blocker.unblock():
        before = set(ExportJob.objects.values_list("pk", flat=True))
        servers: list[Gunicorn] = []
        proxy = None
        try:
            for index in range(2):
                servers.append(Gunicorn(database_url(), tmp_path / f"web{index}.log", workers=2))
            proxy = Nginx([server.port for server in servers], tmp_path / "nginx")
            yield proxy, servers
        finally:
            if proxy is not None:
                proxy.stop()
            for server in servers:
                server.stop()
            for job in ExportJob.objects.exclude(pk__in=before):
                DBTaskResult.objects.filter(id=job.task_result_id or None).delete()
                job.delete()


def test_a_web_server_killed_under_load_costs_no_page_load_and_no_save_twice(two_web_servers, django_db_blocker):
    proxy, servers = two_web_servers
    sessions = [signed_in(proxy.url, name) for name in ("canbo", "lanhdao", "huyen")]  # sessions in the database
    pages = ("/", "/projects/", "/programmes/", "/reports/jobs/")
    failed: list[str] = []
    posts: dict[str, int] = {}  # marker -> status answered
    served = Counter()
    stop = threading.Event()
    killed = threading.Event()

    def user_loop(session: requests.Session, index: int) -> None:
        step = 0
        while not stop.is_set():
            step += 1
            phase = "after" if killed.is_set() else "before"
            if step % 5 == 0:
                marker = f"kill-{index}-{step}-{uuid.uuid4().hex[:6]}"
                token = session.cookies.get("csrftoken") or ""
                try:
                    response = session.post(
                        f"{proxy.url}/reports/jobs/",
                        data={"kind": "projects", "format": "xlsx", "csrfmiddlewaretoken": token, "status": marker},
                        headers={"Referer": f"{proxy.url}/reports/jobs/"},
                        timeout=20,
                        allow_redirects=False,
                    )
                    posts[marker] = response.status_code
                except requests.RequestException:
                    posts[marker] = 0
                continue
            url = f"{proxy.url}{pages[step % len(pages)]}"
            try:
                response = session.get(url, timeout=20)
            except requests.RequestException as error:
                failed.append(f"{url}: {error}")
                continue
            if response.status_code != 200:
                failed.append(f"{url}: {response.status_code}")
            else:
                served[phase] += 1

    threads = [threading.Thread(target=user_loop, args=(s, i), daemon=True) for i, s in enumerate(sessions * 2)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(4)
        servers[0].kill()
        killed.set()
        time.sleep(6)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    assert served["before"] > 0, served
    assert served["after"] > 0, served
    assert not failed, failed[:5]  # 0 failed page loads
    with django_db_blocker.unblock():
        saved = Counter(
            job.parameters["filters"].get("status")
            for job in ExportJob.objects.filter(parameters__filters__status__startswith="kill-")
        )
    assert all(count == 1 for count in saved.values()), saved  # 0 saves done twice
    answered = [marker for marker, status in posts.items() if status == 302]
    assert answered
    assert all(saved[marker] == 1 for marker in answered)
