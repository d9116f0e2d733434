"""The one way in for telling users something: `notify()`.

Callers (the project life cycle, reporting rounds, reminders) say who, what kind, and
the words; this module stores the in-app notification and queues the e-mail.
"""

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.models import EmailPreference, Notification, NotificationKind


class NotificationNotYours(Exception):
    """A user acts only on their own notifications."""


class UnknownNotificationKind(ValueError):
    pass


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


def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    """Mark one of the user's own notifications read (the caller fetched it through the selector)."""
    if notification.recipient_id != user.pk:
        raise NotificationNotYours(_("Thông báo này không phải của bạn."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def email_preferences_save(*, user: User, choices: Mapping[str, bool]) -> None:
    """Store the user's e-mail choice for each kind named in `choices` (other kinds keep theirs)."""
    unknown = set(choices) - set(NotificationKind.values)
    if unknown:
        raise UnknownNotificationKind(
            _("Loại thông báo không hợp lệ: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))}
        )
    for kind, by_email in choices.items():
        EmailPreference.objects.update_or_create(user=user, kind=kind, defaults={"by_email": bool(by_email)})
