"""The dispatcher: runs on the ordinary worker, enqueues the due periodic tasks, and re-enqueues itself."""

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.tasks import task
from django.tasks.base import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from scheduling.models import PeriodicTask, SchedulerState
from scheduling.schedule import next_run

logger = logging.getLogger(__name__)

# The dispatcher wakes at least this often, so a task added by other means than the admin
# (a data migration, the shell) is picked up within the hour.
MAX_SLEEP = dt.timedelta(hours=1)


@task()
def dispatch_periodic_tasks(token: str) -> dict[str, Any]:
    """Enqueue every enabled task that is due, then schedule the next dispatch at the next due time.

    The state row is locked for the whole run, so two dispatchers never dispatch the same
    slot; one whose token is not the state's (replaced by a restart) does nothing.
    """
    with transaction.atomic():
        state = SchedulerState.objects.select_for_update().filter(pk=1).first()
        if state is None or str(state.token) != token:
            return {"superseded": True}
        now = timezone.now()
        dispatched = []
        for periodic in PeriodicTask.objects.select_for_update().filter(enabled=True, next_run_at__lte=now):
            try:
                target = import_string(periodic.task_path)
                if not isinstance(target, Task):
                    raise TypeError(f"{periodic.task_path} không phải là một tác vụ (@task)")
                result = target.enqueue(**periodic.parameters)
            except Exception as error:  # one broken row must not stop the others nor the chain
                logger.exception("periodic task %s not enqueued", periodic.name)
                periodic.last_error = f"{type(error).__name__}: {error}"
                periodic.last_result_id = ""
            else:
                periodic.last_error = ""
                periodic.last_result_id = str(result.id)
                dispatched.append(periodic.name)
            periodic.last_run_at = now
            periodic.next_run_at = next_run(periodic, after=now)
            periodic.save(update_fields=["last_run_at", "last_error", "last_result_id", "next_run_at"])
        upcoming = (
            PeriodicTask.objects.filter(enabled=True, next_run_at__isnull=False)
            .order_by("next_run_at")
            .values_list("next_run_at", flat=True)
            .first()
        )
        wakes_at = min(upcoming, now + MAX_SLEEP) if upcoming else now + MAX_SLEEP
        following = dispatch_periodic_tasks.using(run_after=wakes_at).enqueue(token)
        state.pending_result_id, state.wakes_at = str(following.id), wakes_at
        state.save(update_fields=["pending_result_id", "wakes_at"])
    return {"dispatched": dispatched, "next": wakes_at.isoformat()}
