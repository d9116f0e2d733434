"""Background work about projects, run by the worker (registered as periodic tasks in scheduling)."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from projects.models import Project
from projects.notifying import DECISIONS, WAITING_STATUSES, deciders, pending_decision, project_link


def remind_waiting(*, days: int, now: dt.datetime | None = None) -> int:
    """Remind the users a project has waited for more than `days` days; returns how many were told.

    One reminder per project and day at most: the dedup key holds the day, so a task run twice
    (a restart, a second worker) tells nobody twice.
    """
    from notifications.models import NotificationKind
    from notifications.services import notify

    now = now or timezone.now()
    today = timezone.localdate(now)
    told = 0
    waiting = Project.objects.filter(status__in=WAITING_STATUSES, status_changed_at__lt=now - dt.timedelta(days=days))
    for project in waiting.select_related("programme", "content__law_type").order_by("status_changed_at"):
        decision = pending_decision(project)
        if decision is None:
            continue
        waited = (today - timezone.localdate(project.status_changed_at)).days  # calendar days, as people count
        told += len(
            notify(
                recipients=deciders(project, decision),
                kind=NotificationKind.PROJECT_WAITING,
                subject=f"Nhắc việc: đề án {project.code} chờ {DECISIONS[decision]} đã {waited} ngày",
                body=(
                    f"Đề án «{project.title}» ({project.code}) ở trạng thái «{project.get_status_display()}» "
                    f"từ ngày {timezone.localtime(project.status_changed_at):%d/%m/%Y} và đang chờ bạn "
                    f"{DECISIONS[decision]}."
                ),
                url=project_link(project),
                dedup_key=f"project-waiting-reminder:{project.pk}:{today:%Y-%m-%d}",
            )
        )
    return told


@task()
def remind_waiting_projects(days: int = 7) -> dict[str, int]:
    """The periodic reminder: projects waiting for a decision for more than `days` days (a parameter, as data)."""
    return {"notified": remind_waiting(days=days)}
