"""The scope of a report and its SQL twin, side by side.

The programme, the user's reach, the period and the filters, applied to each
queryset (`Scope.projects()` and the rest) and written once more as SQL
conditions (`Scope.projects_sql()` and the rest) for the one-statement reports;
tests/test_reports_sql.py holds the two to the same rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum

from accounts.models import User
from budgets.models import Allocation, Disbursement, FundingSource, PlannedBudget
from policy.access import (
    district_unit_id,
    is_unit_confined,
    unit_scope_sql,
    visible_disbursements,
    visible_projects,
    visible_results,
)
from programs.models import (
    Programme,
    Result,
)
from projects.lifecycle import COUNTING_STATUSES
from projects.models import Project, ProjectOutput
from reports.sql import Part

FILTER_KEYS = ("unit", "content", "source", "status", "target", "law_type", "units_as")
# How the units report groups: by the unit each project was recorded with, or by the unit in force today.
UNITS_AS_RECORDED = "recorded"
UNITS_AS_TODAY = "today"
COUNTING_SQL = ", ".join(["%s"] * len(COUNTING_STATUSES))  # placeholders for the statuses that count


@dataclass
class Scope:
    """The programme, the user's reach, the period and the filters, applied to each queryset."""

    programme: Programme
    user: User
    year: int | None = None
    until: dt.date | None = None
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def unit_id(self) -> int | None:
        """The unit the report is confined to: the filter's, else a confined officer's own.

        An officer's filter may name any unit of their set (policy.access.officer_units: a
        commune and the old units it took over); the report's data is scoped to that set anyway.
        """
        if unit := self.filters.get("unit"):
            return int(unit)
        return district_unit_id(self.user)

    def _content_filter(self, prefix: str) -> Q:
        number = self.filters.get("content")
        if not number:
            return Q()
        return Q(**{f"{prefix}number": number}) | Q(**{f"{prefix}number__startswith": f"{number}."})

    def projects(self) -> QuerySet[Project]:
        queryset = visible_projects(self.user, Project.objects.filter(programme=self.programme))
        if self.year:
            queryset = queryset.filter(year=self.year)
        if self.until:
            queryset = queryset.filter(Q(year__lt=self.until.year) | Q(year=self.until.year, end_date__lte=self.until))
        unit = self.filters.get("unit")
        if unit:
            queryset = queryset.filter(administrative_unit_id=int(unit))
        queryset = queryset.filter(self._content_filter("content__"))
        source = self.filters.get("source")
        if source == FundingSource.NATIONAL:
            queryset = queryset.filter(support_national__gt=0)
        elif source == FundingSource.LOCAL:
            queryset = queryset.filter(support_local__gt=0)
        elif source == FundingSource.COUNTERPART:
            queryset = queryset.filter(counterpart__gt=0)
        return queryset

    def listed_projects(self) -> QuerySet[Project]:
        """`projects()` under the listing's own filters too: status, target and content type by law."""
        queryset = self.projects()
        if status := self.filters.get("status"):
            queryset = queryset.filter(status=status)
        if target := self.filters.get("target"):
            outputs = ProjectOutput.objects.filter(target__programme=self.programme, target__code=target)
            queryset = queryset.filter(pk__in=outputs.values("project_id"))
        if law_type := self.filters.get("law_type"):
            queryset = queryset.filter(content__law_type__code=int(law_type))
        return queryset

    def results(self) -> QuerySet[Result]:
        queryset = visible_results(self.user, Result.objects.filter(target__programme=self.programme))
        if self.year:
            queryset = queryset.filter(year=self.year)
        if self.until:
            # Results carry a year, not a date: a year counts in full from its start.
            queryset = queryset.filter(year__lte=self.until.year)
        unit = self.filters.get("unit")
        if unit:
            queryset = queryset.filter(administrative_unit_id=int(unit))
        return queryset.filter(self._content_filter("target__content__"))

    def _money(self, queryset: QuerySet, year_field: str) -> QuerySet:
        if self.year:
            queryset = queryset.filter(**{year_field: self.year})
        if self.until:
            queryset = queryset.filter(**{f"{year_field}__lte": self.until.year})
        if self.filters.get("source"):
            queryset = queryset.filter(funding_source=self.filters["source"])
        return queryset.filter(self._content_filter("content__"))

    @property
    def unit_scoped(self) -> bool:
        return self.unit_id is not None

    def planned(self) -> QuerySet[PlannedBudget]:
        """Plans are the programme's, not a unit's: a unit-scoped report shows none."""
        queryset = self._money(PlannedBudget.objects.filter(annual_plan__programme=self.programme), "annual_plan__year")
        return queryset.none() if self.unit_scoped else queryset

    def allocated(self) -> QuerySet[Allocation]:
        queryset = self._money(Allocation.objects.filter(programme=self.programme), "year")
        return queryset.none() if self.unit_scoped else queryset

    def disbursed(self) -> QuerySet[Disbursement]:
        queryset = self._money(
            visible_disbursements(self.user, Disbursement.objects.filter(programme=self.programme)), "year"
        )
        if self.until:
            queryset = queryset.filter(date__lte=self.until)
        unit = self.filters.get("unit")
        if unit:
            queryset = queryset.filter(project__administrative_unit_id=int(unit))
        return queryset

    # ------------------------------------------------------------ the same scope in SQL
    #
    # Summary and annual reports read a dozen small aggregates; as ORM queries their
    # compilation and round trips cost more than the database's work, so they are
    # written here once as SQL conditions and sent as one statement
    # (`reports.sql.fetch_parts`). Each method must select exactly the rows of its
    # ORM twin above: tests/test_reports_sql.py compares the two over every role
    # and filter.

    def _content_ids_sql(self) -> Part:
        """The programme's contents under the content filter, as an IN-list subquery."""
        number = self.filters["content"]
        prefix = number.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%"
        return (
            "(SELECT id FROM programs_content WHERE programme_id = %s AND (number = %s OR number LIKE %s))",
            [self.programme.pk, number, prefix],
        )

    def _unit_and_year_sql(self, alias: str) -> tuple[list[str], list[Any]]:
        """What projects and results share: the officer's own unit, the year, the unit filter."""
        conditions: list[str] = []
        params: list[Any] = []
        # Tenancy (policy.access): the officer's units, or the province's for a national programme.
        if (scope := unit_scope_sql(self.user, self.programme, f"{alias}.administrative_unit_id")) is not None:
            conditions.append(scope[0])
            params.extend(scope[1])
        if (unit := self.filters.get("unit")) is not None:
            conditions.append(f"{alias}.administrative_unit_id = %s")
            params.append(int(unit))
        if self.year:
            conditions.append(f"{alias}.year = %s")
            params.append(self.year)
        return conditions, params

    def projects_sql(self, alias: str = "j", *, until: bool = True) -> Part:
        """WHERE conditions on projects_project `alias`, as `projects()` applies them."""
        if not self.user.is_authenticated:
            return "FALSE", []
        shared, shared_params = self._unit_and_year_sql(alias)
        conditions, params = [f"{alias}.programme_id = %s", *shared], [self.programme.pk, *shared_params]
        if until and (cut_off := self.until_sql(alias))[0]:
            conditions.append(cut_off[0])
            params += cut_off[1]
        if self.filters.get("content"):
            subquery, subparams = self._content_ids_sql()
            conditions.append(f"{alias}.content_id IN {subquery}")
            params += subparams
        column = {
            FundingSource.NATIONAL.value: "support_national",
            FundingSource.LOCAL.value: "support_local",
            FundingSource.COUNTERPART.value: "counterpart",
        }.get(self.filters.get("source", ""))
        if column:
            conditions.append(f"{alias}.{column} > 0")
        return " AND ".join(conditions), params

    def listed_projects_sql(self, alias: str = "j") -> Part:
        """WHERE conditions on projects_project `alias`, as `listed_projects()` applies them."""
        where, params = self.projects_sql(alias)
        if status := self.filters.get("status"):
            where += f" AND {alias}.status = %s"
            params.append(status)
        if target := self.filters.get("target"):
            where += (
                f" AND {alias}.id IN (SELECT o.project_id FROM projects_projectoutput o"
                " JOIN programs_target t ON t.id = o.target_id WHERE t.programme_id = %s AND t.code = %s)"
            )
            params += [self.programme.pk, target]
        if law_type := self.filters.get("law_type"):
            where += (
                f" AND {alias}.content_id IN (SELECT c.id FROM programs_content c"
                " JOIN programs_lawcontenttype l ON l.id = c.law_type_id WHERE l.code = %s)"
            )
            params.append(int(law_type))
        return where, params

    def until_sql(self, alias: str = "j") -> Part:
        """The cut-off date's condition on projects `alias` (empty without one): finished by that day."""
        if not self.until:
            return "", []
        return (
            f"({alias}.year < %s OR ({alias}.year = %s AND {alias}.end_date <= %s))",
            [self.until.year, self.until.year, self.until],
        )

    def results_sql(self, alias: str = "r", target: str = "t") -> Part:
        """WHERE conditions on programs_result `alias` joined to its programs_target `target`."""
        if not self.user.is_authenticated:
            return "FALSE", []
        shared, shared_params = self._unit_and_year_sql(alias)
        conditions, params = [f"{target}.programme_id = %s", *shared], [self.programme.pk, *shared_params]
        if self.until:
            conditions.append(f"{alias}.year <= %s")
            params.append(self.until.year)
        if self.filters.get("content"):
            subquery, subparams = self._content_ids_sql()
            conditions.append(f"{target}.content_id IN {subquery}")
            params += subparams
        return " AND ".join(conditions), params

    def _money_sql(self, alias: str, year_column: str) -> Part:
        conditions: list[str] = []
        params: list[Any] = []
        if self.year:
            conditions.append(f"{year_column} = %s")
            params.append(self.year)
        if self.until:
            conditions.append(f"{year_column} <= %s")
            params.append(self.until.year)
        if source := self.filters.get("source"):
            conditions.append(f"{alias}.funding_source = %s")
            params.append(source)
        if self.filters.get("content"):
            subquery, subparams = self._content_ids_sql()
            conditions.append(f"{alias}.content_id IN {subquery}")
            params += subparams
        return "".join(f" AND {c}" for c in conditions), params

    def planned_sql(self, alias: str = "b", plan: str = "a") -> Part:
        """FROM and WHERE of `planned()`: budgets_plannedbudget `alias` joined to its annual plan."""
        tables = f"budgets_plannedbudget {alias} JOIN programs_annualplan {plan} ON {plan}.id = {alias}.annual_plan_id"
        if self.unit_scoped:
            return f"{tables} WHERE FALSE", []
        more, params = self._money_sql(alias, f"{plan}.year")
        return f"{tables} WHERE {plan}.programme_id = %s{more}", [self.programme.pk, *params]

    def allocated_sql(self, alias: str = "b") -> Part:
        """FROM and WHERE of `allocated()`."""
        if self.unit_scoped:
            return f"budgets_allocation {alias} WHERE FALSE", []
        more, params = self._money_sql(alias, f"{alias}.year")
        return f"budgets_allocation {alias} WHERE {alias}.programme_id = %s{more}", [self.programme.pk, *params]

    def disbursed_sql(self, alias: str = "d") -> Part:
        """FROM and WHERE of `disbursed()`: a unit reaches payments through their project."""
        if not self.user.is_authenticated:
            return f"budgets_disbursement {alias} WHERE FALSE", []
        more, params = self._money_sql(alias, f"{alias}.year")
        if self.until:
            more += f" AND {alias}.date <= %s"
            params.append(self.until)
        # Tenancy (policy.access): payments to projects of the officer's or the province's units.
        scope = unit_scope_sql(self.user, self.programme, "p.administrative_unit_id")
        if scope is not None:
            more += f" AND ({alias}.project_id IS NULL AND %s OR {alias}.project_id IN"
            more += f" (SELECT p.id FROM projects_project p WHERE {scope[0]}))"
            params.extend([not is_unit_confined(self.user), *scope[1]])
        for unit in [u for u in (self.filters.get("unit"),) if u is not None]:
            more += f" AND {alias}.project_id IN (SELECT id FROM projects_project WHERE administrative_unit_id = %s)"
            params.append(int(unit))
        return f"budgets_disbursement {alias} WHERE {alias}.programme_id = %s{more}", [self.programme.pk, *params]


def _sums(queryset: QuerySet, key: str, amount: str) -> dict[Any, Any]:
    return {row[key]: row["total"] or 0 for row in queryset.values(key).annotate(total=Sum(amount)).order_by()}
