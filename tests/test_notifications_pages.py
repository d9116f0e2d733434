"""The bell, the list of one's notifications, marking them read, and the e-mail choices."""

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import EmailPreference, Notification, NotificationKind
from notifications.selectors import email_choices
from projects.models import Project


def _notify(user, subject: str, url: str = "", kind=NotificationKind.PROJECT_WAITING) -> Notification:
    return Notification.objects.create(recipient=user, kind=kind, subject=subject, url=url)


@pytest.fixture
def staff_client(personas) -> Client:
    client = Client()
    client.force_login(personas.staff)
    return client


def test_the_bell_shows_the_unread_count(personas, staff_client):
    Notification.objects.filter(recipient=personas.staff).delete()
    page = staff_client.get(reverse("programs:list")).content.decode()
    assert 'id="nav-notifications"' in page
    assert "chưa đọc" not in page  # no badge without unread notifications
    _notify(personas.staff, "Một")
    _notify(personas.staff, "Hai")
    read = _notify(personas.staff, "Ba")
    read.read_at = read.created_at
    read.save()
    _notify(personas.leader, "Của người khác")
    page = staff_client.get(reverse("programs:list")).content.decode()
    assert '<span class="badge text-bg-warning">2<span class="visually-hidden"> chưa đọc</span>' in page


def test_the_list_shows_only_ones_own_newest_first_with_unread_marked(personas, staff_client):
    Notification.objects.filter(recipient=personas.staff).delete()
    older = _notify(personas.staff, "Đề án cũ hơn")
    older.read_at = older.created_at
    older.save()
    _notify(personas.staff, "Đề án mới nhất")
    _notify(personas.leader, "Thông báo của lãnh đạo")
    page = staff_client.get(reverse("notifications:list")).content.decode()
    assert page.index("Đề án mới nhất") < page.index("Đề án cũ hơn")
    assert page.count("Chưa đọc</span>") == 1
    assert "Thông báo của lãnh đạo" not in page


def test_the_list_is_paginated(personas, staff_client):
    Notification.objects.filter(recipient=personas.staff).delete()
    for i in range(25):
        _notify(personas.staff, f"Thông báo số {i:02d}")
    first = staff_client.get(reverse("notifications:list")).content.decode()
    second = staff_client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "Thông báo số 24" in first
    assert "Thông báo số 04" not in first
    assert "Thông báo số 04" in second
    assert "Trang 2/2" in second


def test_following_a_notification_marks_it_read_and_opens_its_page(personas, staff_client):
    project = Project.objects.get(code="HN2020-CM-001")
    url = reverse("projects:detail", args=[project.pk])
    notification = _notify(personas.staff, "Đề án chờ thẩm định", url=url)
    response = staff_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == url
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_off_the_site_is_never_followed(personas, staff_client):
    notification = _notify(personas.staff, "Lạ", url="https://example.com/phishing")
    response = staff_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_marking_one_and_all_read(personas, staff_client):
    Notification.objects.filter(recipient=personas.staff).delete()
    one, two, three = (_notify(personas.staff, f"Số {i}") for i in range(3))
    others = _notify(personas.leader, "Của lãnh đạo")
    assert staff_client.post(reverse("notifications:read", args=[one.pk])).status_code == 302
    one.refresh_from_db()
    assert one.read_at is not None
    assert Notification.objects.filter(pk__in=[two.pk, three.pk], read_at__isnull=True).count() == 2
    staff_client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=personas.staff, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None  # another user's notifications are untouched


def test_it_checks_ownership(personas, staff_client):
    theirs = _notify(personas.leader, "Của lãnh đạo", url="/projects/")
    assert staff_client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert staff_client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_each_user_chooses_email_per_kind(personas, staff_client):
    EmailPreference.objects.filter(user=personas.staff).delete()
    page = staff_client.get(reverse("notifications:preferences")).content.decode()
    for kind in NotificationKind:
        assert str(kind.label) in page
    assert all(email_choices(personas.staff).values())  # e-mail for every kind by default
    chosen = {kind: "on" for kind in NotificationKind.values if kind != NotificationKind.REPORT_ACCEPTED}
    response = staff_client.post(reverse("notifications:preferences"), chosen)
    assert response.status_code == 302
    choices = email_choices(personas.staff)
    assert choices[NotificationKind.REPORT_ACCEPTED] is False
    assert choices[NotificationKind.PROJECT_WAITING] is True
    assert EmailPreference.objects.filter(user=personas.staff).count() == len(NotificationKind.values)
    assert email_choices(personas.leader)[NotificationKind.REPORT_ACCEPTED] is not False  # another user's untouched
    page = staff_client.get(reverse("notifications:preferences")).content.decode()
    assert f'name="{NotificationKind.REPORT_ACCEPTED.value}" id="id_{NotificationKind.REPORT_ACCEPTED.value}">' in page
