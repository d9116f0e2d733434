"""The API's reads: the pages' querysets and selectors, scoped by policy.access, as plain dicts.

Nothing here counts or divides on its own: a target's actual and completion are the programme page's
(`programs.selectors.programme_tree`, which sums through `programs.actuals.sum_actuals` and divides
through `programs.completion.completion`); money by content is the summary report's own table
(`reports.selectors.build_report`), so the API, the page and the report cannot disagree.
"""

from typing import Any

from django.db.models import QuerySet

from accounts.models import AdministrativeUnit, User
from api.schemas import plain_decimal
from budgets.models import Allocation, Disbursement
from policy.access import (
    visible_allocations,
    visible_disbursements,
    visible_programmes,
    visible_projects,
    visible_results,
)
from programs.models import AnnualPlanTarget, Programme
from programs.selectors import TargetProgress, programme_tree
from projects.models import Project
from reports.renderers import ILLUSTRATIVE_MARK
from reports.rows import Percent, Row
from reports.selectors import build_report

MONEY_TABLE = "Kinh phí thực hiện"


def _unit(unit: AdministrativeUnit | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "level": unit.level}


def notice(programme: Programme) -> dict[str, Any]:
    """The illustrative mark every page and export of a programme with invented figures carries."""
    return {
        "illustrative": programme.is_illustrative,
        "notice": ILLUSTRATIVE_MARK if programme.is_illustrative else "",
    }


def percent_out(percent: Percent) -> tuple[str | None, str]:
    """The value rounded as the report prints it (reports.renderers._plain does the same) and its text."""
    value = None if percent.value is None else plain_decimal(round(percent.value, percent.decimals))
    return value, percent.text


# ---------------------------------------------------------------- programmes


def programmes(
    user: User, *, level: str | None, status: str | None, year: int | None, unit: int | None
) -> QuerySet[Programme]:
    queryset = visible_programmes(user, Programme.objects.select_related("owner", "administrative_unit")).order_by(
        "-first_year", "code", "id"
    )
    if level:
        queryset = queryset.filter(level=level)
    if status:
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(first_year__lte=year, last_year__gte=year)
    if unit:
        queryset = queryset.filter(administrative_unit_id=unit)
    return queryset


def programme_out(programme: Programme) -> dict[str, Any]:
    return {
        "id": programme.pk,
        "code": programme.code,
        "name": programme.name,
        "level": programme.level,
        "status": programme.status,
        "first_year": programme.first_year,
        "last_year": programme.last_year,
        "decision_number": programme.decision_number,
        "decision_date": programme.decision_date,
        "decision_body": programme.decision_body,
        "planned_budget": programme.planned_budget,
        "administrative_unit": _unit(programme.administrative_unit),
        "owner": programme.owner.name,
        **notice(programme),
    }


def contents_out(programme: Programme) -> list[dict[str, Any]]:
    return [
        {
            "id": c.pk,
            "number": c.number,
            "title": c.title,
            "parent_id": c.parent_id,
            "depth": c.number.count(".") + 1,
            "law_type_code": c.law_type.code,
            "law_type_name": c.law_type.name,
        }
        for c in programme.contents.select_related("law_type").order_by("sort_key")
    ]


def targets_out(user: User, programme: Programme) -> list[dict[str, Any]]:
    """Every target in the programme page's order, with its plan, annual plans, actual and completion."""
    nodes, objectives = programme_tree(programme, projects=visible_projects(user), results=visible_results(user))
    annual: dict[int, list[dict[str, Any]]] = {}
    quantities = (
        AnnualPlanTarget.objects.filter(annual_plan__programme=programme)
        .values_list("target_id", "annual_plan__year", "quantity", "annual_plan__status")
        .order_by("annual_plan__year")
    )
    for target_id, year, quantity, plan_status in quantities:
        annual.setdefault(target_id, []).append(
            {"year": year, "quantity": plain_decimal(quantity), "plan_status": plan_status}
        )

    def out(progress: TargetProgress, content_number: str | None) -> dict[str, Any]:
        target = progress.target
        percent = Percent.of(progress.completion, target.percent_decimals)
        value, text = percent_out(percent)
        high = None if percent.high is None else plain_decimal(round(percent.high, percent.decimals))
        return {
            "id": target.pk,
            "code": target.code,
            "name": target.name,
            "unit": target.unit,
            "kind": target.kind,
            "content_id": target.content_id,
            "content_number": content_number,
            "value": plain_decimal(target.value),
            "low": plain_decimal(target.low),
            "high": plain_decimal(target.high),
            "target_year": target.target_year,
            "annual_plans": annual.get(target.pk, []),
            "actual": plain_decimal(progress.actual),
            "completion": {"percent": value, "percent_high": high, "met": percent.met, "text": text},
        }

    rows = [out(p, node.content.number) for node in nodes for p in node.targets]
    return rows + [out(p, None) for p in objectives]


# ---------------------------------------------------------------- projects and money


def projects(
    user: User,
    *,
    programme: int | None,
    year: int | None,
    status: str | None,
    unit: int | None,
    content: int | None,
) -> QuerySet[Project]:
    queryset = visible_projects(
        user,
        Project.objects.select_related("programme", "content", "administrative_unit", "implementing_organisation"),
    ).order_by("-year", "code", "id")
    if programme:
        queryset = queryset.filter(programme_id=programme)
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    if unit:
        queryset = queryset.filter(administrative_unit_id=unit)
    if content:
        queryset = queryset.filter(content_id=content)
    return queryset


def project_out(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "code": project.code,
        "title": project.title,
        "programme_id": project.programme_id,
        "programme_code": project.programme.code,
        "year": project.year,
        "content_id": project.content_id,
        "content_number": project.content.number,
        "kind": project.kind,
        "status": project.status,
        "administrative_unit": _unit(project.administrative_unit),
        "implementing_organisation": project.implementing_organisation.name,
        "support_national": project.support_national,
        "support_local": project.support_local,
        "counterpart": project.counterpart,
        "total_cost": project.total_cost,
        "settled_amount": project.settled_amount,
        "start_date": project.start_date,
        "end_date": project.end_date,
    }


def allocations(
    user: User, *, programme: int | None, year: int | None, funding_source: str | None
) -> QuerySet[Allocation]:
    queryset = visible_allocations(user, Allocation.objects.select_related("content")).order_by(
        "-year", "programme_id", "content__sort_key", "id"
    )
    if programme:
        queryset = queryset.filter(programme_id=programme)
    if year:
        queryset = queryset.filter(year=year)
    if funding_source:
        queryset = queryset.filter(funding_source=funding_source)
    return queryset


def allocation_out(allocation: Allocation) -> dict[str, Any]:
    return {
        "id": allocation.pk,
        "programme_id": allocation.programme_id,
        "year": allocation.year,
        "funding_source": allocation.funding_source,
        "content_id": allocation.content_id,
        "content_number": allocation.content.number,
        "amount": allocation.amount,
        "decision_number": allocation.decision_number,
        "decision_date": allocation.decision_date,
    }


def disbursements(
    user: User,
    *,
    programme: int | None,
    year: int | None,
    funding_source: str | None,
    project: int | None,
    unit: int | None,
) -> QuerySet[Disbursement]:
    queryset = visible_disbursements(user).order_by("-date", "-id")
    if programme:
        queryset = queryset.filter(programme_id=programme)
    if year:
        queryset = queryset.filter(year=year)
    if funding_source:
        queryset = queryset.filter(funding_source=funding_source)
    if project:
        queryset = queryset.filter(project_id=project)
    if unit:
        queryset = queryset.filter(project__administrative_unit_id=unit)
    return queryset


def disbursement_out(disbursement: Disbursement) -> dict[str, Any]:
    return {
        "id": disbursement.pk,
        "programme_id": disbursement.programme_id,
        "year": disbursement.year,
        "project_id": disbursement.project_id,
        "content_id": disbursement.content_id,
        "funding_source": disbursement.funding_source,
        "date": disbursement.date,
        "voucher_number": disbursement.voucher_number,
        "amount": disbursement.amount,
        "is_advance": disbursement.is_advance,
    }


def _money_row(row: Row) -> dict[str, Any]:
    cells = row.cells
    allocated_percent, allocated_text = percent_out(cells["allocated_percent"])
    disbursed_percent, disbursed_text = percent_out(cells["disbursed_percent"])
    return {
        "content_number": cells["number"],
        "content_title": cells["name"],
        "planned": cells["planned"],
        "allocated": cells["allocated"],
        "allocated_percent": allocated_percent,
        "allocated_percent_text": allocated_text,
        "disbursed": cells["disbursed"],
        "disbursed_percent": disbursed_percent,
        "disbursed_percent_text": disbursed_text,
    }


def money_out(user: User, programme: Programme, *, year: int | None) -> dict[str, Any]:
    """Planned, allocated and disbursed by content, from the summary report's own money table."""
    report = build_report("summary", programme=programme, user=user, year=year)
    table = next(t for t in report.tables if t.title == MONEY_TABLE)
    return {
        "programme_id": programme.pk,
        **notice(programme),
        "year": year,
        "note": table.note,
        "items": [_money_row(r) for r in table.rows],
        "total": _money_row(table.totals[0]),
    }
