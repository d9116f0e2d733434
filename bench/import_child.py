"""The import of a ~10.000-row workbook, in a fresh process so that its peak memory is its own.

    python bench/import_child.py ROWS

Exports the disbursements of the local programme-year whose count is nearest ROWS
with the importer's own template (not timed), then times checking the whole file
through `imports.services.import_workbook(commit=False)`: reading, validating and
comparing every row, writing nothing. The year is unlocked for the run inside a
transaction that is rolled back, so the bench data stay as they are.
Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from common import django_setup, peak_rss_mb


def main(rows_wanted: int) -> None:
    django_setup()
    from django.db import connection, transaction

    from accounts.models import User
    from imports.services import export_workbook, import_workbook
    from programs.models import AnnualPlan, Programme

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.programme_id, d.year, count(*) FROM budgets_disbursement d "
            "JOIN programs_programme p ON p.id = d.programme_id WHERE p.level = 'local' AND p.code LIKE 'SYN-%%' "
            "GROUP BY 1, 2 ORDER BY abs(count(*) - %s), 1, 2 LIMIT 1",
            [rows_wanted],
        )
        programme_id, year, count = cursor.fetchone()
    programme = Programme.objects.select_related("administrative_unit").get(pk=programme_id)
    province = programme.code.split("-")[1]
    user = User.objects.select_related("organisation").get(username=f"syn_sct_{province}")
    # The generated past years are locked; open this one for the run and roll everything back.
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        AnnualPlan.objects.filter(programme=programme, year=year).update(is_locked=False)
        path = Path(folder) / "giai-ngan.xlsx"
        export_workbook(programme=programme, year=year, kind="disbursements", user=user, output=str(path))
        base = peak_rss_mb()
        started = time.perf_counter()
        outcome = import_workbook(path=path, file_name=path.name, user=user, commit=False)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rows": count,
                "issues": len(outcome.issues),
                "first_issue": str(outcome.issues[0])[:200] if outcome.issues else "",
                "peak_rss_mb": peak_rss_mb(),
                "base_rss_mb": base,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
