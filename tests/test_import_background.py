"""Large workbooks are checked and imported by the task worker, with progress the page can show.

A workbook declaring more rows than IMPORT_INLINE_MAX_ROWS goes to the worker (the
setting is lowered here so a few hundred rows suffice); smaller ones stay in the
request, as tests/test_imports.py checks.
"""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from imports.kinds import KINDS, PROJECT_SHEET, Context
from imports.models import ImportBatch, ImportPhase, ImportStatus
from imports.progress import APPLY_STEPS, CHECK_STEPS, PublishedProgress
from imports.services import import_workbook
from imports.tasks import run_import_apply, run_import_check
from imports.workbook import build_workbook, declared_data_rows
from programs.models import Programme
from projects.models import Project
from tests.conftest import _ensure_demo
from tests.import_support import export, snapshot
from tests.test_export_jobs import _run_worker

PREFIX = "NEN-"


def make_projects_workbook(path: Path, rows: int, *, prefix: str = PREFIX) -> Path:
    """`rows` new projects of HN-2016-2020 in 2020, as scripts/bench_import.py makes them."""
    programme = Programme.objects.get(code="HN-2016-2020")
    ctx = Context(programme=programme, year=2020, user=User.objects.get(username="canbo"))
    lists = KINDS["projects"].lists(ctx)
    contents, units, organisations = lists["Nội dung"], lists["Mã địa bàn"], lists["Đơn vị thực hiện"]
    data = [
        [
            None,
            f"{prefix}{i:05d}",
            f"Đề án nhập nền số {i}: truyền nghề cho lao động nông thôn",
            contents[i % len(contents)],
            "Đề án điểm" if i % 2 else "Đề án theo nhóm",
            organisations[i % len(organisations)],
            units[i % len(units)],
            None,
            "0",
            f"{(i % 5 + 10) * 1_000_000:,}".replace(",", "."),
            (i % 5 + 10) * 1_000_000,
            (i % 5 + 10) * 2_000_000,
            "01/03/2020",
            "30/11/2020",
            None,
        ]
        for i in range(rows)
    ]
    build_workbook(
        kind="projects",
        title="Đề án năm 2020",
        programme_code=programme.code,
        year=2020,
        sheets=[(PROJECT_SHEET, data)],
        lists=lists,
        instructions=[],
        output=str(path),
    )
    return path


def _upload(client: Client, path: Path, **headers):
    with path.open("rb") as handle:
        return client.post("/imports/upload/", {"file": handle}, headers=headers)


def _status(client: Client, batch: ImportBatch) -> dict:
    response = client.get(f"/imports/{batch.pk}/status/")
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def committed(django_db_setup, django_db_blocker, settings, tmp_path):
    """Rows committed for the worker in another process to see; what the test made is removed afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 100
    with django_db_blocker.unblock():
        _ensure_demo()
        before = set(ImportBatch.objects.values_list("pk", flat=True))
        yield
        made = ImportBatch.objects.exclude(pk__in=before)
        DBTaskResult.objects.filter(task_path__startswith="imports.tasks.").delete()
        made.delete()
        projects = Project.objects.filter(code__startswith=PREFIX)
        event_model = apps.get_model("projects", "ProjectEvent")
        event_model.objects.filter(pgh_obj_id__in=projects.values("pk")).delete()
        projects.delete()


def test_a_large_workbook_is_checked_and_imported_by_a_real_worker_once(committed, tmp_path):
    staff = User.objects.get(username="canbo")
    client = Client()
    client.force_login(staff)
    path = make_projects_workbook(tmp_path / "de-an-lon.xlsx", 300)
    assert declared_data_rows(str(path)) > 100  # the sheet's size as it declares it: 300 rows and the spare ones

    response = _upload(client, path)
    batch = ImportBatch.objects.get(user=staff, file_name="de-an-lon.xlsx")
    assert response.status_code == 302
    assert response["Location"] == f"/imports/{batch.pk}/"
    assert batch.status == ImportStatus.CHECKING
    assert batch.phase == ImportPhase.CHECKING
    assert DBTaskResult.objects.filter(id=batch.task_result_id, task_path__endswith="run_import_check").exists()
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "<progress" in page
    assert "import_progress.js" in page
    assert 'aria-live="polite"' in page
    assert "Dòng mới:" not in page  # no preview before the check ends
    status = _status(client, batch)
    assert status["status"] == "checking"
    assert status["finished"] is False
    assert status["done"] == 0

    worker = _run_worker()
    assert worker.returncode == 0, worker.stderr
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED, batch.summary
    assert batch.summary["counts"] == {"new": 300, "changed": 0, "unchanged": 0}
    assert batch.progress_done == batch.progress_total == 300  # the real count replaced the declared one
    assert not Project.objects.filter(code__startswith=PREFIX).exists()  # the check saved nothing
    assert _status(client, batch)["finished"] is True
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "Dòng mới: 300" in page
    assert "Xác nhận nhập 300 dòng" in page
    assert "<progress" not in page

    assert client.post(f"/imports/{batch.pk}/confirm/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLYING
    assert batch.progress_done == 0
    assert batch.progress_total == 300
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "Đang nhập số liệu" in page
    assert "<progress" in page
    # Confirmed twice: the second finds it no longer waiting, and queues nothing.
    second = client.post(f"/imports/{batch.pk}/confirm/", follow=True).content.decode()
    assert "Lần nhập này không còn chờ xác nhận." in second
    assert DBTaskResult.objects.filter(task_path__endswith="run_import_apply").count() == 1
    run_import_apply.enqueue(batch.pk)  # and the task queued a second time: one import all the same

    worker = _run_worker()
    assert worker.returncode == 0, worker.stderr
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert batch.imported_at is not None
    assert batch.progress_done == batch.progress_total == 300
    assert batch.stored_path == ""
    assert Project.objects.filter(code__startswith=PREFIX).count() == 300
    status = _status(client, batch)
    assert status["finished"] is True
    assert status["status"] == "imported"
    assert status["percent"] == 100
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "Đã nhập 300 dòng mới và 0 dòng sửa từ tệp de-an-lon.xlsx." in page

    other = Client()
    other.force_login(User.objects.get(username="huyen_b"))
    assert other.get(f"/imports/{batch.pk}/status/").status_code == 404


@pytest.mark.django_db
def test_progress_moves_row_by_row_through_the_check_and_the_import(personas, tmp_path):
    path = make_projects_workbook(tmp_path / "de-an.xlsx", 600)
    for steps, commit in ((CHECK_STEPS, False), (APPLY_STEPS, True)):
        seen: list[tuple[int, int | None]] = []
        progress = PublishedProgress(
            steps=steps, total=1100, publish=lambda d, t, seen=seen: seen.append((d, t)), every=100
        )
        outcome = import_workbook(
            path=path, file_name="de-an.xlsx", user=personas.staff, commit=commit, progress=progress
        )
        assert outcome.ok
        assert outcome.count("new") == 600
        assert outcome.saved is commit
        dones = [done for done, total in seen if total == 600]
        assert dones == sorted(dones), seen  # never backwards
        assert dones[-1] == 600
        assert len({d for d in dones if 0 < d < 600}) >= 5
        assert seen[0][1] == 1100  # the declared size, until the rows are counted


@pytest.mark.django_db
def test_the_status_answers_the_uploader_only(personas, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 100
    client.force_login(personas.staff)
    _upload(client, make_projects_workbook(tmp_path / "de-an.xlsx", 150))
    batch = ImportBatch.objects.get(user=personas.staff)
    assert _status(client, batch) == {
        "id": batch.pk,
        "status": "checking",
        "status_display": "Đang kiểm tra",
        "phase": "checking",
        "done": 0,
        "total": batch.progress_total,
        "percent": 0,
        "finished": False,
        "failure": "",
    }
    for persona in (personas.officer_a, personas.leader, personas.bacninh, personas.viewer, personas.officer_b):
        client.force_login(persona)
        assert client.get(f"/imports/{batch.pk}/status/").status_code == 404
    client.logout()
    assert client.get(f"/imports/{batch.pk}/status/").status_code == 302  # to the login page


@pytest.mark.django_db
def test_the_upload_script_is_told_where_to_go(personas, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(personas.staff)
    programme = Programme.objects.get(code="HN-2016-2020")
    path = export(tmp_path, programme=programme, year=2020, kind="plan", user=personas.staff)
    response = _upload(client, path, **{"X-Upload-Progress": "1"})
    batch = ImportBatch.objects.get(user=personas.staff)
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.phase == ""
    assert response.json() == {"location": f"/imports/{batch.pk}/"}
    empty = client.post("/imports/upload/", {}, headers={"X-Upload-Progress": "1"})
    assert empty.json() == {"location": "/imports/"}
    page = client.get("/imports/").content.decode()
    assert "upload_progress.js" in page
    assert 'id="upload-progress" hidden' in page
    assert "Hãy chọn một tệp Excel (.xlsx) để tải lên." in page  # the message waited for the page


@pytest.mark.django_db
def test_a_large_unchanged_workbook_still_says_it_changes_nothing(personas, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 100  # the template's spare rows alone declare 500
    client.force_login(personas.staff)
    programme = Programme.objects.get(code="HN-2016-2020")
    path = export(tmp_path, programme=programme, year=2020, kind="projects", user=personas.staff)
    _upload(client, path)
    batch = ImportBatch.objects.get(user=personas.staff)
    assert batch.status == ImportStatus.CHECKING
    run_import_check.call(batch.pk)
    run_import_check.call(batch.pk)  # run twice: the second finds it checked
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.summary["unchanged_file"] is True
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "Tệp không có thay đổi nào so với dữ liệu hiện có" in page
    assert "Xác nhận nhập" not in page


@pytest.mark.django_db
def test_a_failure_in_the_worker_is_shown_and_nothing_is_saved(personas, client, tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 100
    client.force_login(personas.staff)
    _upload(client, make_projects_workbook(tmp_path / "de-an.xlsx", 150))
    batch = ImportBatch.objects.get(user=personas.staff)
    run_import_check.call(batch.pk)
    client.post(f"/imports/{batch.pk}/confirm/")
    before = snapshot()
    original = KINDS["projects"].apply

    def apply_then_break(ctx, comparison):
        original(ctx, comparison)  # every row written, then the worker fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(KINDS["projects"], "apply", apply_then_break)
    with pytest.raises(RuntimeError):
        run_import_apply.call(batch.pk)
    assert snapshot() == before
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REFUSED
    assert batch.stored_path == ""
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "Lỗi máy chủ khi xử lý tệp; không có gì được lưu." in page
    assert _status(client, batch)["failure"].startswith("Lỗi máy chủ")


@pytest.mark.django_db
def test_a_batch_whose_worker_died_expires_and_a_running_one_keeps_its_file(personas, settings, tmp_path):
    import os
    import time
    from datetime import timedelta

    from imports.services import expire_previews, upload_directory
    from tests.test_imports import _batch

    settings.MEDIA_ROOT = str(tmp_path)
    folder = upload_directory()
    dead_file, running_file = folder / "dead.xlsx", folder / "running.xlsx"
    for path in (dead_file, running_file):
        path.write_bytes(b"PK")
        day_ago = time.time() - 30 * 3600
        os.utime(path, (day_ago, day_ago))  # both as old as the cut-off on disk
    dead = _batch(personas.staff, ImportStatus.CHECKING, dead_file, 30)
    running = _batch(personas.staff, ImportStatus.APPLYING, running_file, 2)

    expiry = expire_previews(older_than=timedelta(hours=24))

    assert (expiry.batches, expiry.files) == (1, 1)
    dead.refresh_from_db()
    running.refresh_from_db()
    assert dead.status == ImportStatus.EXPIRED
    assert not dead_file.exists()
    assert running.status == ImportStatus.APPLYING
    assert running_file.exists()


def test_two_runs_of_the_import_at_once_apply_it_once(committed, tmp_path):
    import threading

    from django.db import connection

    staff = User.objects.get(username="canbo")
    client = Client()
    client.force_login(staff)
    _upload(client, make_projects_workbook(tmp_path / "de-an-doi.xlsx", 150))
    batch = ImportBatch.objects.get(user=staff, file_name="de-an-doi.xlsx")
    run_import_check.call(batch.pk)
    client.post(f"/imports/{batch.pk}/confirm/")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLYING

    start = threading.Barrier(2)
    answers: list[dict] = []

    def run() -> None:
        try:
            start.wait()
            answers.append(run_import_apply.call(batch.pk))
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # One run imported every row; the other waited on the batch's lock and found it done.
    assert sorted(answers, key=len) == [{"status": "imported"}, {"status": "imported", "rows": 150}]
    assert Project.objects.filter(code__startswith=PREFIX).count() == 150


@pytest.mark.django_db
def test_an_account_that_may_not_import_is_refused_at_once_not_queued(personas, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 100
    client.force_login(personas.viewer)
    _upload(client, make_projects_workbook(tmp_path / "de-an.xlsx", 150))
    batch = ImportBatch.objects.get(user=personas.viewer)
    assert batch.status == ImportStatus.REFUSED
    assert batch.phase == ""
    assert "Tài khoản của bạn không có quyền nhập số liệu." in client.get(f"/imports/{batch.pk}/").content.decode()
