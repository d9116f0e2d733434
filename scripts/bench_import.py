"""Time and peak memory of importing a 10.000-row workbook (new projects of HN-2016-2020, year 2020).

    DATABASE_URL=postgres://… .venv/bin/python scripts/bench_import.py [--rows 10000]

Needs the demo data (manage.py load_demo). The import runs for real, every
check and every insert, inside a transaction rolled back at the end, so the
database is left as it was.
"""

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from accounts.models import User  # noqa: E402
from imports.kinds import KINDS, PROJECT_SHEET, Context  # noqa: E402
from imports.services import import_workbook  # noqa: E402
from imports.workbook import build_workbook  # noqa: E402
from programs.models import Programme  # noqa: E402


class _Rollback(Exception):
    pass


def make_workbook(path: Path, rows: int, programme: Programme, user: User) -> None:
    ctx = Context(programme=programme, year=2020, user=user)
    spec = KINDS["projects"]
    lists = spec.lists(ctx)
    contents, units, organisations = lists["Nội dung"], lists["Mã địa bàn"], lists["Đơn vị thực hiện"]
    data = [
        [
            None,
            f"BENCH-{i:05d}",
            f"Đề án thử nghiệm số {i}: truyền nghề cho lao động nông thôn",
            contents[i % len(contents)],
            "Đề án điểm" if i % 2 else "Đề án theo nhóm",
            organisations[i % len(organisations)],
            units[i % len(units)],
            None,
            "0",
            f"{(i % 90 + 10) * 1_000_000:,}".replace(",", "."),  # typed as Vietnamese write it
            (i % 90 + 10) * 1_000_000,
            (i % 90 + 10) * 2_000_000,
            "01/03/2020",
            "30/11/2020",
            None,
        ]
        for i in range(rows)
    ]
    build_workbook(
        kind="projects",
        title="Đề án năm 2020",
        programme_code=programme.code,
        year=2020,
        sheets=[(PROJECT_SHEET, data)],
        lists=lists,
        instructions=[],
        output=str(path),
    )


def _make(path: Path, rows: int) -> None:
    make_workbook(path, rows, Programme.objects.get(code="HN-2016-2020"), User.objects.get(username="canbo"))
    connection.close()


def run(path: Path, user: User, *, commit: bool):
    started = time.perf_counter()
    try:
        with transaction.atomic():
            outcome = import_workbook(path=path, file_name=path.name, user=user, commit=commit)
            raise _Rollback
    except _Rollback:
        pass
    return outcome, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    user = User.objects.get(username="canbo")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.xlsx"
        started = time.perf_counter()
        # Written by a child process, so this process's peak RSS below is the import's alone.
        connection.close()
        child = multiprocessing.get_context("fork").Process(target=_make, args=(path, args.rows))
        child.start()
        child.join()
        print(
            f"workbook: {args.rows} rows, {path.stat().st_size / 1e6:.2f} MB, written in {time.perf_counter() - started:.1f} s"
        )

        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS before importing (Django, libraries): {baseline:.0f} MB")
        for commit, label in (
            (False, "check only (preview / --dry-run)"),
            (True, "check and save (rolled back after)"),
        ):
            outcome, seconds = run(path, user, commit=commit)
            if not outcome.ok:
                raise SystemExit(f"the import refused the generated workbook: {outcome.issues[:5]}")
            print(f"{label}: {seconds:.1f} s, {outcome.count('new')} new rows")

        tracemalloc.start()
        outcome, seconds = run(path, user, commit=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"check and save under tracemalloc: {seconds:.1f} s, peak Python memory {peak / 1e6:.1f} MB")
        print(f"peak RSS of the importing process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
