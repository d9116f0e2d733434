"""Periodic tasks as data: when each is due, one dispatcher at most, the reminder of waiting projects."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from notifications.models import Notification
from projects.models import Project, ProjectStatus
from projects.tasks import remind_waiting
from scheduling.models import PeriodicTask, SchedulerState
from scheduling.schedule import next_run
from scheduling.services import periodic_task_save, periodic_task_validate, scheduler_start

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DISPATCHER = "scheduling.tasks.dispatch_periodic_tasks"


def test_a_daily_task_is_due_at_its_local_time_today_or_tomorrow():
    task = PeriodicTask(time_of_day=dt.time(7, 30))
    assert next_run(task, after=dt.datetime(2026, 12, 8, 6, 0, tzinfo=HANOI)) == dt.datetime(
        2026, 12, 8, 7, 30, tzinfo=HANOI
    )
    assert next_run(task, after=dt.datetime(2026, 12, 8, 7, 30, tzinfo=HANOI)) == dt.datetime(
        2026, 12, 9, 7, 30, tzinfo=HANOI
    )
    # 23:00 UTC is 06:00 the next morning in Hà Nội.
    assert next_run(task, after=dt.datetime(2026, 12, 7, 23, 0, tzinfo=dt.UTC)) == dt.datetime(
        2026, 12, 8, 7, 30, tzinfo=HANOI
    )


def test_an_interval_task_keeps_its_rhythm_and_runs_once_for_missed_slots():
    due = dt.datetime(2026, 12, 8, 8, 0, tzinfo=HANOI)
    task = PeriodicTask(interval_minutes=60, next_run_at=due)
    assert next_run(task, after=due) == due + dt.timedelta(hours=1)
    # The worker was down five and a half hours: the next run is the next slot, not five catch-ups.
    assert next_run(task, after=due + dt.timedelta(hours=5, minutes=30)) == due + dt.timedelta(hours=6)


def test_a_task_must_name_a_real_task_and_one_schedule(db):
    with pytest.raises(ValidationError) as refused:
        periodic_task_validate(PeriodicTask(name="x", task_path="projects.tasks.khong_co", time_of_day=dt.time(7)))
    assert "Không tìm thấy tác vụ «projects.tasks.khong_co»" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        periodic_task_validate(
            PeriodicTask(
                name="x", task_path="projects.tasks.remind_waiting_projects", time_of_day=dt.time(7), interval_minutes=5
            )
        )
    assert "Chọn đúng một cách chạy" in str(refused.value)


def test_the_reminder_is_registered_as_data(db):
    task = PeriodicTask.objects.get(task_path="projects.tasks.remind_waiting_projects")
    assert task.enabled
    assert task.parameters == {"days": 7}
    assert task.time_of_day == dt.time(7, 30)


def test_starting_the_scheduler_twice_leaves_one_pending_dispatcher(db, capsys):
    SchedulerState.objects.all().delete()
    call_command("schedule_periodic_tasks")
    call_command("schedule_periodic_tasks")
    out = capsys.readouterr().out
    assert "Đã đưa bộ điều phối vào hàng đợi" in out
    assert "Bộ điều phối đã có trong hàng đợi" in out
    assert DBTaskResult.objects.filter(task_path=DISPATCHER, status="READY").count() == 1
    assert scheduler_start() is False
    # Every enabled task without a due time got one.
    assert not PeriodicTask.objects.filter(enabled=True, next_run_at__isnull=True).exists()


def test_changing_a_task_in_the_admin_reschedules_it(db, personas, django_capture_on_commit_callbacks):
    task = PeriodicTask.objects.get(task_path="projects.tasks.remind_waiting_projects")
    task.time_of_day, task.parameters = dt.time(6, 0), {"days": 3}
    with django_capture_on_commit_callbacks(execute=True):
        periodic_task_save(task=task, user=personas.admin)
    task.refresh_from_db()
    assert task.updated_by == personas.admin
    assert task.next_run_at is not None
    assert task.next_run_at.astimezone(HANOI).time() == dt.time(6, 0)
    state = SchedulerState.objects.get(pk=1)
    assert DBTaskResult.objects.filter(pk=state.pending_result_id, task_path=DISPATCHER).exists()


def test_the_reminder_tells_who_a_project_has_waited_for_once_a_day(personas):
    Notification.objects.all().delete()
    project = Project.objects.get(code="HN2020-CM-002")
    long_ago = dt.datetime(2026, 11, 1, 9, 0, tzinfo=HANOI)
    Project.objects.filter(status__in=["proposed", "appraised_department", "appraised_ministry"]).update(
        status=ProjectStatus.APPROVED
    )
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.PROPOSED, status_changed_at=long_ago)
    now = dt.datetime(2026, 12, 8, 7, 30, tzinfo=HANOI)
    assert remind_waiting(days=7, now=now) == 2
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"canbo", "lanhdao"}
    reminder = Notification.objects.get(recipient=personas.staff)
    assert reminder.subject == "Nhắc việc: đề án HN2020-CM-002 chờ thẩm định đã 37 ngày"
    assert "từ ngày 01/11/2026" in reminder.body
    assert remind_waiting(days=7, now=now + dt.timedelta(hours=2)) == 0  # the same day: once
    assert remind_waiting(days=40, now=now + dt.timedelta(days=1)) == 0  # N is a parameter
    assert remind_waiting(days=7, now=now + dt.timedelta(days=1)) == 2


def test_the_administrator_registers_a_task_as_one_row_in_the_admin(client, personas):
    client.force_login(personas.admin)
    url = "/admin/scheduling/periodictask/add/"
    row = {
        "name": "Nhắc đề án chờ quá 3 ngày",
        "task_path": "projects.tasks.khong_co",
        "parameters": '{"days": 3}',
        "interval_minutes": "720",
        "enabled": "on",
    }
    refused = client.post(url, row)
    assert refused.status_code == 200
    assert "Không tìm thấy tác vụ «projects.tasks.khong_co»" in refused.content.decode()
    response = client.post(url, {**row, "task_path": "projects.tasks.remind_waiting_projects"})
    assert response.status_code == 302
    task = PeriodicTask.objects.get(name="Nhắc đề án chờ quá 3 ngày")
    assert task.parameters == {"days": 3}
    assert task.updated_by == personas.admin
    assert task.next_run_at is not None
