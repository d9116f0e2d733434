"""The test database, prepared once and copied by PostgreSQL for every later run.

Preparing it costs about twenty seconds on the project's machines: rendering a
hundred migrations (most of it), then the official units and the demo. A copy
made with `CREATE DATABASE ... TEMPLATE` costs about one. So the first run keeps
its freshly prepared database as a template named after a fingerprint of
everything its contents derive from (the migrations, the models, the services the
demo loader calls, the seed data and the pinned requirements); later runs, and
each xdist worker, start from a copy of it. A change to any of those files
changes the fingerprint, so a stale template is never used: the next run prepares
a new one and drops the old.

Tests, templates, static files and scripts are left out of the fingerprint: they
cannot change what the database holds before the first test.
"""

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg2
from django.conf import settings
from django.db import connections
from psycopg2 import errors

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PREFIX = "kc_prepared_"
SKIPPED_DIRECTORIES = frozenset(
    {".git", ".venv", ".data", "node_modules", "tests", "bench", "scripts", "guide", "templates", "static", "locale"}
)
SERVER_SETTINGS = {"user": "USER", "password": "PASSWORD", "host": "HOST", "port": "PORT"}
FINGERPRINTED_SUFFIXES = frozenset({".py", ".json", ".csv", ".xlsx", ".txt", ".toml", ".jpg", ".png"})


def _fingerprinted_files() -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(ROOT):
        # Pruned in place, so the walk never enters the virtual environment or the data folder.
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if name != "__pycache__" and not (Path(directory) == ROOT and name in SKIPPED_DIRECTORIES)
        )
        for name in sorted(files):
            if Path(name).suffix in FINGERPRINTED_SUFFIXES:
                yield Path(directory) / name


def template_name() -> str:
    digest = hashlib.sha256()
    for path in _fingerprinted_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return TEMPLATE_PREFIX + digest.hexdigest()[:16]


@contextmanager
def _server() -> Iterator[Any]:
    """A cursor on the server's maintenance database, outside any test database, in autocommit."""
    database = settings.DATABASES["default"]
    parameters = {key: database.get(setting) for key, setting in SERVER_SETTINGS.items() if database.get(setting)}
    # The embedded server's socket directory arrives as OPTIONS["host"].
    parameters.update(database.get("OPTIONS", {}))
    connection = psycopg2.connect(dbname="postgres", **parameters)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def template_exists(name: str) -> bool:
    with _server() as server:
        server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return server.fetchone() is not None


def use_template(name: str) -> None:
    """Make Django's test database a copy of the prepared one (PostgreSQL's TEST TEMPLATE setting)."""
    settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = name


def keep_as_template(name: str) -> None:
    """Copy the test database just prepared into the template, and drop the templates of older fingerprints.

    Two xdist workers may both prepare on the first run; the second one's copy finds the
    name taken (or the first copy still being made) and leaves it to the first.
    """
    test_database = connections["default"].settings_dict["NAME"]
    connections.close_all()
    with _server() as server:
        try:
            server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{test_database}"')
        except (errors.DuplicateDatabase, errors.ObjectInUse, errors.UniqueViolation):
            return
        server.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s", [TEMPLATE_PREFIX + "%", name]
        )
        for (old,) in server.fetchall():
            server.execute(f'DROP DATABASE IF EXISTS "{old}"')


def end_other_sessions() -> None:
    """End the sessions still open on the test database, so that it can be dropped at the end.

    The browser walks over the live server leave one connection open that no code of this process
    still holds (counted after each test: it appears after a walk, not after the others); left
    open, it made PostgreSQL refuse to drop the test database and leave it behind.
    """
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
