"""The `multi` section of the benchmark: one gunicorn against two behind nginx.

Each server stands for a machine of its own: it runs in a control group of the
kernel with a CPU budget of half a core (`MACHINE_CPU`), so two servers have twice the
processor of one, as two machines would, while nginx, PostgreSQL and the load
generator run outside the budgets on what is left of the machine. Users click without
pause over the page mix for the same number of seconds in both set-ups. Printed:
requests per second, p95 and errors of each, and the ratio. Where no control group
can be made (not root, no cgroup file system), the servers share the machine's cores
and the figure `multi.machines_separated` says 0.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.cookiejar import CookieJar
from pathlib import Path

from common import ROOT, percentile

PAGES = ("/", "/projects/", "/programmes/", "/reports/")


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


# A "machine": half a core of CPU time in every period, through the kernel's CFS quota.
MACHINE_CPU = 0.5
_PERIOD_US = 100_000


class Machine:
    """A CPU control group (cgroup v2, else v1's cpu controller) that a server's processes join."""

    def __init__(self, name: str) -> None:
        self.directory: Path | None = None
        for root, v2 in ((Path("/sys/fs/cgroup"), True), (Path("/sys/fs/cgroup/cpu"), False)):
            if (root / "cgroup.controllers").exists() != v2:
                continue
            directory = root / name
            try:
                directory.mkdir(exist_ok=True)
                quota = int(MACHINE_CPU * _PERIOD_US)
                if v2:
                    (directory / "cpu.max").write_text(f"{quota} {_PERIOD_US}")
                else:
                    (directory / "cpu.cfs_period_us").write_text(str(_PERIOD_US))
                    (directory / "cpu.cfs_quota_us").write_text(str(quota))
            except OSError:
                continue
            self.directory = directory
            return

    def join(self) -> None:
        """Runs in the child before exec: the server and every worker it forks stay in the group."""
        if self.directory is not None:
            (self.directory / "cgroup.procs").write_text(str(os.getpid()))

    def remove(self) -> None:
        if self.directory is not None:
            with contextlib.suppress(OSError):  # a group still holding a process is left to the kernel
                self.directory.rmdir()


def _gunicorn(env: dict, port: int, machine: Machine) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "khuyencong.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env={**env, "DEBUG": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=machine.join,  # writes one file in the child before exec
    )


def _nginx(upstreams: list[int], port: int, directory: Path) -> subprocess.Popen:
    servers = "".join(f"server 127.0.0.1:{p};" for p in upstreams)
    temp = "".join(f"{k}_temp_path {directory / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = directory / "nginx.conf"
    config.write_text(
        f"daemon off; worker_processes 1; pid {directory / 'nginx.pid'}; error_log {directory / 'error.log'};"
        f"events {{ worker_connections 512; }} http {{ access_log off; {temp}"
        f"upstream kc {{ {servers} keepalive 16; }}"
        f"server {{ listen 127.0.0.1:{port}; location / {{ proxy_pass http://kc; proxy_http_version 1.1;"
        f'proxy_set_header Connection ""; proxy_set_header Host $http_host; }} }} }}'
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.Popen([nginx, "-c", str(config), "-p", str(directory)], start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _opener(base: str, username: str) -> urllib.request.OpenerDirector:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/accounts/login/")
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode({"username": username, "password": "khuyencong", "csrfmiddlewaretoken": csrf})
    opener.open(urllib.request.Request(base + "/accounts/login/", data=form.encode(), headers={"Referer": base}))
    return opener


def _load(base: str, username: str, users: int, seconds: float) -> tuple[float, float, int]:
    """Requests per second, p95 in ms and errors of `users` clicking without pause for `seconds`."""
    openers = [_opener(base, username) for _ in range(users)]
    timings: list[float] = []
    errors = [0]
    stop = threading.Event()

    def loop(opener: urllib.request.OpenerDirector, offset: int) -> None:
        step = offset
        while not stop.is_set():
            step += 1
            started = time.perf_counter()
            try:
                opener.open(base + PAGES[step % len(PAGES)], timeout=60).read()
                timings.append((time.perf_counter() - started) * 1000)
            except OSError:
                errors[0] += 1

    threads = [threading.Thread(target=loop, args=(o, i), daemon=True) for i, o in enumerate(openers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.perf_counter() - started
    return len(timings) / elapsed, percentile(timings, 0.95) if timings else 0.0, errors[0]


def bench_multi(env: dict, figure: Callable, *, username: str, users: int = 8, seconds: float = 20) -> None:
    if shutil.which("nginx") is None:
        for name in ("multi.one_server.rps", "multi.two_servers.rps", "multi.ratio"):
            figure(name, None, note="not measured (nginx not installed: scripts/system_packages.sh)")
        return
    results = {}
    separated = True
    for label, count in (("one_server", 1), ("two_servers", 2)):
        ports = [_port() for _ in range(count)]
        machines = [Machine(f"kc-bench-machine-{port}") for port in ports]
        separated = separated and all(machine.directory is not None for machine in machines)
        servers = [_gunicorn(env, port, machine) for port, machine in zip(ports, machines, strict=True)]
        directory = Path(tempfile.mkdtemp(prefix="kc-bench-nginx-"))
        proxy_port = _port()
        proxy = _nginx(ports, proxy_port, directory)
        try:
            for port in ports:
                _wait(f"http://127.0.0.1:{port}/accounts/login/")
            base = f"http://127.0.0.1:{proxy_port}"
            _wait(base + "/accounts/login/")
            rps, p95, errors = _load(base, username, users, seconds)
        finally:
            _stop(proxy)
            for server in servers:
                _stop(server)
            for machine in machines:
                machine.remove()
            shutil.rmtree(directory, ignore_errors=True)
        results[label] = rps
        figure(f"multi.{label}.rps", rps, "requests/s")
        figure(f"multi.{label}.p95_ms", p95, "ms")
        figure(f"multi.{label}.errors", errors)
    figure("multi.ratio", results["two_servers"] / results["one_server"] if results["one_server"] else None, "x")
    figure(
        "multi.machines_separated",
        int(separated),
        "",
        f"each server held to {MACHINE_CPU:g} core by a control group" if separated else "servers share the cores",
    )
