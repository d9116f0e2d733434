"""Real services for the several-machines and fault tests: brokers, Celery workers, PostgreSQL
servers of the test's own, gunicorn. Each helper stops only what it started, by its own id.

The machine's Redis (6379) and RabbitMQ (5672) are used as they are, never stopped: a test
that stops a service starts its own instance (a redis-server or a PostgreSQL cluster on a free
port). A service the machine lacks skips the test on a developer's machine and fails it in CI.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import requests
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
PG_BIN = Path("/usr/lib/postgresql/15/bin")
MACHINE_REDIS = ("127.0.0.1", 6379)
MACHINE_RABBITMQ = ("127.0.0.1", 5672)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require(condition: bool, what: str) -> None:
    """Skip on a developer's machine without `what`; fail under CI, where it must be there."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is required in CI")
        pytest.skip(f"{what} is not available here")


def wait_until(predicate: Callable[[], object], *, timeout: float, what: str, every: float = 0.1) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def database_url(settings_dict: dict | None = None) -> str:
    """The URL of the test database, for processes started by a test."""
    db = settings_dict or connection.settings_dict
    host = quote(db["HOST"] or "", safe="")
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    options = urlencode(
        db.get("OPTIONS") or {}, quote_via=quote
    )  # the embedded server's socket directory is OPTIONS["host"]
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}" + (f"?{options}" if options else "")


def stop_process(process: subprocess.Popen, *, grace: float = 10) -> None:
    """End a process group this test started: politely, then for good."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# --- Brokers and Celery ---------------------------------------------------------------------


def unique_queue() -> str:
    """A queue of this test alone: RabbitMQ's vhosts need admin rights, a queue name does not."""
    return f"kc-test-{uuid.uuid4().hex[:12]}"


def celery_environment(broker_url: str, queue: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TASKS_BACKEND": "celery",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_QUEUE": queue,
        "EXPORT_JOB_RECHECK_SECONDS": "2",
        **extra,
    }


class CeleryWorker:
    """`celery -A khuyencong.celery worker` in its own process group (a machine of its own)."""

    def __init__(self, broker_url: str, queue: str, name: str, log_dir: Path, **env: str) -> None:
        self.log = log_dir / f"{name}.log"
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "khuyencong.celery", "worker"),
                *("-Q", queue, "-n", f"{name}@%h", "--concurrency", "1", "--pool", "prefork"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"),
            ],
            cwd=ROOT,
            env=celery_environment(broker_url, queue, **env),
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 45) -> None:
        wait_until(lambda: "ready." in self.output() or self.process.poll() is not None, timeout=timeout, what="worker")
        assert self.process.poll() is None, self.output()

    def kill(self) -> None:
        """SIGKILL to the whole worker, parent and pool child: a machine that dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        stop_process(self.process)


@contextlib.contextmanager
def celery_task_backend(broker_url: str, queue: str) -> Iterator[object]:
    """This process enqueues to `broker_url`/`queue`, as a web server with TASKS_BACKEND=celery does."""
    from celery import Celery
    from django.tasks import task_backends
    from django_tasks_celery import CeleryBackend, register

    import tests.service_support as support

    app = Celery("khuyencong-test", set_as_current=False)
    app.conf.update(
        broker_url=broker_url,
        task_default_queue=queue,
        task_acks_late=True,
        task_serializer="json",
        broker_connection_timeout=2,
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5},
    )
    support.current_celery_app = app
    # django-tasks-celery registers each task once per process: register it on this app anew.
    saved_registry = dict(register._django_task_registry)
    register._django_task_registry.clear()
    backend = CeleryBackend(
        alias="default",
        params={"QUEUES": ["default"], "OPTIONS": {"CELERY_APP": "tests.service_support.current_celery_app"}},
    )
    previous = task_backends["default"]
    task_backends["default"] = backend
    try:
        yield app
    finally:
        task_backends["default"] = previous
        register._django_task_registry.clear()
        register._django_task_registry.update(saved_registry)
        app.close()


current_celery_app: object = None


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


def delete_rabbitmq_queue(url: str, queue: str) -> None:
    from kombu import Connection

    with Connection(url, connect_timeout=2) as conn:
        channel = conn.channel()
        with contextlib.suppress(Exception):
            channel.queue_delete(queue)


# --- A Redis server of the test's own -----------------------------------------------------------


class RedisServer:
    def __init__(self, directory: Path) -> None:
        require(shutil.which("redis-server") is not None, "redis-server")
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "no", "--dir", str(directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_until(lambda: reachable("127.0.0.1", self.port), timeout=10, what="redis-server")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        stop_process(self.process)


# --- PostgreSQL clusters of the test's own ------------------------------------------------------


def _as_postgres(*command: str, **kwargs) -> subprocess.CompletedProcess:
    """PostgreSQL refuses to run as root: its programs run as the system user `postgres`."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, **kwargs)


class PostgresCluster:
    """A PostgreSQL 15 cluster in a temporary directory on a free port (Debian's binaries)."""

    def __init__(self, directory: Path, *, port: int | None = None) -> None:
        require((PG_BIN / "initdb").exists(), "PostgreSQL 15 server binaries (postgresql-15)")
        self.directory = directory
        self.data = directory / "data"
        self.port = port or free_port()
        self.log = directory / "server.log"

    @classmethod
    def workspace(cls) -> Path:
        directory = Path(tempfile.mkdtemp(prefix="kc-pg-"))
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        return directory

    def init(self) -> PostgresCluster:
        _as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.directory}'\n"
                "fsync = off\nfull_page_writes = off\nshared_buffers = 32MB\nmax_connections = 60\n"
                "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
            )
        with (self.data / "pg_hba.conf").open("a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        return self

    def start(self) -> PostgresCluster:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def restart(self) -> None:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "restart")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database]
            + ["-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def standby(self, directory: Path) -> PostgresCluster:
        """A streaming replica of this cluster: pg_basebackup -R, started on its own port."""
        replica = PostgresCluster(directory)
        _as_postgres(
            *(str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"),
            *("-D", str(replica.data), "-R", "-X", "stream", "-c", "fast"),
        )
        with (replica.data / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {replica.port}\nunix_socket_directories = '{directory}'\n")
        return replica.start()

    def remove(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


def copy_test_database(cluster: PostgresCluster, name: str = "khuyencong") -> str:
    """A copy of the test database (schema, demo, committed rows) on `cluster`, through pg_dump."""
    cluster.psql(f"CREATE DATABASE {name}")
    dump = subprocess.Popen(["pg_dump", "--no-owner", "-d", database_url()], stdout=subprocess.PIPE)
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.url(name)],
        stdin=dump.stdout,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert dump.wait(timeout=30) == 0
    return cluster.url(name)


# --- gunicorn ------------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, database: str, log: Path, *, workers: int = 2, **env: str) -> None:
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "khuyencong.wsgi", "-b", f"127.0.0.1:{self.port}"),
                *("-w", str(workers), "--timeout", "30", "--graceful-timeout", "5"),
            ],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database, "DEBUG": "false", "LOG_LEVEL": "WARNING", **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(self._answers, timeout=45, what="gunicorn")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL to the master and its workers: a machine that dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def _answers(self) -> bool:
        assert self.process.poll() is None, self.log.read_text(errors="replace")
        try:
            return requests.get(f"{self.url}/accounts/login/", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        stop_process(self.process)


def signed_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=10).text
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, page[:300]
    token = found.group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": "khuyencong", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=10,
        allow_redirects=False,
    )
    said = re.findall(r'(?:role="alert"|class="errorlist[^"]*")[^>]*>(.*?)</', response.text, re.S)
    assert response.status_code == 302, (username, response.status_code, said)
    return session


# --- nginx in front of several gunicorns --------------------------------------------------------


class Nginx:
    """nginx of the test's own balancing `upstreams`: a connection refused sends the request to the next."""

    def __init__(self, upstreams: list[int], directory: Path) -> None:
        require(shutil.which("nginx") is not None, "nginx")
        self.port = free_port()
        directory.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=30s;" for port in upstreams)
        temp = "\n".join(
            f"  {kind}_temp_path {directory / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        config = directory / "nginx.conf"
        config.write_text(
            f"""daemon off;
worker_processes 1;
pid {directory / "nginx.pid"};
error_log {directory / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
  access_log off;
{temp}
  upstream khuyencong {{
{servers}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{self.port};
    client_max_body_size 32m;
    location / {{
      proxy_pass http://khuyencong;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      # A server that refuses or drops the connection: the request goes to the next one.
      # Never a POST (non_idempotent is off): a save is not sent twice.
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }}
  }}
}}
"""
        )
        self.process = subprocess.Popen(
            ["nginx", "-c", str(config), "-p", str(directory)],
            stdout=subprocess.DEVNULL,
            stderr=(directory / "stderr.log").open("wb"),
            start_new_session=True,
        )
        wait_until(lambda: reachable("127.0.0.1", self.port), timeout=10, what="nginx")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop_process(self.process)
