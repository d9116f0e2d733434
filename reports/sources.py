"""The money by funding source."""

from __future__ import annotations

from budgets.models import FundingSource
from projects.lifecycle import COUNTING_STATUSES
from reports.plan import MONEY_COLUMNS, PlanData, _money_cells, _money_parts
from reports.rows import Column, Row, Table
from reports.scope import COUNTING_SQL, Scope
from reports.sql import Part


def _sources_parts(scope: Scope) -> dict[str, Part]:
    """The money by funding source and the support on counting projects, as parts of one statement."""
    parts = _money_parts(scope, "b.funding_source")
    projects, params = scope.projects_sql("j")
    parts["on_projects"] = (
        # Named after the funding sources they are: national, local, counterpart.
        "SELECT SUM(j.support_national) AS national, SUM(j.support_local) AS local, "
        f"SUM(j.counterpart) AS counterpart FROM projects_project j WHERE {projects} AND j.status IN ({COUNTING_SQL})",
        [*params, *COUNTING_STATUSES],
    )
    return parts


def _sources_table(scope: Scope, parts: PlanData) -> Table:
    planned, allocated, disbursed = (
        {r["funding_source"]: r["total"] for r in parts[name]} for name in ("planned", "allocated", "disbursed")
    )
    on_projects = {source.value: sum(r[source.value] or 0 for r in parts["on_projects"]) for source in FundingSource}
    unit_scoped = scope.unit_scoped
    rows = []
    for source in FundingSource:
        rows.append(
            Row(
                cells={
                    "name": str(source.label),
                    **_money_cells(
                        scope.programme,
                        None if unit_scoped else planned.get(source.value, 0),
                        None if unit_scoped else allocated.get(source.value, 0),
                        disbursed.get(source.value, 0),
                    ),
                    "on_projects": on_projects[source.value],
                },
                drill={"source": source.value},
                drill_kind="projects" if source == FundingSource.COUNTERPART else "entries",
            )
        )
    totals = [
        Row(
            cells={
                "name": "Tổng cộng",
                **_money_cells(
                    scope.programme,
                    None if unit_scoped else sum(planned.values()),
                    None if unit_scoped else sum(allocated.values()),
                    sum(disbursed.values()),
                ),
                "on_projects": sum(on_projects.values()),
            },
            style="total",
        )
    ]
    return Table(
        title="Kinh phí theo nguồn",
        columns=[
            Column("name", "Nguồn kinh phí", "text", 34),
            *MONEY_COLUMNS,
            Column("on_projects", "Kinh phí trên các đề án", "money", 18),
        ],
        rows=rows,
        totals=totals,
    )
