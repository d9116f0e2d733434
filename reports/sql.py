"""Running a report's statements with as little work around them as possible.

A report over one programme reads a dozen small aggregates. Sent one by one
through the ORM, the round trips, the SQL compilation and the per-row result
handling cost more than the database's own work. `fetch_parts` sends them as a
single statement and gets every part back as JSON in one row; `fetch_rows`
runs one compiled queryset and takes all its rows in one `fetchall`.

JSON numbers are read back with `Decimal` for anything with a fraction, so a
quantity such as 82.155 stays exact; whole numbers come back as `int`.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

Part = tuple[str, list[Any]]


def fetch_parts(
    parts: dict[str, Part], *, common: dict[str, Part] | None = None, using: str = "default"
) -> dict[str, list[dict[str, Any]]]:
    """Run every part in one statement; each comes back as a list of rows keyed by column name.

    `common` names tables the parts share: a WITH clause, computed once.
    """
    if not parts:
        return {}
    names = list(parts)
    columns = ", ".join(f"(SELECT coalesce(json_agg(part), '[]') FROM ({parts[name][0]}) part)::text" for name in names)
    common = common or {}
    shared = ", ".join(f"{name} AS MATERIALIZED ({sql})" for name, (sql, _) in common.items())
    params = [value for _, values in common.values() for value in values]
    params += [value for name in names for value in parts[name][1]]
    with connections[using].cursor() as cursor:
        cursor.execute(f"{'WITH ' + shared + ' ' if shared else ''}SELECT {columns}", params)
        values = cursor.fetchone()
    return {name: json.loads(text, parse_float=Decimal) for name, text in zip(names, values, strict=True)}


def fetch_rows(queryset: QuerySet) -> list[tuple]:
    """All rows of a `values_list` queryset in one fetch, without Django's per-chunk handling.

    Only for querysets whose columns need no Python-side conversion (text, integers,
    numerics, booleans): no model instances, no converters.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a `.none()` queryset has no statement to run
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def queryset_part(queryset: QuerySet) -> Part:
    """A queryset's statement for `fetch_parts`; an empty one (`.none()`) becomes a statement with no rows."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return "SELECT 1 WHERE false", []
    return sql, list(params)


def fetch_statement(sql: str, params: list[Any], using: str = "default") -> list[tuple]:
    """All rows of one hand-written statement in one fetch."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_pause_lock = threading.Lock()
_pausers = 0
_enabled_before = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while tens of thousands of rows are read and built.

    Rows hold no reference cycles, yet every few thousand new objects the collector runs, and now
    and then it walks the whole heap of the process: for a list of 45,000 payments that is about a
    fifth of the report's time, spent finding nothing. The switch is process-wide, so threads that
    build reports at the same time share one pause: the collector comes back, if it was on, when
    the last of them is done.
    """
    global _pausers, _enabled_before
    with _pause_lock:
        if _pausers == 0:
            _enabled_before = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pausers -= 1
            if _pausers == 0 and _enabled_before:
                gc.enable()
