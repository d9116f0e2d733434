"""Authentication backends placed before the real ones: they refuse, they never admit."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import PermissionDenied


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes for every login that comes over the network.

    A login without a request comes from code (a management command, the test
    client's `login()`), not from someone guessing passwords, so it is not throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def demo_usernames() -> frozenset[str]:
    from seeding.logins import DEMO_USERNAMES

    return DEMO_USERNAMES


class DemoLoginRefusalBackend:
    """In production the demo accounts (canbo, lanhdao, ... with a published password) never log in.

    It has no get_user(), so sessions are never bound to it.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.DEMO_ENABLED and username in demo_usernames():
            # PermissionDenied stops authenticate() at once and sends user_login_failed.
            raise PermissionDenied("Tài khoản trình diễn không dùng được trong môi trường vận hành.")
        return None


# Django's usernames are at most 150 characters; django-axes stores what was typed in a
# varchar(255), so a longer one would fail the insert and answer a server error.
USERNAME_MAX_LENGTH = 150


def throttled_username(request, credentials: dict | None = None) -> str | None:
    """The username django-axes counts failures against: as typed, cut to a length a user can have."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")  # set by axes.conf
    username = credentials.get(field) if credentials else getattr(request, "POST", {}).get(field)
    if username is None:
        return None
    return str(username).replace("\x00", "")[:USERNAME_MAX_LENGTH]
