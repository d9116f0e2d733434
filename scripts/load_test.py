#!/usr/bin/env python
"""Load test: N concurrent users log in and walk the main pages for a bounded time.

    DATABASE_URL=... .venv/bin/python scripts/load_test.py --serve --users 50 --duration 60

With --serve it starts gunicorn itself with the production settings
(deploy/gunicorn.conf.py) on 127.0.0.1:PORT and stops it afterwards; without it,
it drives a server that is already running (for instance `make serve`).
It prints requests per second, p50, p95, p99 and the errors, overall and per kind of
request (page, Excel, CSV, PDF, login); the goal is 0 errors.

Two load models:
- stress (the default, `--think 0`): every user clicks again as soon as a page
  arrives, so each is worth many people at a desk;
- office (`--think 5-15`): each user reads for a random 5 to 15 s between clicks,
  as people do; use it with many users (`--users 200`).
`--find-capacity` runs stress rounds with 1, 2, 4, ... users and prints the highest
request rate at which pages kept p95 under `--p95-goal` (1 s by default).

The requests carry `X-Forwarded-Proto: https`, as nginx would send them, so the
production settings (secure cookies, HTTPS redirect) are exercised as deployed.
Cookies are kept by hand because a cookie marked Secure is never sent over plain
HTTP by the usual client libraries.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD_USER_PREFIX = "tai_thu_"
# The demo logins whose role and organisation the load users take in turn.
LOAD_USER_MODELS = ["canbo", "lanhdao", "xem", "xa"]
# Main pages, lists and exports; those the running version does not have (404) are
# skipped and named in the report.
CANDIDATE_PATHS = [
    "/",
    "/programmes/",
    "/programmes/{HN-2016-2020}/",
    "/programmes/{HN-KCDP-2026-2030}/",
    "/projects/",
    "/projects/?q=chuong+my",
    "/projects/beneficiaries/",
    "/budgets/allocations/",
    "/budgets/disbursements/",
    "/reports/",
    "/reports/HN-2016-2020/overview/",
    "/reports/HN-2016-2020/summary/",
    "/reports/HN-2016-2020/projects/?year=2020",
    "/reports/HN-2016-2020/summary/?format=xlsx",
    "/reports/HN-2016-2020/units/?format=csv",
    "/reports/HN-2011-2015/summary/?format=pdf",
    "/health/",
]


# What --json writes: the round's figures, or with --find-capacity every round and the best.
FIGURES: dict = {}


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    login_latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    refusals: Counter = field(default_factory=Counter)
    by_path: dict[str, list[float]] = field(default_factory=dict)
    errors_by_kind: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record_page(self, path: str, seconds: float) -> None:
        with self.lock:
            self.by_path.setdefault(path, []).append(seconds)

    def by_kind(self) -> dict[str, list[float]]:
        kinds: dict[str, list[float]] = {}
        for path, timings in self.by_path.items():
            kinds.setdefault(request_kind(path), []).extend(timings)
        if self.login_latencies:
            kinds["login"] = list(self.login_latencies)
        return kinds

    def record_refusal(self, seconds: float, what: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.refusals[what] += 1

    def record(self, seconds: float, error: str | None, login: bool = False) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if login:
                self.login_latencies.append(seconds)
            if error:
                self.errors[error] += 1
                self.errors_by_kind["login" if login else request_kind(error.rsplit(" ", 1)[-1])] += 1


def request_kind(path: str) -> str:
    """What a request costs the server: a page, or a file in one of the report formats."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    fmt = (query.get("format") or [""])[0]
    return fmt if fmt in ("pdf", "xlsx", "csv", "json") else "page"


def parse_think(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    try:
        bounds = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--think wants seconds as MIN-MAX (e.g. 5-15), not {text!r}") from None
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise argparse.ArgumentTypeError(f"--think wants 0 <= MIN <= MAX, not {text!r}")
    return bounds


class Browser:
    """One user's connection and cookies."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "khuyencong-load-test",
            "Accept-Language": "vi",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}:{self.port}"
            headers["Referer"] = f"https://{self.host}:{self.port}{path}"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed (worker recycled): reconnect once.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def login(self, username: str, password: str) -> bool:
        status, page = self.request("GET", "/accounts/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            return False
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": match.group(1).decode(), "username": username, "password": password},
        )
        return status == 302 and "sessionid" in self.cookies


def user_walk(index: int, args, paths: list[str], password: str, results: Results, deadline: float) -> None:
    # Users arrive over the ramp-up time, as people do, rather than all in the same second.
    time.sleep(args.ramp_up * index / max(args.users, 1))
    browser = Browser(args.host, args.port)
    started = time.perf_counter()
    try:
        ok = browser.login(f"{LOAD_USER_PREFIX}{index:02d}", password)
    except OSError as error:
        results.record(time.perf_counter() - started, f"login: {type(error).__name__}", login=True)
        return
    # One login = the form and its post; it pays for a deliberately slow password hash.
    results.record(time.perf_counter() - started, None if ok else "login refused", login=True)
    if not ok:
        return
    mine: list[str] = []
    step = index  # users start at different pages
    # Pacing only, not security: a seeded generator makes two runs click alike.
    pace = random.Random(index)  # noqa: S311
    low, high = args.think
    while time.monotonic() < deadline:
        if high > 0 and step > index:
            time.sleep(min(pace.uniform(low, high), max(0.0, deadline - time.monotonic())))
            if time.monotonic() >= deadline:
                return
        if len(mine) < len(paths) and step - index < len(paths):
            path, first_visit = paths[step % len(paths)], True
        elif mine:
            path, first_visit = mine[step % len(mine)], False
        else:
            return
        step += 1
        started = time.perf_counter()
        try:
            status, _ = browser.request("GET", path)
        except OSError as exc:
            results.record(time.perf_counter() - started, f"{type(exc).__name__} {path}")
            continue
        if first_visit and status in (403, 404):
            # Not this user's role or district (policy.access): a refusal, not an error.
            results.record_refusal(time.perf_counter() - started, f"{status} {path}")
            continue
        if first_visit and status == 200:
            mine.append(path)
        results.record_page(path, time.perf_counter() - started)
        results.record(time.perf_counter() - started, None if status == 200 else f"{status} {path}")


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_load_users(count: int, password: str) -> None:
    """Accounts for the test (not the demo accounts, which production refuses), one password hash for all.

    They take in turn the role and organisation of the demo's Hà Nội staff, centre leader,
    viewer and commune officer, so that each sees what its model sees in its own province.
    """
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    models = list(User.objects.filter(username__in=LOAD_USER_MODELS).select_related("organisation"))
    models.sort(key=lambda user: LOAD_USER_MODELS.index(user.username))
    if not models:
        raise SystemExit("the demo's logins are missing: load the demo first (make demo)")
    hashed = make_password(password)
    for index in range(count):
        model = models[index % len(models)]
        User.objects.update_or_create(
            username=f"{LOAD_USER_PREFIX}{index:02d}",
            defaults={
                "password": hashed,
                "role": model.role,
                "organisation": model.organisation,
                "first_name": "Người dùng",
                "last_name": f"Thử tải {index:02d}",
            },
        )


def resolve_paths(paths: list[str]) -> list[str]:
    """`{CODE}` in a path stands for the id of the programme with that code in this database."""
    from programs.models import Programme

    ids = dict(Programme.objects.values_list("code", "pk"))
    resolved = []
    for path in paths:
        for code in re.findall(r"\{([^}]+)\}", path):
            path = path.replace(f"{{{code}}}", str(ids.get(code, "missing")))
        resolved.append(path)
    return resolved


def start_gunicorn(args, env: dict[str, str]) -> subprocess.Popen:
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # The server keeps its own copy of the log's descriptor; ours can close once it started.
    with open(ROOT / ".data" / "load_test_gunicorn.log", "w") as log:
        server = subprocess.Popen(
            [str(Path(python).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"{args.host}:{args.port}", "GUNICORN_ACCESS_LOG": ""},
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    for _ in range(120):
        try:
            status, _ = Browser(args.host, args.port).request("GET", "/health/")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer /health/ within 60 s (see .data/load_test_gunicorn.log)")


def quantiles(latencies: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 in seconds."""
    ordered = sorted(latencies)
    if len(ordered) == 1:
        return ordered[0], ordered[0], ordered[0]
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def summary(latencies: list[float], errors: int | None = None) -> str:
    if not latencies:
        return "none"
    p50, p95, p99 = quantiles(latencies)
    text = (
        f"n={len(latencies)}, p50: {p50 * 1000:.0f} ms, p95: {p95 * 1000:.0f} ms, p99: {p99 * 1000:.0f} ms, "
        f"max: {max(latencies) * 1000:.0f} ms"
    )
    return text if errors is None else f"{text}, errors: {errors}"


@dataclass
class Round:
    users: int
    elapsed: float
    results: Results

    @property
    def rate(self) -> float:
        return len(self.results.latencies) / self.elapsed

    @property
    def pages(self) -> list[float]:
        return self.results.by_kind().get("page", [])


def run_round(args, users: int, paths: list[str], password: str) -> Round:
    results = Results()
    begin = time.monotonic()
    deadline = begin + args.duration
    round_args = argparse.Namespace(**{**vars(args), "users": users})
    threads = [
        threading.Thread(target=user_walk, args=(i, round_args, paths, password, results, deadline), daemon=True)
        for i in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.duration + 120)
    return Round(users, time.monotonic() - begin, results)


def print_round(done: Round, think: tuple[float, float]) -> int:
    results = done.results
    error_count = sum(results.errors.values())
    model = f"office, {think[0]:g}-{think[1]:g} s between clicks" if think[1] > 0 else "stress, no pause"
    print(f"users: {done.users} ({model}), duration: {done.elapsed:.1f} s (logins included)")
    print(f"requests: {len(results.latencies)}, requests/s: {done.rate:.1f}")
    print(f"all requests: {summary(results.latencies)}")
    for kind, timings in sorted(results.by_kind().items()):
        print(f"{kind + ':':13} {summary(timings, results.errors_by_kind.get(kind, 0))}")
    for path, timings in sorted(results.by_path.items(), key=lambda item: -max(item[1])):
        print(f"  {path}: {summary(timings)}")
    if results.refusals:
        refused = ", ".join(f"{count} × {what}" for what, count in results.refusals.most_common())
        print(f"refused by role or district (expected): {refused}")
    print(f"errors: {error_count}")
    for error, count in results.errors.most_common(10):
        print(f"  {count} × {error}")
    return error_count


def round_figures(done: Round) -> dict:
    """A round as figures (for --json): rate, errors and p50/p95/p99 in ms per kind of request."""
    kinds = {}
    for kind, timings in done.results.by_kind().items():
        p50, p95, p99 = quantiles(timings)
        kinds[kind] = {"n": len(timings), "p50_ms": p50 * 1000, "p95_ms": p95 * 1000, "p99_ms": p99 * 1000}
    return {
        "users": done.users,
        "requests_per_second": done.rate,
        "errors": sum(done.results.errors.values()),
        "kinds": kinds,
    }


def find_capacity(args, paths: list[str], password: str) -> int:
    """Stress rounds with doubling users until pages' p95 passes the goal; the best rate under it."""
    best: Round | None = None
    errors = 0
    users = 1
    while users <= args.users:
        done = run_round(args, users, paths, password)
        errors += sum(done.results.errors.values())
        FIGURES.setdefault("rounds", []).append(round_figures(done))
        p95 = quantiles(done.pages)[1] if done.pages else float("inf")
        print(f"capacity round: {users} users, {done.rate:.1f} requests/s, pages p95 {p95 * 1000:.0f} ms", flush=True)
        if p95 >= args.p95_goal:
            break
        if best is None or done.rate > best.rate:
            best = done
        users *= 2
    FIGURES["errors"] = errors
    if best is None:
        print(f"capacity: even one user's pages had p95 over {args.p95_goal * 1000:.0f} ms")
    else:
        FIGURES["capacity"] = round_figures(best)
        print(
            f"capacity: {best.rate:.1f} requests/s with {best.users} users, "
            f"pages p95 under {args.p95_goal * 1000:.0f} ms"
        )
    print(f"errors: {errors}")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="with --serve, 0 picks a free port")
    parser.add_argument("--users", type=int, default=50, help="users (with --find-capacity: the most to try)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of walking after the logins")
    parser.add_argument("--ramp-up", type=float, default=10, help="seconds over which the users arrive")
    parser.add_argument(
        "--think", type=parse_think, default=(0.0, 0.0), metavar="MIN-MAX", help="seconds between clicks (0: stress)"
    )
    parser.add_argument("--find-capacity", action="store_true", help="stress rounds until pages' p95 passes the goal")
    parser.add_argument("--p95-goal", type=float, default=1.0, help="seconds; the goal --find-capacity keeps to")
    parser.add_argument("--serve", action="store_true", help="start gunicorn with production settings")
    parser.add_argument("--path", action="append", dest="paths", help="page to walk (repeatable)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE (for make bench)")
    args = parser.parse_args()

    password = secrets.token_urlsafe(18)
    env = dict(os.environ)
    env.setdefault("DJANGO_ENV", "production")
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    env.setdefault("ALLOWED_HOSTS", f"{args.host},localhost")
    django_setup(env)
    create_load_users(args.users, password)

    if args.serve and args.port == 0:
        with socket.socket() as free:  # a free port of the machine's choosing
            free.bind((args.host, 0))
            args.port = free.getsockname()[1]
    server = start_gunicorn(args, env) if args.serve else None
    try:
        probe = Browser(args.host, args.port)
        if not probe.login(f"{LOAD_USER_PREFIX}00", password):
            raise SystemExit("could not log in as a load-test user")
        # Probed as department staff, who may see every page; other roles skip what they may not see.
        paths: list[str] = []
        skipped: list[str] = []
        for path in resolve_paths(args.paths or CANDIDATE_PATHS):
            status, _ = probe.request("GET", path)
            (paths if status == 200 else skipped).append(path if status == 200 else f"{path} ({status})")
        print(f"pages walked: {' '.join(paths)}")
        if skipped:
            print(f"pages skipped (not in this version or not 200 on probe): {' '.join(skipped)}")
        if args.find_capacity:
            error_count = find_capacity(args, paths, password)
        else:
            done = run_round(args, args.users, paths, password)
            FIGURES.update(round_figures(done))
            error_count = print_round(done, args.think)
        if args.json:
            Path(args.json).write_text(json.dumps(FIGURES, indent=2) + "\n")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    return 0 if error_count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
