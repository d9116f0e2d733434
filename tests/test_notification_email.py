"""Notification e-mail through Django's SMTP backend to a real SMTP server (aiosmtpd) on loopback.

The server runs in this process on a free port; each message is read back as it arrived
and parsed as a mail client would.
"""

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from django.db import transaction

from notifications.mail import send_notification_emails
from notifications.models import EmailPreference, Notification, NotificationKind
from notifications.services import notify
from projects.models import Project, ProjectStatus
from projects.services import project_transition

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd (requirements-dev.txt)")

SITE = "https://khuyencong.example.gov.vn"


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for recipients, message in self.messages if address in recipients]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _smtp(port: int) -> dict:
    """The production mailer (Django's SMTP backend), pointed at a server on loopback."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = _smtp(controller.port)
    settings.SITE_URL = SITE
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def addressed(personas):
    for persona, address in ((personas.staff, "canbo@soct.hanoi.gov.vn"), (personas.leader, "lanhdao@ttkc.gov.vn")):
        persona.email = address
        persona.save(update_fields=["email"])
    EmailPreference.objects.all().delete()
    Notification.objects.all().delete()
    project = Project.objects.get(code="HN2020-CM-002")
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    project.refresh_from_db()
    return project


def _body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def test_a_proposal_mails_each_appraiser_once_in_vietnamese_with_an_absolute_link(
    inbox, addressed, personas, django_capture_on_commit_callbacks
):
    project = addressed
    with django_capture_on_commit_callbacks(execute=True):
        project_transition(project=project, action="propose", user=personas.officer_a)
        assert inbox.messages == []  # nothing leaves before the commit

    assert sorted(address for recipients, _ in inbox.messages for address in recipients) == [
        "canbo@soct.hanoi.gov.vn",
        "lanhdao@ttkc.gov.vn",
    ]
    message = inbox.to("canbo@soct.hanoi.gov.vn")[0]
    assert message["Subject"] == "[Khuyến công] Đề án HN2020-CM-002 chờ thẩm định"
    body = _body(message)
    assert f"Đề án «{project.title}» (HN2020-CM-002)" in body
    assert "đang chờ bạn thẩm định" in body
    assert f"Xem chi tiết: {SITE}/projects/{project.pk}/" in body
    assert f"{SITE}/notifications/preferences/" in body

    # Sent once: sending the same notifications again sends nothing.
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert not Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).exists()
    assert send_notification_emails(ids) == 0
    assert len(inbox.messages) == 2


def test_a_user_who_opted_out_gets_no_mail_but_still_the_notification(
    inbox, addressed, personas, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=personas.leader, kind=NotificationKind.PROJECT_WAITING, by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        project_transition(project=addressed, action="propose", user=personas.officer_a)
    assert inbox.to("lanhdao@ttkc.gov.vn") == []
    assert len(inbox.to("canbo@soct.hanoi.gov.vn")) == 1
    leaders = Notification.objects.get(recipient=personas.leader)
    assert leaders.emailed_at is None
    assert leaders.read_at is None

    # The choice is per kind: a returned project still reaches the leader by mail.
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[personas.leader], kind=NotificationKind.PROJECT_RETURNED, subject="Đề án cần bổ sung")
    assert [m["Subject"] for m in inbox.to("lanhdao@ttkc.gov.vn")] == ["[Khuyến công] Đề án cần bổ sung"]


def _propose_then_fail(project: Project, user) -> None:
    with transaction.atomic():
        project_transition(project=project, action="propose", user=user)
        raise RuntimeError("the surrounding work failed")


def test_a_rolled_back_step_sends_no_mail(inbox, addressed, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        _propose_then_fail(addressed, personas.officer_a)
    assert callbacks == []
    assert inbox.messages == []
    assert not Notification.objects.exists()


def test_a_mail_server_that_refuses_leaves_the_mail_unsent_without_an_error(settings, addressed, personas):
    settings.MAILERS = _smtp(_free_port())  # nobody listens there
    notification = notify(recipients=[personas.staff], kind=NotificationKind.PROJECT_WAITING, subject="Thử")[0]
    assert send_notification_emails([notification.pk]) == 0
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_the_retry_task_sends_what_a_failing_server_left_unsent_once(settings, inbox, addressed, personas):
    from notifications.tasks import send_unsent_emails

    working = settings.MAILERS
    settings.MAILERS = _smtp(_free_port())  # the mail server is down when the step commits
    [notification] = notify(recipients=[personas.staff], kind=NotificationKind.PROJECT_WAITING, subject="Chờ thẩm định")
    assert send_notification_emails([notification.pk]) == 0
    settings.MAILERS = working  # back up: the periodic retry sends it, once
    assert send_unsent_emails.call(hours=24) == {"sent": 1}
    assert send_unsent_emails.call(hours=24) == {"sent": 0}
    assert [m["Subject"] for m in inbox.to("canbo@soct.hanoi.gov.vn")] == ["[Khuyến công] Chờ thẩm định"]
