"""Reads of notifications: a user reaches only their own (another user's answers 404)."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications.models import EmailPreference, Notification, NotificationKind


def user_notifications(user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first (the model's ordering)."""
    return Notification.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    """One COUNT on the (recipient, read_at) index: what the bell in the menu shows."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_notification_for(user: User, pk: int | str) -> Notification:
    try:
        return user_notifications(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy.")) from None


def email_choices(user: User) -> dict[str, bool]:
    """E-mail or not for every kind; a kind without a stored choice is e-mailed (the default)."""
    stored = dict(EmailPreference.objects.filter(user=user).values_list("kind", "by_email"))
    return {kind: stored.get(kind, True) for kind in NotificationKind.values}
