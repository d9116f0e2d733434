"""Reminders of reports due and late, read from the period rules each day (a changed rule changes them).

`remind_senders(today)` does the work; `send_report_reminders` is the background task the
periodic scheduler runs, and `manage.py send_report_reminders` runs it at once.
"""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from notifications.models import NotificationKind
from notifications.services import notify
from reporting.models import OWING, Sender
from reporting.selectors import receives, sender_staff


def _remind(sender: Sender, kind: NotificationKind, today: dt.date, key: str) -> int:
    round = sender.round
    deadline = round.deadline
    if kind == NotificationKind.REPORT_LATE:
        subject = f"{round.period_kind.name} — {round.label}: đã quá hạn {deadline:%d/%m/%Y}"
    else:
        subject = f"{round.period_kind.name} — {round.label}: đến hạn ngày {deadline:%d/%m/%Y}"
    body = (
        f"Đơn vị: {sender.organisation.name}. Tình trạng: {sender.get_status_display()}.\n"
        f"Căn cứ: {round.period_kind.legal_basis}"
    )
    created = notify(
        recipients=sender_staff(sender),
        kind=kind,
        subject=subject,
        body=body,
        url=reverse("reporting:sender_detail", args=[sender.pk]),
        dedup_key=f"{key}:{sender.pk}:{today.isoformat()}",
    )
    return len(created)


def _owing() -> list[Sender]:
    return list(
        Sender.objects.filter(status__in=OWING, round__period_kind__is_active=True).select_related(
            "round__period_kind", "organisation"
        )
    )


def remind_senders(today: dt.date | None = None) -> dict[str, int]:
    """Tell each expected sender still owing a report: due within the kind's days (REPORT_DUE), or late (REPORT_LATE).

    Sent once per sender of a round and per day (the dedup key), whoever runs it how often.
    """
    today = today or timezone.localdate()
    counts = {"due": 0, "late": 0}
    for sender in _owing():
        days_left = (sender.round.deadline - today).days
        if days_left < 0:
            counts["late"] += _remind(sender, NotificationKind.REPORT_LATE, today, "reporting:late")
        elif days_left <= sender.round.period_kind.remind_days_before:
            counts["due"] += _remind(sender, NotificationKind.REPORT_DUE, today, "reporting:due")
    return counts


def remind_late_senders(*, user: User, today: dt.date | None = None) -> int:
    """The receiver's one action: remind every late sender of the rounds they receive, now."""
    today = today or timezone.localdate()
    told = 0
    for sender in _owing():
        if sender.is_late(today) and receives(user, sender.round):
            told += _remind(sender, NotificationKind.REPORT_LATE, today, f"reporting:late-by-{user.pk}")
    return told


@task()
def send_report_reminders() -> dict[str, int]:
    return remind_senders()
