#!/usr/bin/env python
"""The national-scale benchmark (`make bench`, BENCH_SCALE=1 by default).

Builds the synthetic data set once in its own database (`<database>_bench_<scale>`
on the server of DATABASE_URL, kept for later runs), then measures and prints one
`name value unit` line per figure, and writes them all to bench-results.json.
Every timing is the median of several runs; every ratio is taken within the run.
Figures whose code is not in this installation are listed as not measured.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from common import ROOT, database_beside, percentile, timed

FIGURES: list[dict] = []
SECTIONS = ("reports", "http", "excel", "export_job", "pdf", "report_cache", "import", "login", "load", "multi")
REPORTS_MISSING = "not measured (reports not yet landed)"


def figure(name: str, value, unit: str = "", note: str = "") -> None:
    FIGURES.append({"name": name, "value": value, "unit": unit, **({"note": note} if note else {})})
    if value is None:
        print(f"{name} {note or 'not measured'}", flush=True)
    else:
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name} {shown} {unit}".rstrip(), flush=True)


# ---------------------------------------------------------------- database
def bench_database_url(scale: float) -> str:
    base = os.environ.get("DATABASE_URL")
    if not base:
        from khuyencong.embedded_db import embedded_database_url

        base = embedded_database_url(ROOT / ".data")
    tag = f"{scale:g}".replace(".", "_")
    return database_beside(base, f"_bench_{tag}")


def prepare_data(scale: float) -> None:
    from django.core.management import call_command

    from projects.models import Project
    from seeding.dataset import expected_counts, generate_dataset

    call_command("migrate", verbosity=0, interactive=False)
    have = Project.objects.filter(code__startswith="SYN-").count()
    want = expected_counts(scale)["projects"]
    if have == want:
        figure("dataset.reused", 1, "", f"{have} projects already loaded")
        return
    if have:
        raise SystemExit(f"The bench database holds {have} generated projects, not {want}: drop it and run again.")
    started = time.perf_counter()
    counts = generate_dataset(scale)
    figure("dataset.generate_seconds", time.perf_counter() - started, "s")
    for key in ("projects", "beneficiaries", "disbursements"):
        figure(f"dataset.{key}", counts[key], "rows")


# ---------------------------------------------------------------- reports
def bench_reports(runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from report_sql import KIND_SQL, run_kind_sql

    from accounts.models import User
    from programs.models import Programme

    try:
        from reports.selectors import KINDS, build_report
        from reports.views import SCREEN_ROWS
    except ImportError:
        for kind in KIND_SQL:
            for suffix in ("server_ms", "queries", "ratio_to_sql"):
                figure(f"report.{kind}.{suffix}", None, note=REPORTS_MISSING)
        return
    programme = Programme.objects.get(code="SYN-01-2021-2025")
    user = User.objects.select_related("organisation").get(username="syn_ttkc_01")
    year = 2025
    # A report and its reference SQL run in turn, so a change in the machine's load
    # falls on both; reports are cheap, so more runs than the other figures.
    runs = max(runs, 15)
    for kind in KINDS:
        kind_year = year if kind == "annual" else None

        def page(kind: str = kind, kind_year: int | None = kind_year) -> None:
            """What the report's page needs: the report, and the first screen of each table."""
            report = build_report(kind, programme=programme, user=user, year=kind_year)
            for table in report.tables:
                table.rows[:SCREEN_ROWS]

        def every_row(kind: str = kind, kind_year: int | None = kind_year) -> None:
            """What an export needs: every row of every table."""
            report = build_report(kind, programme=programme, user=user, year=kind_year)
            for table in report.tables:
                for _ in table.rows:
                    pass

        with CaptureQueriesContext(connection) as queries:
            page()
        with connection.cursor() as cursor:
            reference = kind in KIND_SQL

            def sql(kind: str = kind, cursor=cursor) -> None:
                run_kind_sql(cursor, kind, programme.pk, year)

            steps = {"page": page, "all_rows": every_row, **({"sql": sql} if reference else {})}
            times: dict[str, list[float]] = {name: [] for name in steps}
            for step in steps.values():
                step()
            for _ in range(runs):
                for name, step in steps.items():
                    started = time.perf_counter()
                    step()
                    times[name].append(time.perf_counter() - started)
        page_s, all_rows_s = statistics.median(times["page"]), statistics.median(times["all_rows"])
        figure(f"report.{kind}.server_ms", page_s * 1000, "ms")
        figure(f"report.{kind}.all_rows_ms", all_rows_s * 1000, "ms")
        figure(f"report.{kind}.queries", len(queries), "queries")
        if reference:
            sql_s = statistics.median(times["sql"])
            figure(f"report.{kind}.sql_ms", sql_s * 1000, "ms")
            figure(f"report.{kind}.ratio_to_sql", page_s / sql_s, "x")
            figure(f"report.{kind}.all_rows_ratio_to_sql", all_rows_s / sql_s, "x")
        else:
            figure(f"report.{kind}.ratio_to_sql", None, note="not measured (no reference SQL for this kind)")


def _pdf_functions():
    """(render_pdf, html_of) from the reports code, or None where it is missing."""
    import importlib

    for name in ("reports.pdf", "reports.renderers"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "render_pdf"):
            html_of = getattr(module, "render_pdf_html", None)
            if html_of is None and hasattr(module, "pdf_context"):
                from django.template.loader import render_to_string

                def html_of(report, module=module):
                    return render_to_string("reports/pdf.html", module.pdf_context(report))

            return module.render_pdf, html_of
    return None, None


def bench_pdf(runs: int) -> None:
    render_pdf, html_of = _pdf_functions()
    try:
        from reports.selectors import build_report
    except ImportError:
        render_pdf = None
    if render_pdf is None:
        figure("pdf.annual.seconds", None, note=REPORTS_MISSING)
        figure("pdf.ratio_to_weasyprint", None, note=REPORTS_MISSING)
        return
    from accounts.models import User
    from programs.models import Programme

    programme = Programme.objects.get(code="SYN-01-2021-2025")
    user = User.objects.select_related("organisation").get(username="syn_ttkc_01")
    report = build_report("annual", programme=programme, user=user, year=2025)
    pdf_s, _ = timed(lambda: render_pdf(report), runs)
    figure("pdf.annual.seconds", pdf_s, "s")
    if html_of is None:
        figure("pdf.ratio_to_weasyprint", None, note="not measured (no way to get the report's HTML)")
        return
    import weasyprint

    html = html_of(report)
    base_url = (ROOT / "static").resolve().as_uri() + "/"
    bare_s, _ = timed(lambda: weasyprint.HTML(string=html, base_url=base_url).write_pdf(), runs)
    figure("pdf.weasyprint_seconds", bare_s, "s")
    figure("pdf.ratio_to_weasyprint", pdf_s / bare_s, "x")


# ---------------------------------------------------------------- report cache
def _get_ok(client, url: str) -> None:
    """A timing of an error page would mean nothing: stop the benchmark instead."""
    status = client.get(url).status_code
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")


def bench_report_cache(runs: int) -> None:
    """Through the report page: the first render of a file against serving it again from storage."""
    import tempfile

    from django.test import Client
    from django.test.utils import override_settings

    from accounts.models import User
    from programs.models import Programme

    try:
        from reports.models import CachedReportFile
    except ImportError:
        figure("report_cache.annual_pdf.first_ms", None, note="not measured (no report cache)")
        return
    programme = Programme.objects.get(code="SYN-01-2021-2025")
    user = User.objects.get(username="syn_ttkc_01")
    urls = {
        "annual_pdf": f"/reports/{programme.code}/annual/?year=2025&format=pdf",
        "summary_xlsx": f"/reports/{programme.code}/summary/?format=xlsx",
    }
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media, ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(user)
        for name, url in urls.items():

            def first(url: str = url) -> None:
                CachedReportFile.objects.all().delete()  # forgotten: the page renders it again
                _get_ok(client, url)

            def cached(url: str = url) -> None:
                _get_ok(client, url)

            first_s, _ = timed(first, runs)
            cached_s, _ = timed(cached, runs)
            figure(f"report_cache.{name}.first_ms", first_s * 1000, "ms")
            figure(f"report_cache.{name}.cached_ms", cached_s * 1000, "ms")
            figure(f"report_cache.{name}.speedup", first_s / cached_s, "x")
        CachedReportFile.objects.all().delete()


# ---------------------------------------------------------------- login
def bench_login(runs: int) -> None:
    """One password check with the hasher in use, beside Django's PBKDF2 default, in one run."""
    from django.contrib.auth.hashers import check_password, get_hasher, make_password

    password = "khuyencong-bench"
    hashers = {"in_use": get_hasher("default"), "pbkdf2": get_hasher("pbkdf2_sha256")}
    encoded = {name: make_password(password, hasher=hasher) for name, hasher in hashers.items()}
    seconds: dict[str, float] = {}
    for name, value in encoded.items():
        verify = functools.partial(hashers[name].verify, password, value)
        seconds[name], _ = timed(verify, runs)
        figure(f"login.hash.{name}_ms", seconds[name] * 1000, "ms")
    figure("login.hash.ratio_to_pbkdf2", seconds["in_use"] / seconds["pbkdf2"], "x")
    # Argon2's memory is taken outside Python's allocator: read the parameter it asks for.
    memory_kib = getattr(hashers["in_use"], "memory_cost", None)
    if memory_kib:
        figure("login.hash.memory_mib", memory_kib / 1024, "MiB")
    if not check_password(password, encoded["in_use"]):
        raise SystemExit("login bench: the hash in use does not verify")


# ---------------------------------------------------------------- Excel
def excel_child(mode: str, username: str, env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "excel_child.py"), mode, username],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_excel(runs: int, env: dict, with_import_export: bool) -> None:
    user = "syn_sct_01"  # province-wide: every project
    exports = [excel_child("export", user, env) for _ in range(runs)]
    bare = [excel_child("openpyxl", user, env) for _ in range(runs)]
    export_s = statistics.median(e["seconds"] for e in exports)
    bare_s = statistics.median(b["seconds"] for b in bare)
    figure("excel.rows", exports[0]["rows"], "rows")
    figure("excel.seconds", export_s, "s")
    figure("excel.peak_rss_mb", max(e["peak_rss_mb"] for e in exports), "MiB")
    figure("excel.peak_rss_over_base_mb", max(e["peak_rss_mb"] - e["base_rss_mb"] for e in exports), "MiB")
    figure("excel.openpyxl_seconds", bare_s, "s")
    figure("excel.ratio_to_openpyxl", export_s / bare_s, "x")
    if not with_import_export:
        figure("excel.ratio_to_import_export", None, note="not measured (--skip-import-export)")
        return
    try:
        import import_export  # noqa: F401
    except ImportError:
        figure("excel.ratio_to_import_export", None, note="not measured (django-import-export not installed)")
        return
    ie = excel_child("import_export", user, env)  # one run: it is slow
    figure("excel.import_export_seconds", ie["seconds"], "s")
    figure("excel.import_export_peak_rss_mb", ie["peak_rss_mb"], "MiB")
    figure("excel.ratio_to_import_export", export_s / ie["seconds"], "x")


def bench_export_job(env: dict) -> None:
    """The projects workbook made by the background worker, end to end."""
    from django.db import connection

    from accounts.models import User
    from reports.models import ExportJob, ExportJobStatus
    from reports.tasks import export_job_create

    user = User.objects.get(username="syn_sct_01")
    job = export_job_create(kind="projects", fmt="xlsx", user=user)
    connection.close()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    if job.status == ExportJobStatus.DONE:
        figure("export_job.projects_xlsx_seconds", seconds, "s")
        job.file.delete(save=False)
    else:
        figure("export_job.projects_xlsx_seconds", None, note=f"failed: {job.error}")
    ExportJob.objects.filter(pk=job.pk).delete()


# ---------------------------------------------------------------- HTTP
def free_port(preferred: int) -> int:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", preferred)) != 0:
            return preferred
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_http(env: dict, requests: int) -> None:
    from programs.models import Programme

    programme = Programme.objects.get(code="SYN-01-2021-2025")
    port = free_port(int(os.environ.get("BENCH_PORT", "8107")))
    server_env = {**env, "DEBUG": "0"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(base + "/accounts/login/")
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        form = urllib.parse.urlencode(
            {"username": "syn_ttkc_01", "password": "khuyencong", "csrfmiddlewaretoken": csrf}
        ).encode()
        request = urllib.request.Request(base + "/accounts/login/", data=form, headers={"Referer": base + "/"})
        opener.open(request)
        pages = {
            "http.home": ["/"],
            "http.project_list": [
                f"/projects/?programme={programme.pk}&year=2025&status=settled",
                f"/projects/list/?programme={programme.pk}&year=2025&status=settled",
            ],
            "http.overview": [f"/reports/{programme.code}/overview/", "/reports/overview/", "/overview/"],
            "http.report_annual": [f"/reports/{programme.code}/annual/?year=2025"],
        }
        for name, candidates in pages.items():
            url = None
            for candidate in candidates:
                try:
                    response = opener.open(base + candidate, timeout=60)
                    if response.status == 200 and "/accounts/login/" not in response.url:
                        url = candidate
                        break
                except OSError:
                    continue
            if url is None:
                figure(f"{name}.p50_ms", None, note="not measured (page not in this installation)")
                figure(f"{name}.p95_ms", None, note="not measured (page not in this installation)")
                continue
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                opener.open(base + url, timeout=60).read()
                timings.append((time.perf_counter() - started) * 1000)
            figure(f"{name}.p50_ms", percentile(timings, 0.5), "ms")
            figure(f"{name}.p95_ms", percentile(timings, 0.95), "ms")
    finally:
        server.terminate()
        server.wait(timeout=10)


def bench_import(env: dict, runs: int) -> None:
    import importlib.util

    if importlib.util.find_spec("imports.services") is None:
        figure("import.10000_rows.seconds", None, note="not measured (importer not yet landed)")
        figure("import.10000_rows.peak_rss_mb", None, note="not measured (importer not yet landed)")
        return
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "import_child.py"), "10000"],
            env=env,
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            reason = (out.stderr.strip().splitlines() or ["?"])[-1][:120]
            figure("import.10000_rows.seconds", None, note=f"not measured (the import failed: {reason})")
            return
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    figure("import.10000_rows.rows", results[0]["rows"], "rows")
    figure("import.10000_rows.seconds", statistics.median(r["seconds"] for r in results), "s")
    figure("import.10000_rows.peak_rss_mb", max(r["peak_rss_mb"] for r in results), "MiB")
    figure("import.10000_rows.peak_rss_over_base_mb", max(r["peak_rss_mb"] - r["base_rss_mb"] for r in results), "MiB")
    figure("import.10000_rows.issues", results[0]["issues"], "issues", results[0]["first_issue"])


# ---------------------------------------------------------------- main
def sections(text: str) -> tuple[str, ...]:
    """The --only value: known section names, comma-separated."""
    chosen = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(unknown) or text!r}; choose among {', '.join(SECTIONS)}"
        )
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--excel-runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40, help="HTTP requests per page")
    parser.add_argument("--skip-import-export", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "bench-results.json"))
    parser.add_argument(
        "--only",
        type=sections,
        default=SECTIONS,
        metavar="SECTIONS",
        help=f"comma-separated sections to measure, among {','.join(SECTIONS)} (default: all); "
        "the output file then holds those sections' figures",
    )
    args = parser.parse_args()

    url = bench_database_url(args.scale)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    import django

    django.setup()
    started = time.perf_counter()
    print(f"# bench scale {args.scale:g}, database {urllib.parse.urlsplit(url).path[1:]}", flush=True)
    prepare_data(args.scale)
    if "reports" in args.only:
        bench_reports(args.runs)
    if "http" in args.only:
        bench_http(env, args.requests)
    if "excel" in args.only:
        bench_excel(args.excel_runs, env, not args.skip_import_export)
    if "export_job" in args.only:
        bench_export_job(env)
    if "pdf" in args.only:
        bench_pdf(max(1, args.runs // 2))
    if "report_cache" in args.only:
        bench_report_cache(max(3, args.runs))
    if "import" in args.only:
        bench_import(env, max(1, args.excel_runs))
    if "login" in args.only:
        bench_login(max(5, args.runs))
    if "load" in args.only:
        from load import bench_load

        bench_load(env, figure, url)
    if "multi" in args.only:
        from multi import bench_multi

        bench_multi(env, figure, username="syn_ttkc_01")
    figure("bench.total_seconds", time.perf_counter() - started, "s")
    Path(args.output).write_text(
        json.dumps(
            {
                "scale": args.scale,
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "figures": FIGURES,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    print(f"# written {args.output}", flush=True)


if __name__ == "__main__":
    main()
