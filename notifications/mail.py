"""E-mail for notifications, through Django's configured backend (SMTP in production)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from notifications.models import EmailPreference, Notification


def wants_email(notification: Notification) -> bool:
    choice = EmailPreference.objects.filter(user=notification.recipient, kind=notification.kind).first()
    return choice.by_email if choice else True


def send_notification_emails(ids: list[int]) -> int:
    """Send each notification's e-mail once (emailed_at set); returns how many were sent."""
    sent = 0
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    for notification in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient"):
        if not notification.recipient.email or not wants_email(notification):
            continue
        link = f"{site}{notification.url}" if notification.url else site
        text = "\n\n".join(part for part in (notification.body, f"Xem chi tiết: {link}") if part)
        EmailMessage(
            subject=f"[Khuyến công] {notification.subject}",
            body=text,
            to=[notification.recipient.email],
        ).send(using="default")
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
