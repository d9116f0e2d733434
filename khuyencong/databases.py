"""Which database a read uses: the primary, or the streaming replica of REPORTS_DATABASE_URL.

With a replica configured, the reports, the exports and the read API (the GET requests
under REPLICA_PATHS, and the export worker) read there and leave the primary to the
writes; without one everything reads the primary. A replica lags by a moment, so a user
who has just written reads from the primary until the replica has replayed that write:
each write request by a user leaves the primary's WAL position in the session
(`pg_current_wal_lsn()`), and a later read goes to the replica only once its
`pg_last_wal_replay_lsn()` has reached it.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

REPORTS_ALIAS = "reports"
# Requests that read from the replica (their GET and HEAD only).
REPLICA_PATHS = ("/reports/", "/api/")
SESSION_LSN_KEY = "kc_primary_lsn"

logger = logging.getLogger(__name__)

_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar("kc_read_alias", default=None)


def replica_configured() -> bool:
    return REPORTS_ALIAS in settings.DATABASES


def reports_database() -> str:
    """The alias a report or export reads from now: the replica unless this request must see the primary."""
    if not replica_configured():
        return "default"
    return _read_alias.get() or REPORTS_ALIAS


@contextlib.contextmanager
def reading_from(alias: str) -> Iterator[None]:
    """Every read in the block (through the router) from `alias`."""
    token = _read_alias.set(alias)
    try:
        yield
    finally:
        _read_alias.reset(token)


class ReplicaRouter:
    """Reads from the alias `reading_from` chose (the primary otherwise); writes always to the primary."""

    def db_for_read(self, model, **hints) -> str | None:
        return _read_alias.get()

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"


def primary_lsn() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def replica_has(lsn: str) -> bool:
    """Whether the replica has replayed the primary's WAL up to `lsn` (False when it cannot say)."""
    try:
        with connections[REPORTS_ALIAS].cursor() as cursor:
            cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [lsn])
            return bool(cursor.fetchone()[0])
    except DatabaseError as error:
        logger.warning("Replica unavailable, reading from the primary: %s", error)
        return False


def caught_up_alias(*, wait: float = 0.0) -> str:
    """The replica if it has every write committed so far on the primary (waiting up to `wait` s)."""
    if not replica_configured():
        return "default"
    target = primary_lsn()
    deadline = time.monotonic() + wait
    while not replica_has(target):
        if time.monotonic() >= deadline:
            return "default"
        time.sleep(0.1)
    return REPORTS_ALIAS


class ReplicaReadsMiddleware:
    """Chooses the database of each request's reads (after the session and authentication middleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response = self.get_response(request)
            if request.user.is_authenticated:
                # This user's write is on the primary from here: reads follow it until the replica has it.
                request.session[SESSION_LSN_KEY] = primary_lsn()
            return response
        if not request.path.startswith(REPLICA_PATHS):
            return self.get_response(request)
        alias = REPORTS_ALIAS
        written = request.session.get(SESSION_LSN_KEY)
        if written:
            if replica_has(written):
                del request.session[SESSION_LSN_KEY]
            else:
                alias = "default"
        with reading_from(alias):
            return self.get_response(request)
