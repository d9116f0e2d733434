"""Writes of API tokens: create (the token is returned once, only its digest is stored) and revoke."""

import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from api.models import ApiToken
from khuyencong.problems import Problem, RecordInvalid

TOKEN_PREFIX = "kc_"  # noqa: S105  the public prefix that marks our tokens, not a secret
NAME_MAX_LENGTH = 100


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the record and the token, which is never stored nor shown again."""
    name = (name or "").strip()
    if not name:
        raise RecordInvalid([Problem("name", _("Nhập tên gợi nhớ cho mã truy cập (ví dụ: «Bảng tính tổng hợp»)."))])
    if len(name) > NAME_MAX_LENGTH:
        raise RecordInvalid([Problem("name", _("Tên gợi nhớ dài tối đa %(max)s ký tự.") % {"max": NAME_MAX_LENGTH})])
    if "\x00" in name:
        raise RecordInvalid([Problem("name", _("Tên gợi nhớ chứa ký tự không hợp lệ."))])
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, name=name, prefix=token[:10], digest=token_digest(token))
    return record, token


def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token (its owner, or an administrator in /admin/); revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token
