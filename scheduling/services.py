"""Writes of the scheduler: a periodic task's settings, and starting the dispatcher chain."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import TaskResultStatus, default_task_backend
from django.tasks.base import Task
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.models import User
from scheduling.models import PeriodicTask, SchedulerState
from scheduling.schedule import next_run


def periodic_task_validate(task: PeriodicTask) -> None:
    """The one check of a periodic task, for the admin and any other way in."""
    errors: dict[str, str] = {}
    try:
        found = import_string(task.task_path)
    except ImportError:
        found = None
    if not isinstance(found, Task):
        errors["task_path"] = _("Không tìm thấy tác vụ «%(path)s» (cần một hàm khai báo bằng @task).") % {
            "path": task.task_path
        }
    if (task.time_of_day is None) == (task.interval_minutes is None):
        errors["time_of_day"] = _("Chọn đúng một cách chạy: một giờ trong ngày, hoặc cứ sau một số phút.")
    if not isinstance(task.parameters, dict):
        errors["parameters"] = _('Tham số phải là một đối tượng JSON, ví dụ {"days": 7}.')
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def periodic_task_save(*, task: PeriodicTask, user: User | None) -> PeriodicTask:
    """Validate and save; the next run is computed again from the new schedule, and the dispatcher woken."""
    periodic_task_validate(task)
    task.next_run_at = None  # a changed time or interval counts from now
    task.next_run_at = next_run(task, after=timezone.now()) if task.enabled else None
    task.updated_by = user
    task.save()
    transaction.on_commit(lambda: scheduler_start(restart=True))
    return task


def _still_pending(result_id: str) -> bool:
    if not result_id:
        return False
    try:
        result = default_task_backend.get_result(result_id)
    except (TaskResultDoesNotExist, NotImplementedError, ValueError, ValidationError):
        return False
    return result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


@transaction.atomic
def scheduler_start(*, restart: bool = False) -> bool:
    """Enqueue the dispatcher unless one is pending already; returns whether one was enqueued.

    Idempotent: run at every deployment and by `make run`. With `restart` (a task's schedule
    changed) a new dispatcher runs now and the pending one, holding an older token, stops when
    it wakes. Either way at most one dispatcher goes on re-enqueuing itself.
    """
    from scheduling.tasks import dispatch_periodic_tasks

    state, _created = SchedulerState.objects.select_for_update().get_or_create(pk=1)
    now = timezone.now()
    for task in PeriodicTask.objects.select_for_update().filter(enabled=True, next_run_at__isnull=True):
        task.next_run_at = next_run(task, after=now)
        task.save(update_fields=["next_run_at"])
    if not restart and _still_pending(state.pending_result_id):
        return False
    state.token = uuid.uuid4()
    result = dispatch_periodic_tasks.enqueue(str(state.token))
    state.pending_result_id, state.wakes_at = str(result.id), now
    state.save()
    return True
