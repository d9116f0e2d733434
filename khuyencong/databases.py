"""Which database a read-only report or export uses.

With REPORTS_DATABASE_URL set (a streaming replica of the primary), reports and
large exports read there and leave the primary to the writes; without it they
read the primary. A replica lags by a moment, which reports tolerate; pages that
show what the user just saved must keep reading the primary.
"""

from django.conf import settings

REPORTS_ALIAS = "reports"


def reports_database() -> str:
    return REPORTS_ALIAS if REPORTS_ALIAS in settings.DATABASES else "default"
