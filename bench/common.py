"""Shared helpers of the benchmark scripts: the bench database, Django set-up, medians."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")
    import django

    django.setup()


def timed(function: Callable[[], object], runs: int, *, warmup: int = 1) -> tuple[float, list[float]]:
    """Median seconds of `runs` calls after `warmup` calls, and every timing."""
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def peak_rss_mb() -> float:
    """This process's resident-memory high-water mark in MiB.

    VmHWM, not getrusage's ru_maxrss: on Linux the latter keeps the peak of the
    forked parent across exec, so a child started by a large process inherits it.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def database_beside(base_url: str, suffix: str) -> str:
    """The URL of the database named as `base_url`'s plus `suffix` on the same server, created if missing."""
    import urllib.parse

    import dj_database_url
    import psycopg2

    settings = dj_database_url.parse(base_url)
    name = f"{settings['NAME']}{suffix}"
    params = {
        "dbname": "postgres",
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
    }
    params.update(settings.get("OPTIONS", {}))  # the embedded server's socket directory arrives as OPTIONS["host"]
    server = psycopg2.connect(**params)
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    server.close()
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))
