"""The dispatcher in a real worker process (`manage.py db_worker --batch`): a due task runs once,
the next dispatch is scheduled for its next due time, and a second worker run does nothing early."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.models import Notification
from scheduling.models import PeriodicTask, SchedulerState
from scheduling.services import scheduler_start
from tests.conftest import _ensure_demo
from tests.service_support import database_url
from tests.test_export_jobs import ROOT

DISPATCHER = "scheduling.tasks.dispatch_periodic_tasks"
REMINDER = "projects.tasks.remind_waiting_projects"


def _run_worker() -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url()},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Rows committed for the worker process to see; what the test added is removed afterwards."""
    with django_db_blocker.unblock():
        _ensure_demo()
        results = set(DBTaskResult.objects.values_list("pk", flat=True))
        notifications = set(Notification.objects.values_list("pk", flat=True))
        tasks = {task.pk: task for task in PeriodicTask.objects.all()}
        yield
        DBTaskResult.objects.exclude(pk__in=results).delete()
        Notification.objects.exclude(pk__in=notifications).delete()
        SchedulerState.objects.all().delete()
        for task in tasks.values():
            task.save()


def test_the_worker_runs_a_due_task_once_and_schedules_the_next(committed):
    reminder = PeriodicTask.objects.get(task_path=REMINDER)
    PeriodicTask.objects.exclude(pk=reminder.pk).update(enabled=False)
    due = timezone.now() - dt.timedelta(minutes=1)
    PeriodicTask.objects.filter(pk=reminder.pk).update(next_run_at=due, enabled=True)
    assert scheduler_start(restart=True)  # autocommit: queued at once

    worker = _run_worker()
    assert worker.returncode == 0, worker.stderr

    reminder.refresh_from_db()
    assert reminder.last_run_at is not None
    assert reminder.last_error == ""
    ran = DBTaskResult.objects.get(pk=reminder.last_result_id)
    assert ran.task_path == REMINDER
    assert ran.status == "SUCCESSFUL", ran.traceback
    assert ran.return_value["notified"] > 0  # the demo's 2027 proposals have waited since 2026
    assert Notification.objects.filter(subject__startswith="Nhắc việc: đề án").exists()
    # Next: tomorrow (or today) at 07:30 in Hà Nội, and one dispatcher waiting for that time.
    local_next = timezone.localtime(reminder.next_run_at)
    assert reminder.next_run_at > timezone.now()
    assert (local_next.hour, local_next.minute) == (7, 30)
    state = SchedulerState.objects.get(pk=1)
    pending = DBTaskResult.objects.filter(task_path=DISPATCHER, status="READY")
    assert list(pending.values_list("pk", flat=True)) == [dt_uuid(state.pending_result_id)]
    assert pending.get().run_after == state.wakes_at
    assert timezone.now() < state.wakes_at <= min(reminder.next_run_at, timezone.now() + dt.timedelta(hours=1))

    # A second worker run finds nothing due: the reminder is not run again.
    runs = DBTaskResult.objects.filter(task_path=REMINDER).count()
    assert _run_worker().returncode == 0
    assert DBTaskResult.objects.filter(task_path=REMINDER).count() == runs == 1


def dt_uuid(value: str):
    import uuid

    return uuid.UUID(value)


def test_every_registered_task_names_a_django_task(db):
    # (Also makes pytest-django set the test database up when this module runs alone.)
    from django.tasks.base import Task
    from django.utils.module_loading import import_string

    for path in PeriodicTask.objects.values_list("task_path", flat=True):
        assert isinstance(import_string(path), Task), path
