#!/usr/bin/env python
"""EXPLAIN ANALYZE of the heavy queries (report aggregates, project list, export) on the bench data.

DATABASE_URL=postgres://…/<db>_bench_0_1 python bench/explain.py [--summary]
"""

from __future__ import annotations

import re
import sys

from common import django_setup
from report_sql import KIND_SQL


def main() -> None:
    summary_only = "--summary" in sys.argv
    django_setup()
    from django.db import connection

    from accounts.models import User
    from programs.models import Programme

    programme = Programme.objects.get(code="SYN-01-2021-2025")
    officer = User.objects.select_related("organisation").get(username="syn_huyen_01")
    unit = officer.scope_unit_id
    extra = {
        "list.filtered": "SELECT * FROM projects_project WHERE programme_id = %(p)s AND year = 2025 "
        "AND status = 'settled' ORDER BY year DESC, code LIMIT 50",
        "list.all": "SELECT * FROM projects_project ORDER BY year DESC, code LIMIT 50",
        "list.officer": f"SELECT * FROM projects_project WHERE administrative_unit_id = {unit} "
        "ORDER BY year DESC, code LIMIT 50",
        "list.count": "SELECT count(*) FROM projects_project WHERE programme_id = %(p)s AND year = 2025",
        "export.officer": f"SELECT code FROM projects_project WHERE administrative_unit_id = {unit} "
        "ORDER BY year DESC, code",
        "disbursements.project": "SELECT * FROM budgets_disbursement WHERE project_id = "
        "(SELECT id FROM projects_project WHERE programme_id = %(p)s LIMIT 1) ORDER BY date DESC",
    }
    statements = [(f"{kind}.{n}", sql) for kind, sqls in KIND_SQL.items() for n, sql in enumerate(sqls)]
    statements += list(extra.items())
    with connection.cursor() as cursor:
        for name, sql in statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, {"p": programme.pk, "y": 2025})
            plan = [row[0] for row in cursor.fetchall()]
            total = next((line for line in plan if line.startswith("Execution Time")), "")
            scans = sorted(
                {
                    m.group(0)
                    for line in plan
                    for m in re.finditer(r"(Seq|Index|Index Only|Bitmap Heap) Scan (using \S+ )?on \S+", line)
                }
            )
            print(f"== {name}: {total}; {'; '.join(scans)}")
            if not summary_only:
                print("\n".join(plan))


if __name__ == "__main__":
    main()
