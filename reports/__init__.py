"""Plan-vs-actual reports: one source of numbers, five renderings.

Entry points:

- `reports.selectors.build_report(kind, *, programme, user, year=None, until=None, filters=None) -> Report`
  computes every report's rows with aggregation in the database, scoped by
  the user through `policy.access` (kinds: summary, annual, units, sources,
  projects, trend, entries); `reports.selectors.build_overview(...)` feeds the
  leaders' overview page and its PDF. Summary, annual and the overview read every
  aggregate in one statement (`reports.sql.fetch_parts`) built from the scope's SQL
  conditions (`Scope.projects_sql` and the rest), which
  `tests/test_reports_sql.py` holds to the same rows as the scope's querysets.
- `reports.renderers.render_xlsx(report, fileobj)`, `render_csv(report, fileobj)`,
  `render_json(report) -> dict` and `reports.pdf.render_pdf(report) -> bytes`
  (WeasyPrint, fetching only the project's own static files through
  `reports.pdf.StaticOnlyFetcher`); the HTML page is `templates/reports/report.html`.
- `programs.completion` is the one place that divides actual by plan;
  `reports.narrative.sentences(report)` writes the figures as the seeds do and
  `reports.narrative.apply_edits(report, ...)` takes the text edited before export;
  `reports.export.render_report(report, fmt)` gives the bytes of any format (the
  views and the `export_report` command use it);
  `reports.charts` draws the SVG charts used on screen and in the PDF.
- `reports.cache` renders a PDF or workbook once per key (kind, format, parameters,
  data scope, the programmes' data versions that triggers bump, code, day) and
  serves it from storage after; the pages and the export worker share it.
"""
