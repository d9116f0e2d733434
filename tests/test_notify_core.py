"""notify(): one in-app row per active recipient, sent once per dedup key, e-mailed after commit unless opted out."""

from django.core import mail

from notifications.models import EmailPreference, Notification, NotificationKind
from notifications.services import notify


def test_it_stores_and_mails_once_per_dedup_key(personas, django_capture_on_commit_callbacks):
    personas.staff.email = "canbo@example.vn"
    personas.staff.save(update_fields=["email"])
    for _ in range(2):
        # The mail leaves after commit: run the callbacks as a commit would.
        with django_capture_on_commit_callbacks(execute=True):
            notify(
                recipients=[personas.staff, personas.staff],
                kind=NotificationKind.REPORT_LATE,
                subject="Báo cáo 6 tháng năm 2026 đã quá hạn",
                body="Hạn nộp: 15/07/2026.",
                url="/bao-cao/",
                dedup_key="round-1:2026-07-16",
            )
    assert Notification.objects.filter(recipient=personas.staff, kind="report_late").count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Khuyến công] Báo cáo 6 tháng năm 2026 đã quá hạn"
    assert message.to == ["canbo@example.vn"]
    assert "Xem chi tiết: http://127.0.0.1:8000/bao-cao/" in message.body


def test_a_user_who_opted_out_is_told_in_the_application_only(personas, django_capture_on_commit_callbacks):
    personas.leader.email = "lanhdao@example.vn"
    personas.leader.save(update_fields=["email"])
    EmailPreference.objects.create(user=personas.leader, kind=NotificationKind.REPORT_DUE, by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[personas.leader], kind=NotificationKind.REPORT_DUE, subject="Sắp đến hạn")
    assert Notification.objects.filter(recipient=personas.leader, kind="report_due").exists()
    assert mail.outbox == []
