"""Background exports on Django's tasks framework (settings.TASKS).

`export_job_create` records the job and enqueues `run_export_job`; a worker
(`manage.py db_worker` by default) runs it, writes progress onto the job and
stores the file in the default storage, where only the requesting user can
download it (reports/job_views.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.tasks import task
from django.utils import timezone

from accounts.models import User
from khuyencong.databases import caught_up_alias, reading_from
from khuyencong.files import is_store_full, save_whole
from khuyencong.official import official_language
from reports.exports import EXPORT_KINDS, ExportUnavailable, write_export
from reports.models import ExportJob, ExportJobStatus

logger = logging.getLogger(__name__)

# The class of PostgreSQL advisory locks that say "a worker is making this job now".
# Held on the worker's own connection: a worker that dies (SIGKILL, lost machine) loses
# its connection and so its lock at once, and the next delivery of the job may take it.
JOB_LOCK_CLASS = 7318

QUEUE_UNAVAILABLE = (
    "Hàng đợi xử lý nền tạm thời không hoạt động nên yêu cầu xuất dữ liệu này chưa được nhận. "
    "Hãy thử lại sau ít phút; nếu vẫn lỗi, báo quản trị hệ thống."
)
STORAGE_FULL = (
    "Kho lưu tệp đã đầy nên không tạo được tệp. Không có tệp dở dang nào được lưu; hãy báo quản trị hệ thống."
)
# How long a job waits for the replica to catch up before reading the primary instead.
REPLICA_WAIT_SECONDS = 5.0
FAILED_TO_MAKE = "Không tạo được tệp. Hãy thử lại hoặc báo quản trị hệ thống."


class ExportKindUnknown(ValueError):
    def __init__(self, kind: str, fmt: str) -> None:
        super().__init__(f"Không có kiểu xuất dữ liệu «{kind}» định dạng «{fmt}».")


def export_job_create(*, kind: str, fmt: str, parameters: dict[str, Any] | None = None, user: User) -> ExportJob:
    """Record an export job for `user` and queue it once the job row is committed."""
    if fmt not in EXPORT_KINDS.get(kind, ()):
        raise ExportKindUnknown(kind, fmt)
    with transaction.atomic():
        job = ExportJob.objects.create(requested_by=user, kind=kind, format=fmt, parameters=parameters or {})
        if _complete_from_cache(job):
            return job
        if _queue_in_this_database():
            # The queue is a table of this database: the job and its queue entry are saved
            # together or not at all, never a job that no worker will ever see.
            result = run_export_job.enqueue(job.pk)
            job.task_result_id = str(result.id)
            job.save(update_fields=["task_result_id"])
            return job

    def enqueue() -> None:
        try:
            result = run_export_job.enqueue(job.pk)
        except Exception:
            # The broker (Redis, RabbitMQ) is unreachable: the request is refused in so many
            # words on the job's own page, never left waiting for nothing.
            logger.exception("Export job %s could not be queued", job.pk)
            _fail(job.pk, QUEUE_UNAVAILABLE)
            return
        ExportJob.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

    # A broker is not in the transaction: the message goes once the job row is there to read.
    transaction.on_commit(enqueue)
    return job


def _queue_in_this_database() -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(run_export_job.get_backend(), DatabaseBackend)


def _complete_from_cache(job: ExportJob) -> bool:
    """A report already rendered for these parameters and data: the job is done at once, no worker needed."""
    if not job.kind.startswith("report."):
        return False
    from reports import cache as report_cache

    try:
        with official_language():  # as the worker will make it
            key = report_cache.report_key(
                kind=job.kind.removeprefix("report."), fmt=job.format, parameters=job.parameters, user=job.requested_by
            )
    except (KeyError, TypeError, ValueError):
        return False  # parameters the worker will refuse with its own message
    found = report_cache.lookup(key) if key else None
    if found is None:
        return False
    try:
        save_whole(job.file, found.filename, ContentFile(found.content))
    except OSError as error:
        if not is_store_full(error):
            raise
        return False  # the worker tries again, and says so if the store is still full
    job.filename = found.filename
    job.status = ExportJobStatus.DONE
    job.progress_done = job.progress_total = 1
    job.started_at = job.finished_at = timezone.now()
    job.save(
        update_fields=["file", "filename", "status", "progress_done", "progress_total", "started_at", "finished_at"]
    )
    return True


def _progress(job_id: int) -> Callable[[int, int | None], None]:
    def report(done: int, total: int | None) -> None:
        fields: dict[str, Any] = {"progress_done": done if total is None else min(done, total)}
        if total is not None:
            fields["progress_total"] = total
        ExportJob.objects.filter(pk=job_id).update(**fields)

    return report


@task()
def run_export_job(job_id: int) -> dict[str, Any]:
    """Build the job's file with the requesting user's visibility, once.

    Brokers deliver at least once (a job is acknowledged after it ran, so a worker that dies
    leaves it to another): a delivery of a job already made does nothing, and one of a job
    being made by a live worker only checks again later.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [JOB_LOCK_CLASS, job_id])
        (locked,) = cursor.fetchone()
    if not locked:
        # Made by a live worker now; looked at again later, in case that worker dies after
        # this delivery was acknowledged (Redis gives a message back after its visibility timeout).
        recheck = dt.timedelta(seconds=settings.EXPORT_JOB_RECHECK_SECONDS)
        run_export_job.using(run_after=timezone.now() + recheck).enqueue(job_id)
        return {"status": ExportJobStatus.RUNNING, "elsewhere": True}
    try:
        return _run_claimed(job_id)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [JOB_LOCK_CLASS, job_id])


def _run_claimed(job_id: int) -> dict[str, Any]:
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update(of=("self",))
            .select_related("requested_by__organisation")
            .get(pk=job_id)
        )
        if job.is_finished:
            return {"status": job.status, "again": True}
        job.status = ExportJobStatus.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    try:
        # The file is written to an anonymous temporary file first: a worker killed here
        # leaves nothing in the file store, and the storage gets only a finished file.
        with tempfile.TemporaryFile() as spool:
            # From the replica when it has every write made before this job began, else the primary.
            with official_language(), reading_from(caught_up_alias(wait=REPLICA_WAIT_SECONDS)):
                filename = write_export(
                    job.kind, job.format, job.parameters, job.requested_by, spool, _progress(job_id)
                )
            spool.seek(0)
            with transaction.atomic():
                job = ExportJob.objects.select_for_update().get(pk=job_id)
                if job.is_finished:  # finished by another delivery meanwhile: keep that one
                    return {"status": job.status, "again": True}
                save_whole(job.file, filename, File(spool))
                job.filename = filename
                job.status = ExportJobStatus.DONE
                job.finished_at = timezone.now()
                try:
                    job.save(update_fields=["file", "filename", "status", "finished_at"])
                except BaseException:
                    job.file.delete(save=False)
                    raise
    except ExportUnavailable as error:
        _fail(job_id, str(error))
        return {"status": ExportJobStatus.FAILED, "error": str(error)}
    except OSError as error:
        if not is_store_full(error):
            _fail(job_id, FAILED_TO_MAKE)
            raise
        logger.error("Export job %s: the file store is full (%s)", job_id, error)
        _fail(job_id, STORAGE_FULL)
        return {"status": ExportJobStatus.FAILED, "error": STORAGE_FULL}
    except Exception:
        _fail(job_id, FAILED_TO_MAKE)
        raise
    return {"status": ExportJobStatus.DONE, "rows": job.progress_done, "file": job.file.name}


def _fail(job_id: int, message: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(status=ExportJobStatus.FAILED, error=message, finished_at=timezone.now())
