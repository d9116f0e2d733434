"""One log line for every login, failed login and refused access: who, from where, when (UTC).

The lines go to the `khuyencong.security` logger; under systemd they land in the
journal (`journalctl -u khuyencong-web -g security`).
"""

import datetime as dt
import json
import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from ops.network import client_ip

logger = logging.getLogger("khuyencong.security")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def log_event(event: str, *, username: str, request: HttpRequest | None, **details: object) -> None:
    address = client_ip(request) if request is not None else ""
    path = request.path if request is not None else ""
    fields = {"user": username, "ip": address, "at": utc_now(), "path": path, **details}
    # json.dumps quotes and escapes every value, so a hostile username cannot forge a log line.
    text = " ".join(f"{key}={json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
    logger.info(
        "%s %s", event, text, extra={"security_event": event, **{f"security_{k}": v for k, v in fields.items()}}
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    log_event("login", username=user.get_username(), request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    log_event("logout", username=user.get_username() if user else "", request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    log_event("login_failed", username=str(credentials.get("username", "")), request=request)
