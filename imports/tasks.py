"""Large workbooks: checked, then applied, by the task worker (settings.TASKS), as large exports are.

A workbook whose sheets declare more than IMPORT_INLINE_MAX_ROWS data rows is
stored and recorded as a batch "checking"; `run_import_check` runs the same
check as the request would (`import_workbook(commit=False)`) and records the
preview. Once the uploader confirms, the batch is "applying" and
`run_import_apply` imports it in one transaction, all or nothing, as the
confirmation in the request does. Both write their progress onto the batch
(imports/progress.py) for the page to poll.

Applied once: the confirmation moves the batch from "previewed" to "applying"
under SELECT ... FOR UPDATE, so a second confirmation finds it no longer
waiting; the task holds an advisory lock on the batch for its transaction, so
a second run waits and then finds it no longer applying, and the status is
checked once more under SELECT ... FOR UPDATE before the result is written in
the same transaction as the rows.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.tasks import task

from accounts.models import User
from imports.models import ImportBatch, ImportPhase, ImportStatus
from imports.progress import APPLY_STEPS, CHECK_STEPS, BatchProgressWriter, PublishedProgress
from imports.safety import ImportRefused, check_workbook_file
from imports.services import IMPORTING_ROLES, ImportOutcome, file_sha256, import_workbook, outcome_fields
from imports.workbook import declared_data_rows

logger = logging.getLogger(__name__)

BATCH_LOCK_NAMESPACE = 6_0602  # imports' advisory lock keys for one batch (6_0601: a programme's year)
FAILED = "Lỗi máy chủ khi xử lý tệp; không có gì được lưu. Hãy tải tệp lên lại hoặc báo quản trị hệ thống."
CHANGED_SINCE_PREVIEW = "Không nhập được: số liệu đã thay đổi từ lúc xem trước. Không có gì được lưu."
FILE_CHANGED = "Tệp lưu tạm đã bị thay đổi; hãy tải lên lại."


def rows_for_worker(path: Path, file_name: str, user: User) -> int | None:
    """The rows a workbook declares when they are more than the request should check, else None."""
    if not user.is_active or user.role not in IMPORTING_ROLES:
        return None  # refused at once in the request: no work queued for an account that may not import
    try:
        check_workbook_file(path, file_name)
        rows = declared_data_rows(str(path))
    except ImportRefused:
        return None  # refused in the request, with its message, as today
    except Exception:  # broken beyond what the safety checks read: the request's check says so
        return None
    return rows if rows > settings.IMPORT_INLINE_MAX_ROWS else None


def import_check_enqueue(*, path: Path, file_name: str, size: int, rows: int, user: User) -> ImportBatch:
    """Record the uploaded workbook as being checked and queue the check once the batch is committed."""
    batch = ImportBatch.objects.create(
        file_name=file_name[:255],
        sha256=file_sha256(path),
        size=size,
        status=ImportStatus.CHECKING,
        phase=ImportPhase.CHECKING,
        progress_total=rows,
        stored_path=str(path),
        user=user,
    )
    transaction.on_commit(lambda: _enqueue(run_import_check, batch.pk))
    return batch


def import_apply_enqueue(*, batch: ImportBatch) -> None:
    """Move a previewed batch, held FOR UPDATE by the caller, to "applying" and queue the import."""
    if batch.status != ImportStatus.PREVIEWED or not batch.stored_path:
        raise ImportRefused("Lần nhập này không còn chờ xác nhận.")
    counts = (batch.summary or {}).get("counts", {})
    batch.status, batch.phase = ImportStatus.APPLYING, ImportPhase.APPLYING
    batch.progress_done, batch.progress_total = 0, sum(counts.values()) or None
    batch.save(update_fields=["status", "phase", "progress_done", "progress_total"])
    transaction.on_commit(lambda: _enqueue(run_import_apply, batch.pk))


def _enqueue(work: Any, batch_id: int) -> None:  # a django.tasks Task
    result = work.enqueue(batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(task_result_id=str(result.id))


@task()
def run_import_check(batch_id: int) -> dict[str, Any]:
    """Check a stored workbook as the request would, nothing saved, and record the preview."""
    batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
    if batch.status != ImportStatus.CHECKING:
        return {"status": batch.status}  # checked already: the task ran twice
    writer = BatchProgressWriter(batch_id)
    progress = PublishedProgress(steps=CHECK_STEPS, total=batch.progress_total, publish=writer)
    try:
        outcome = import_workbook(
            path=batch.stored_path, file_name=batch.file_name, user=batch.user, commit=False, progress=progress
        )
    except Exception:
        _fail(batch_id, ImportStatus.CHECKING)
        raise
    finally:
        writer.close()
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != ImportStatus.CHECKING:
            return {"status": batch.status}
        for name, value in outcome_fields(outcome).items():
            setattr(batch, name, value)
        batch.progress_total = progress.total or 0
        batch.progress_done = batch.progress_total
        stored = batch.stored_path
        if batch.status == ImportStatus.REFUSED:
            batch.stored_path = ""
        batch.save()
    if batch.status == ImportStatus.REFUSED:
        Path(stored).unlink(missing_ok=True)
    return {"status": batch.status, "rows": batch.progress_total}


@task()
def run_import_apply(batch_id: int) -> dict[str, Any]:
    """Import a confirmed batch in one transaction: every row, or nothing."""
    writer = BatchProgressWriter(batch_id)
    stored = ""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [BATCH_LOCK_NAMESPACE, batch_id])
            # Read after the lock is held: a second run sees what the first one committed.
            batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
            if batch.status != ImportStatus.APPLYING or not batch.stored_path:
                return {"status": batch.status}  # applied already: the task ran twice
            stored = batch.stored_path
            if file_sha256(stored) != batch.sha256:
                outcome = None
            else:
                progress = PublishedProgress(steps=APPLY_STEPS, total=batch.progress_total, publish=writer)
                outcome = import_workbook(
                    path=stored, file_name=batch.file_name, user=batch.user, commit=True, progress=progress
                )
            writer.close()  # the batch row is written below, in this transaction: no progress after it
            locked = ImportBatch.objects.select_for_update().get(pk=batch_id)
            if locked.status != ImportStatus.APPLYING:
                transaction.set_rollback(True)  # someone else finished it meanwhile: keep nothing of this run
                return {"status": locked.status}
            _record_applied(locked, outcome)
    except Exception:
        _fail(batch_id, ImportStatus.APPLYING)
        raise
    finally:
        writer.close()
    Path(stored).unlink(missing_ok=True)
    return {"status": locked.status, "rows": locked.progress_done}


def _record_applied(batch: ImportBatch, outcome: ImportOutcome | None) -> None:
    if outcome is None:
        summary = {**batch.summary, "failure": FILE_CHANGED}
        batch.status, batch.summary = ImportStatus.REFUSED, summary
    else:
        fields = outcome_fields(outcome)
        summary = fields["summary"]
        if outcome.saved:
            summary["result"] = (
                f"Đã nhập {outcome.count('new')} dòng mới và {outcome.count('changed')} dòng sửa "
                f"từ tệp {batch.file_name}."
            )
        else:
            summary["failure"] = CHANGED_SINCE_PREVIEW
            fields["status"] = ImportStatus.REFUSED
        for name, value in fields.items():
            setattr(batch, name, value)
    batch.progress_done = batch.progress_total or 0
    batch.stored_path = ""
    batch.save()


def _fail(batch_id: int, status: str) -> None:
    """An error in the worker: the transaction is rolled back; the batch says so, in Vietnamese."""
    logger.exception("Background import of batch %s failed", batch_id)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().filter(pk=batch_id, status=status).first()
        if batch is None:
            return
        stored = batch.stored_path
        summary = dict(batch.summary or {})
        summary["failure"] = FAILED
        batch.status, batch.summary, batch.stored_path = ImportStatus.REFUSED, summary, ""
        batch.save(update_fields=["status", "summary", "stored_path"])
    if stored:
        Path(stored).unlink(missing_ok=True)
