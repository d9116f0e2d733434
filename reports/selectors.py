"""The reports' entry points in one place, for the code that imports them from here.

The rows are built in modules that each hold one idea: `reports.rows` (the
shape), `reports.scope` (the scope and its SQL twin), `reports.plan` (summary
and annual), `reports.listings` (projects, payments, units), `reports.sources`,
`reports.trend`, `reports.particulars` (the document's particulars),
`reports.build` (`build_report`, the one entry) and `reports.overview`.
"""

from programs.services import YearOutsideProgramme
from reports.build import KINDS, UnknownReportKind, build_report
from reports.overview import STATUS_LABELS, Overview, TargetStatus, build_overview, elapsed_share
from reports.rows import BuiltRows, Column, Percent, Report, Row, Table
from reports.scope import FILTER_KEYS, Scope

__all__ = [
    "FILTER_KEYS",
    "KINDS",
    "STATUS_LABELS",
    "BuiltRows",
    "Column",
    "Overview",
    "Percent",
    "Report",
    "Row",
    "Scope",
    "Table",
    "TargetStatus",
    "UnknownReportKind",
    "YearOutsideProgramme",
    "build_overview",
    "build_report",
    "elapsed_share",
]
