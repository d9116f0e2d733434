"""E-mail for notifications, through Django's configured backend (SMTP in production)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.urls import reverse
from django.utils import timezone

from notifications.models import EmailPreference, Notification

logger = logging.getLogger(__name__)


def wants_email(notification: Notification) -> bool:
    choice = EmailPreference.objects.filter(user=notification.recipient, kind=notification.kind).first()
    return choice.by_email if choice else True


def absolute_url(path: str) -> str:
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{site}{path}" if path else site


def email_text(notification: Notification) -> str:
    parts = [
        notification.body,
        f"Xem chi tiết: {absolute_url(notification.url)}",
        f"Chọn loại thông báo nhận qua thư: {absolute_url(reverse('notifications:preferences'))}",
    ]
    return "\n\n".join(part for part in parts if part)


def send_notification_emails(ids: list[int]) -> int:
    """Send each notification's e-mail once; returns how many were sent.

    Each row is claimed (`emailed_at` set where it was empty) before its message goes, so the
    sender after commit and the retry task never both send it. A mail server that fails gives
    the claim back and is logged: the change that caused the notification is committed already
    and must not turn into an error page; `notifications.tasks.send_unsent_emails` tries again.
    """
    sent = 0
    try:
        # MAILERS["default"] (khuyencong/settings.py): SMTP in production.
        with mailers.default as connection:
            for notification in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related(
                "recipient"
            ):
                if not notification.recipient.email or not wants_email(notification):
                    continue
                claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True)
                if not claimed.update(emailed_at=timezone.now()):
                    continue  # sent meanwhile by another process
                message = EmailMessage(
                    subject=f"[Khuyến công] {notification.subject}",
                    body=email_text(notification),
                    to=[notification.recipient.email],
                )
                try:
                    connection.send_messages([message])
                except OSError:
                    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
                    raise
                sent += 1
    except OSError:  # smtplib's errors are OSErrors, as are refused connections and timeouts
        logger.exception("notification e-mail not sent (ids %s)", ids)
    return sent
