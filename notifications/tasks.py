"""Background work of notifications, run by the worker (registered as a periodic task in scheduling)."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from notifications.mail import send_notification_emails
from notifications.models import Notification


@task()
def send_unsent_emails(hours: int = 24) -> dict[str, int]:
    """Send again the e-mails a failing mail server left unsent in the last `hours` hours."""
    since = timezone.now() - dt.timedelta(hours=hours)
    ids = list(
        Notification.objects.filter(emailed_at__isnull=True, created_at__gte=since)
        .exclude(recipient__email="")
        .values_list("pk", flat=True)
    )
    return {"sent": send_notification_emails(ids) if ids else 0}
