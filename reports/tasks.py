"""Background exports on Django's tasks framework (settings.TASKS).

`export_job_create` records the job and enqueues `run_export_job`; a worker
(`manage.py db_worker` by default) runs it, writes progress onto the job and
stores the file in the default storage, where only the requesting user can
download it (reports/job_views.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from accounts.models import User
from khuyencong.official import official_language
from reports.exports import EXPORT_KINDS, ExportUnavailable, write_export
from reports.models import ExportJob, ExportJobStatus


class ExportKindUnknown(ValueError):
    def __init__(self, kind: str, fmt: str) -> None:
        super().__init__(f"Không có kiểu xuất dữ liệu «{kind}» định dạng «{fmt}».")


def export_job_create(*, kind: str, fmt: str, parameters: dict[str, Any] | None = None, user: User) -> ExportJob:
    """Record an export job for `user` and queue it once the job row is committed."""
    if fmt not in EXPORT_KINDS.get(kind, ()):
        raise ExportKindUnknown(kind, fmt)
    job = ExportJob.objects.create(requested_by=user, kind=kind, format=fmt, parameters=parameters or {})
    if _complete_from_cache(job):
        return job

    def enqueue() -> None:
        result = run_export_job.enqueue(job.pk)
        ExportJob.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


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
    job.file.save(found.filename, ContentFile(found.content), save=False)
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
    """Build the job's file with the requesting user's visibility."""
    job = ExportJob.objects.select_related("requested_by__organisation").get(pk=job_id)
    ExportJob.objects.filter(pk=job_id).update(status=ExportJobStatus.RUNNING, started_at=timezone.now())
    try:
        with tempfile.TemporaryFile() as spool:
            with official_language():
                filename = write_export(
                    job.kind, job.format, job.parameters, job.requested_by, spool, _progress(job_id)
                )
            spool.seek(0)
            job.refresh_from_db()
            job.file.save(filename, File(spool), save=False)
        job.filename = filename
        job.status = ExportJobStatus.DONE
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "filename", "status", "finished_at"])
    except ExportUnavailable as error:
        _fail(job_id, str(error))
        return {"status": ExportJobStatus.FAILED, "error": str(error)}
    except Exception:
        _fail(job_id, "Không tạo được tệp. Hãy thử lại hoặc báo quản trị hệ thống.")
        raise
    return {"status": ExportJobStatus.DONE, "rows": job.progress_done, "file": job.file.name}


def _fail(job_id: int, message: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(status=ExportJobStatus.FAILED, error=message, finished_at=timezone.now())
