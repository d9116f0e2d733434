"""The demo opens with a few unread notifications: the projects waiting for canbo and lanhdao."""

from notifications.models import Notification, NotificationKind
from seeding.demo.loader import DemoLoader


def test_canbo_and_lanhdao_find_the_waiting_projects_under_the_bell(personas):
    for persona in (personas.staff, personas.leader):
        unread = Notification.objects.filter(
            recipient=persona, read_at__isnull=True, kind=NotificationKind.PROJECT_WAITING
        )
        assert unread.exists(), persona.username
        assert all(n.url.startswith("/projects/") for n in unread)
    # The 2027 proposal the commune officer sent is waiting for the Department's appraisal.
    assert Notification.objects.filter(
        recipient=personas.staff, subject="Đề án HN2027-PN-001 chờ thẩm định", read_at__isnull=True
    ).exists()
    assert (
        not Notification.objects.filter(recipient=personas.bacninh, url__startswith="/projects/")
        .exclude(subject__startswith="Đề án BN")
        .exists()
    )


def test_loading_the_notifications_again_changes_nothing(personas):
    Notification.objects.filter(recipient=personas.staff).update(read_at=None)
    first = Notification.objects.filter(recipient=personas.staff).order_by("pk").first()
    first.read_at = first.created_at
    first.save()
    before = sorted(Notification.objects.values_list("pk", "read_at"))
    DemoLoader().load_notifications()
    assert sorted(Notification.objects.values_list("pk", "read_at")) == before
