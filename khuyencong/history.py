"""History of plans and money, recorded by PostgreSQL triggers.

Triggers see every write, including queryset `update()`, `bulk_create()`
and raw SQL, which signal-based auditing would miss. The middleware and
`pghistory.context()` attach who did it.
"""

import pghistory


def tracked():
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
    )
