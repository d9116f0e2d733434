"""The `load` section of the benchmark: the load script's two models on the demo data, one machine.

The demo (the seed programmes and today's, with their reports) is loaded once into its
own database beside the bench's (`<database>_bench_demo`), because the load script walks
the demo's pages. Three runs of `scripts/load_test.py --serve` (gunicorn with the
production settings):
- office: 200 users reading 5 to 15 s between clicks (goal: pages and cached PDFs p95 under 300 ms, 0 errors);
- stress: 8 users clicking without pause (goal: pages p95 under 500 ms);
- capacity: stress rounds of 1, 2, 4, ... users; the highest rate at which pages keep p95 under 1 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import ROOT, database_beside

RUNS = {
    "office": ["--users", "200", "--think", "5-15", "--ramp-up", "60", "--duration", "120"],
    "stress": ["--users", "8", "--ramp-up", "2", "--duration", "40"],
    "capacity": ["--users", "32", "--find-capacity", "--ramp-up", "2", "--duration", "20"],
}


def _manage(env: dict, *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)


def bench_load(env: dict, figure: Callable, bench_url: str, runs: dict[str, list[str]] = RUNS) -> None:
    demo_env = {**env, "DATABASE_URL": database_beside(bench_url, "_demo")}
    # Both commands leave a loaded database as it is (tests/test_load_demo.py).
    _manage(demo_env, "migrate", "--noinput", "-v0")
    _manage(demo_env, "load_admin_units")
    _manage(demo_env, "load_demo")
    for model, arguments in runs.items():
        with tempfile.TemporaryDirectory(prefix="kc-bench-load-") as directory:
            output = Path(directory) / "figures.json"
            done = subprocess.run(
                [sys.executable, "scripts/load_test.py", "--serve", "--port", "0", *arguments, "--json", str(output)],
                cwd=ROOT,
                env=demo_env,
                capture_output=True,
                text=True,
            )
            if not output.is_file():
                reason = (done.stderr.strip().splitlines() or ["?"])[-1][:160]
                figure(
                    f"load.{model}.requests_per_second", None, note=f"not measured (the load script failed: {reason})"
                )
                continue
            figures = json.loads(output.read_text())
        if model == "capacity":
            best = figures.get("capacity")
            if best is None:
                figure("load.capacity.requests_per_second", None, note="not measured (even one user over 1 s)")
            else:
                figure("load.capacity.requests_per_second", best["requests_per_second"], "requests/s")
                figure("load.capacity.users", best["users"], "users")
                figure("load.capacity.pages.p95_ms", best["kinds"]["page"]["p95_ms"], "ms")
            figure("load.capacity.errors", figures.get("errors", 0), "errors")
            continue
        figure(f"load.{model}.users", figures["users"], "users")
        figure(f"load.{model}.requests_per_second", figures["requests_per_second"], "requests/s")
        for kind in ("page", "pdf", "xlsx", "login"):
            timings = figures["kinds"].get(kind)
            if timings:
                figure(f"load.{model}.{kind}.p50_ms", timings["p50_ms"], "ms")
                figure(f"load.{model}.{kind}.p95_ms", timings["p95_ms"], "ms")
        figure(f"load.{model}.errors", figures["errors"], "errors")
