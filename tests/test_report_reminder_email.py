"""A late sender's reminder arrives by e-mail at a real SMTP server (aiosmtpd on loopback) and in the application.

The demo's six-month round 2026: Bắc Ninh's report was returned and is still owed, Hà Nội's was accepted.
"""

import datetime as dt

from notifications.models import Notification, NotificationKind
from reporting.models import Round
from reporting.tasks import remind_senders
from tests.test_notification_email import SITE, _body, inbox  # noqa: F401  the SMTP server fixture


def test_a_late_sender_is_reminded_by_mail_once_and_the_accepted_one_is_not(
    inbox,  # noqa: F811
    personas,
    django_capture_on_commit_callbacks,
):
    round = Round.objects.get(period_kind__code="so-6-thang-bo", year=2026)
    personas.bacninh.email = "bacninh@soct.bacninh.gov.vn"
    personas.bacninh.save(update_fields=["email"])
    personas.staff.email = "canbo@soct.hanoi.gov.vn"
    personas.staff.save(update_fields=["email"])
    the_day_after = round.deadline + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        counts = remind_senders(today=the_day_after)
    with django_capture_on_commit_callbacks(execute=True):
        remind_senders(today=the_day_after)  # the same day again: nobody is told twice

    assert counts["late"] >= 1
    [message] = inbox.to("bacninh@soct.bacninh.gov.vn")
    assert "đã quá hạn" in message["Subject"]
    assert f"{round.deadline:%d/%m/%Y}" in message["Subject"]
    body = _body(message)
    assert "Sở Công Thương" in body
    assert f"Xem chi tiết: {SITE}/" in body
    assert inbox.to("canbo@soct.hanoi.gov.vn") == []  # Hà Nội's report was accepted
    assert (
        Notification.objects.filter(
            recipient=personas.bacninh, kind=NotificationKind.REPORT_LATE, read_at__isnull=True
        ).count()
        == 1
    )
