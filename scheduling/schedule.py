"""When a periodic task is due next: pure date arithmetic in the site's time zone."""

import datetime as dt

from django.utils import timezone

from scheduling.models import PeriodicTask


def next_run(task: PeriodicTask, *, after: dt.datetime) -> dt.datetime:
    """The first due time strictly after `after`.

    A task every N minutes keeps its rhythm from its previous due time, skipping the runs
    missed while no worker ran (it runs once, not once per missed slot); a daily task runs
    at its local time of day (Asia/Ho_Chi_Minh).
    """
    if task.interval_minutes:
        step = dt.timedelta(minutes=task.interval_minutes)
        start = task.next_run_at or after
        if start > after:
            return start
        missed = (after - start) // step + 1
        return start + missed * step
    if task.time_of_day is None:
        raise ValueError(f"{task.name}: neither a time of day nor an interval")
    local = timezone.localtime(after)
    candidate = local.replace(
        hour=task.time_of_day.hour, minute=task.time_of_day.minute, second=task.time_of_day.second, microsecond=0
    )
    if candidate <= local:
        candidate = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), task.time_of_day), local.tzinfo
        )
    return candidate
