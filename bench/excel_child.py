"""One Excel measurement in a fresh process, so that its peak memory is its own.

    python bench/excel_child.py export|openpyxl|import_export USERNAME

Prints one JSON line: seconds, rows, peak_rss_mb (the process's high-water mark,
Django included) and base_rss_mb (the mark before the export started).
"""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import time

from common import django_setup, peak_rss_mb


def main(mode: str, username: str) -> None:
    django_setup()
    from accounts.models import User
    from reports.exports import PROJECT_COLUMNS, STATUS_LABELS, project_rows, write_projects_xlsx

    user = User.objects.select_related("organisation").get(username=username)
    rows_written = 0
    with tempfile.TemporaryFile() as target:
        if mode == "export":
            base = peak_rss_mb()
            started = time.perf_counter()
            rows, total = project_rows(user)
            rows_written = write_projects_xlsx(rows, target, total=total)
            seconds = time.perf_counter() - started
        elif mode == "openpyxl":
            # The same cells, fetched beforehand: only the writing is timed.
            rows, _total = project_rows(user)
            data = list(rows)
            # The prefetched rows are a million live objects: keep the garbage collector from
            # walking them again and again, so that only openpyxl's own work is timed.
            gc.freeze()
            base = peak_rss_mb()
            from openpyxl import Workbook

            started = time.perf_counter()
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet("Đề án")
            sheet.append([title for title, _ in PROJECT_COLUMNS])
            for row in data:
                sheet.append(row)
            workbook.save(target)
            seconds = time.perf_counter() - started
            rows_written = len(data)
        elif mode == "import_export":
            from import_export import fields, resources

            from policy.access import visible_projects
            from projects.models import Project

            class ProjectResource(resources.ModelResource):
                status = fields.Field(attribute="status", column_name="Trạng thái")

                class Meta:
                    model = Project
                    fields = [path for _title, path in PROJECT_COLUMNS]
                    export_order = fields

                def dehydrate_status(self, project):
                    return STATUS_LABELS.get(project.status, project.status)

            # select_related, as its documentation advises: without it every row costs four queries.
            queryset = (
                visible_projects(user)
                .select_related("programme", "content", "administrative_unit", "implementing_organisation")
                .order_by("-year", "code")
            )
            base = peak_rss_mb()
            started = time.perf_counter()
            dataset = ProjectResource().export(queryset)
            target.write(dataset.export("xlsx"))
            seconds = time.perf_counter() - started
            rows_written = len(dataset)
        else:
            raise SystemExit(f"unknown mode {mode}")
    print(json.dumps({"seconds": seconds, "rows": rows_written, "peak_rss_mb": peak_rss_mb(), "base_rss_mb": base}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
