"""Reports, exports and the API read from a streaming replica; a user who has just written reads
from the primary until the replica has that write.

The test starts its own primary and a standby made by `pg_basebackup -R` on another port
(Debian's PostgreSQL 15), and a gunicorn with DATABASE_URL on the primary and
REPORTS_DATABASE_URL on the standby. Pausing the standby's replay makes the lag as long as
the test needs.
"""

from __future__ import annotations

import pytest

from tests.conftest import _ensure_demo
from tests.service_support import Gunicorn, PostgresCluster, copy_test_database, signed_in, wait_until

PROGRAMME = "HN-2016-2020"


@pytest.fixture
def committed_demo(django_db_setup, django_db_blocker):
    """The demo committed, for the copy: a transactional test run earlier may have flushed it."""
    with django_db_blocker.unblock():
        _ensure_demo()


@pytest.fixture
def primary_and_standby(committed_demo, db, django_db_blocker):
    primary = PostgresCluster(PostgresCluster.workspace())
    standby: PostgresCluster | None = None
    try:
        primary.init().start()
        with django_db_blocker.unblock():
            copy_test_database(primary)
        standby = primary.standby(PostgresCluster.workspace())
        yield primary, standby
    finally:
        if standby is not None:
            standby.remove()
        primary.remove()


def _caught_up(primary: PostgresCluster, standby: PostgresCluster) -> bool:
    target = primary.psql("SELECT pg_current_wal_lsn()")
    return standby.psql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t"


def test_reads_go_to_the_replica_except_for_a_user_who_has_just_written(primary_and_standby, tmp_path):
    primary, standby = primary_and_standby
    assert standby.psql("SELECT pg_is_in_recovery()") == "t"
    programme_id = primary.psql(f"SELECT id FROM programs_programme WHERE code = '{PROGRAMME}'", database="khuyencong")
    name = primary.psql(f"SELECT name FROM programs_programme WHERE id = {programme_id}", database="khuyencong")
    server = Gunicorn(
        primary.url("khuyencong"),
        tmp_path / "gunicorn.log",
        workers=1,
        REPORTS_DATABASE_URL=standby.url("khuyencong"),
    )
    try:
        writer = signed_in(server.url, "canbo")
        reader = signed_in(server.url, "lanhdao")
        wait_until(lambda: _caught_up(primary, standby), timeout=20, what="the standby to replay the logins")

        def api_name(session) -> str:
            response = session.get(f"{server.url}/api/v1/programmes/{programme_id}", timeout=10)
            assert response.status_code == 200, response.text[:300]
            return response.json()["name"]

        assert api_name(writer) == api_name(reader) == name

        # The replica falls behind: another office renames the programme on the primary.
        standby.psql("SELECT pg_wal_replay_pause()")
        primary.psql(
            f"UPDATE programs_programme SET name = name || ' (đổi tên)' WHERE id = {programme_id}",
            database="khuyencong",
        )
        renamed = f"{name} (đổi tên)"
        # Reports and the API read the replica: the old name; a page outside them reads the primary.
        assert api_name(reader) == api_name(writer) == name
        assert name in reader.get(f"{server.url}/reports/", timeout=10).text
        assert renamed in reader.get(f"{server.url}/programmes/{programme_id}/", timeout=10).text

        # The writer asks for an export: its job is on the primary only, yet its page is there at once.
        token = writer.cookies.get("csrftoken") or ""
        asked = writer.post(
            f"{server.url}/reports/jobs/",
            data={"kind": "projects", "format": "xlsx", "csrfmiddlewaretoken": token},
            headers={"Referer": f"{server.url}/reports/jobs/"},
            timeout=10,
            allow_redirects=False,
        )
        assert asked.status_code == 302, asked.text[:300]
        progress = writer.get(f"{server.url}{asked.headers['Location']}", timeout=10)
        assert progress.status_code == 200
        assert "Đang chờ" in progress.text
        assert api_name(writer) == renamed  # the writer reads the primary until the replica has its write
        assert api_name(reader) == name  # everyone else still reads the replica

        # The replica catches up: the writer reads there again.
        standby.psql("SELECT pg_wal_replay_resume()")
        wait_until(lambda: _caught_up(primary, standby), timeout=20, what="the standby to catch up")
        assert api_name(writer) == api_name(reader) == renamed
        standby.psql("SELECT pg_wal_replay_pause()")
        primary.psql(f"UPDATE programs_programme SET name = '{name}' WHERE id = {programme_id}", database="khuyencong")
        assert api_name(writer) == renamed  # from the replica again: the rename back is not there yet
        standby.psql("SELECT pg_wal_replay_resume()")
    finally:
        server.stop()
