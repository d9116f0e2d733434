"""A backup restored into a fresh database holds every row and every history record."""

import io
from urllib.parse import quote

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from ops.postgres import libpq_params

TABLES = """
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
"""
# Every row of a table, as text, in a fixed order: equal digests mean equal contents.
DIGEST = "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"
USER_TRIGGERS = "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"


def _snapshot(cursor) -> dict[str, tuple[int, str]]:
    cursor.execute(TABLES)
    tables = [row[0] for row in cursor.fetchall()]
    snapshot = {}
    for table in tables:
        cursor.execute(DIGEST.format(table=f'"{table}"'))
        snapshot[table] = cursor.fetchone()
    return snapshot


@pytest.fixture
def fresh_database(db):
    name = f"{connection.settings_dict['NAME']}_restore"
    admin = psycopg2.connect(**{**libpq_params(connection.settings_dict), "dbname": "postgres"})
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    params = {**libpq_params(connection.settings_dict), "dbname": name}
    user = params["user"]
    # The embedded server listens on a socket directory: a host that is a path goes into
    # the URL percent-encoded, as dj-database-url expects.
    host = quote(params.get("host", ""), safe="")
    port = f":{params['port']}" if params.get("port") else ""
    url = f"postgres://{user}@{host}{port}/{name}"
    yield url, params
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_it_restores_every_row_and_every_history_record(demo, fresh_database, tmp_path):
    url, params = fresh_database
    backup = tmp_path / "khuyencong.dump"

    call_command("backup", output=str(backup), stdout=io.StringIO())
    call_command("restore", str(backup), database_url=url, interactive=False, stdout=io.StringIO())

    with connection.cursor() as cursor:
        original = _snapshot(cursor)
        cursor.execute(USER_TRIGGERS)
        original_triggers = cursor.fetchone()[0]
    with psycopg2.connect(**params) as restored_db, restored_db.cursor() as cursor:
        restored = _snapshot(cursor)
        cursor.execute(USER_TRIGGERS)
        restored_triggers = cursor.fetchone()[0]
    restored_db.close()

    history_tables = [t for t in original if t.endswith("event") or t.startswith("pghistory_")]
    assert sum(original[t][0] for t in history_tables) > 100, history_tables
    assert original["projects_project"][0] > 0
    assert restored == original
    # The history triggers come back too, so history keeps being recorded after a restore.
    assert restored_triggers == original_triggers > 0


def test_it_refuses_a_missing_backup_file(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không thấy tệp sao lưu"):
        call_command("restore", str(tmp_path / "none.dump"), interactive=False)


def test_it_picks_the_client_tools_of_the_servers_major_version(db):
    from ops.postgres import find_tool, server_major_version, tool_major_version

    major = server_major_version(connection.settings_dict)
    assert tool_major_version(find_tool("pg_dump", major)) == major
    assert tool_major_version(find_tool("pg_restore", major)) == major
    # The embedded PostgreSQL (18) brings its own tools.
    assert tool_major_version(find_tool("pg_dump", 18)) == 18


def test_it_reaches_the_embedded_server_through_its_socket_directory():
    from ops.postgres import command_env

    embedded = {"NAME": "postgres", "USER": "postgres", "HOST": "", "PORT": "", "OPTIONS": {"host": "/srv/x/.data/pg"}}
    env = command_env(embedded)
    assert (env["PGHOST"], env["PGUSER"]) == ("/srv/x/.data/pg", "postgres")
    assert "PGPASSWORD" not in env
    remote = {"NAME": "kc", "USER": "kc", "HOST": "db.internal", "PORT": 5433, "PASSWORD": "s3cret", "OPTIONS": {}}
    assert {k: command_env(remote)[k] for k in ("PGHOST", "PGPORT", "PGPASSWORD")} == {
        "PGHOST": "db.internal",
        "PGPORT": "5433",
        "PGPASSWORD": "s3cret",
    }
