"""The client's address, as the application should believe it."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address our own reverse proxy saw when the request came through it.

    Only the last X-Forwarded-For entry is believed, because it is the one nginx
    appended; earlier entries are whatever the client chose to send.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.TRUSTED_PROXIES:
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return remote
