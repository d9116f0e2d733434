"""Who is calling: a per-user Bearer token, or the signed-in session (for the pages' own scripts)."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from accounts.models import User
from api.models import ApiToken
from api.services import TOKEN_PREFIX, token_digest

# last_used_at is refreshed at most this often: an hour is precise enough to decide on a revocation,
# and spares a write on nearly every request.
LAST_USED_PRECISION = timedelta(hours=1)
MAX_TOKEN_LENGTH = 100


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN_LENGTH:
            return None
        record = (
            ApiToken.objects.select_related("user__organisation")
            .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if record is None:
            return None
        now = timezone.now()
        if record.last_used_at is None or now - record.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        return record.user


class SignedInSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user  # type: ignore[return-value]
        return None


# The API serves GET only, so the session needs no CSRF check (no request of it changes anything).
AUTH = [BearerToken(), SignedInSession(csrf=False)]
