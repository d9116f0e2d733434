"""A content type across the years and the programmes; a target across its programme's years."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DateField, Func, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from budgets.models import Disbursement
from policy.access import visible_disbursements, visible_projects, visible_results
from programs.actuals import effect_rows, effect_totals, sum_actuals
from programs.completion import completion
from programs.models import (
    AnnualPlanTarget,
    ContentCatalogue,
    LawContentType,
    Programme,
    TargetKind,
)
from projects.lifecycle import COUNTING_STATUSES
from projects.models import Project, ProjectOutput
from reports.plan import PlanData
from reports.rows import Column, Percent, Row, Table
from reports.scope import Scope, _sums
from reports.sql import Part, fetch_parts, queryset_part


def _catalogue_in_force() -> Coalesce:
    """The name of the content catalogue in force on a programme's decision date, in the same statement.

    A programme approved before the first catalogue is read with the first one (as Programme.catalogue).
    """
    day = Coalesce(
        OuterRef("decision_date"), Func(OuterRef("first_year"), 1, 1, function="make_date", output_field=DateField())
    )
    in_force = ContentCatalogue.objects.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    first = ContentCatalogue.objects.order_by("valid_from").values("name")[:1]
    return Coalesce(Subquery(in_force.order_by("-valid_from").values("name")[:1]), Subquery(first))


def _trend_tables(scope: Scope, metadata: dict[str, Part]) -> tuple[list[Table], PlanData]:
    """A content type across the years and the programmes, and a target across its programme's years.

    The programmes compared are those of the report's programme's province; for a national programme,
    the national programmes. `metadata` joins the statement of the two aggregates; its rows come back.
    """
    # A content type is compared across catalogue versions (2012, 2025) by its comparison key.
    law_type: int | None = int(scope.filters["law_type"]) if scope.filters.get("law_type") else None
    if law_type is None and scope.filters.get("content"):
        content = scope.programme.contents.filter(number=scope.filters["content"]).first()
        law_type = content.law_type.key if content else None
    # The programmes of the report's province, or the national programmes for a national one.
    unit_id = scope.programme.administrative_unit_id
    same_place = Q(administrative_unit_id=unit_id) if unit_id is not None else Q(administrative_unit__isnull=True)
    programmes = list(
        Programme.objects.filter(same_place)
        .annotate(catalogue_name=_catalogue_in_force())
        .order_by()
        .values_list("pk", "code", "administrative_unit__name", "catalogue_name")
    )
    codes = {pk: code for pk, code, _, _ in programmes}
    catalogues = sorted({(code, name) for _, code, _, name in programmes if name})
    place = programmes[0][2] if unit_id is not None else None
    projects = visible_projects(
        scope.user, Project.objects.filter(programme_id__in=list(codes), status__in=COUNTING_STATUSES)
    )
    disbursements = visible_disbursements(scope.user, Disbursement.objects.filter(programme_id__in=list(codes)))
    if law_type is not None:
        projects = projects.filter(content__law_type__key=law_type)
        disbursements = disbursements.filter(content__law_type__key=law_type)
    unit = scope.filters.get("unit")
    if unit:
        projects = projects.filter(administrative_unit_id=int(unit))
        disbursements = disbursements.filter(project__administrative_unit_id=int(unit))
    # Both aggregates in one statement, grouped by the programme's id rather than its joined code.
    parts = fetch_parts(
        {
            "projects": queryset_part(
                projects.values("programme_id", "year")
                .annotate(count=Count("id"), support=Sum("support_national") + Sum("support_local"))
                .order_by()
            ),
            "paid": queryset_part(
                disbursements.values("programme_id", "year").annotate(total=Sum("amount")).order_by()
            ),
            **metadata,
        }
    )
    counts = {(codes[r["programme_id"]], r["year"]): (r["count"], r["support"] or 0) for r in parts["projects"]}
    paid = {(codes[r["programme_id"]], r["year"]): r["total"] for r in parts["paid"]}
    keys = sorted(set(counts) | set(paid), key=lambda k: (k[1], k[0]))
    rows = [
        Row(
            cells={
                "programme": code,
                "year": year,
                "count": counts.get((code, year), (0, 0))[0],
                "support": counts.get((code, year), (0, 0))[1],
                "paid": paid.get((code, year), 0),
            },
            drill={"year": str(year)} if code == scope.programme.code else None,
        )
        for code, year in keys
    ]
    label = "tất cả các loại nội dung"
    if law_type is not None:
        law = LawContentType.objects.filter(key=law_type).order_by("catalogue__valid_from").first()
        label = f"loại nội dung {law}" if law else label
    tables = [
        Table(
            title=f"Đề án và giải ngân qua các năm: {label}",
            note=f"Gồm các chương trình khuyến công {f'của {place}' if place else 'quốc gia'}."
            + (
                " Danh mục nội dung áp dụng: " + "; ".join(f"{code}: {name}" for code, name in catalogues) + "."
                if catalogues
                else ""
            ),
            columns=[
                Column("programme", "Chương trình", "text", 18),
                Column("year", "Năm", "count", 8),
                Column("count", "Số đề án", "count", 10),
                Column("support", "Kinh phí hỗ trợ đề án", "money", 20),
                Column("paid", "Giải ngân", "money", 20),
            ],
            rows=rows,
            totals=[
                Row(
                    cells={
                        "programme": "Tổng cộng",
                        "year": None,
                        **{k: sum(r.cells[k] for r in rows) for k in ("count", "support", "paid")},
                    },
                    style="total",
                )
            ],
        )
    ]
    target_code = scope.filters.get("target")
    if target_code:
        target = scope.programme.targets.filter(code=target_code).first()
        if target:
            plans = dict(AnnualPlanTarget.objects.filter(target=target).values_list("annual_plan__year", "quantity"))
            delivered = _sums(
                ProjectOutput.objects.filter(
                    target=target, project__in=visible_projects(scope.user).filter(status__in=COUNTING_STATUSES)
                ),
                "project__year",
                "delivered",
            )
            reported = _sums(visible_results(scope.user, target.results.all()), "year", "quantity")
            # The effect after acceptance counts in the year of its project, as the outputs do.
            effects = (
                effect_rows(
                    [(target.pk, target.effect_measure)],
                    effect_totals(visible_projects(scope.user).filter(programme=scope.programme), "project__year"),
                    key="group",
                )
                if target.effect_measure
                else []
            )
            actuals = sum_actuals(delivered.items(), reported.items(), effects)
            year_rows = []
            for year in scope.programme.years:
                actual = actuals.get(year, Decimal(0))
                plan = plans.get(year)
                year_rows.append(
                    Row(
                        cells={
                            "year": year,
                            "plan": plan,
                            "actual": actual,
                            "percent": Percent.of(
                                completion(kind=TargetKind.EXACT, actual=actual, value=plan), target.percent_decimals
                            ),
                        },
                        drill={"year": str(year), "target": target.code},
                    )
                )
            tables.append(
                Table(
                    title=f"Chỉ tiêu qua các năm: {target.name} ({target.unit})",
                    columns=[
                        Column("year", "Năm", "count", 8),
                        Column("plan", "Kế hoạch năm", "number", 14),
                        Column("actual", "Thực hiện", "number", 14),
                        Column("percent", "Tỷ lệ hoàn thành", "percent", 12),
                    ],
                    rows=year_rows,
                )
            )
    return tables, parts
