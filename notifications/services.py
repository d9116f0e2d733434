"""The one way in for telling users something: `notify()`.

Callers (the project life cycle, reporting rounds, reminders) say who, what kind, and
the words; this module stores the in-app notification and queues the e-mail.
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from accounts.models import User
from notifications.models import Notification, NotificationKind


def notify(
    *,
    recipients: Iterable[User],
    kind: NotificationKind,
    subject: str,
    body: str = "",
    url: str = "",
    dedup_key: str = "",
) -> list[Notification]:
    """Store one notification per active recipient; a repeated `dedup_key` for a recipient is skipped.

    E-mail goes out after the transaction commits, so a rolled-back change never mails anyone.
    """
    created: list[Notification] = []
    for user in {user.pk: user for user in recipients if user.is_active}.values():
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        recipient=user, kind=kind, subject=subject[:300], body=body, url=url, dedup_key=dedup_key
                    )
                )
        except IntegrityError:
            continue  # already told (same dedup_key)
    if created:
        ids = [notification.pk for notification in created]
        transaction.on_commit(lambda: _queue_emails(ids))
    return created


def _queue_emails(ids: list[int]) -> None:
    # Imported here: the mail module reads settings and templates, which callers of notify() need not load.
    from notifications.mail import send_notification_emails

    send_notification_emails(ids)
