"""Who may see what: the one place that scopes querysets by the user's role.

Two scopes nest. The province (tenancy): department staff, centre leaders
and viewers see only their own province's records, the province being the
one above their organisation's administrative unit, together with the
provinces merged into it or that it merged into (Bắc Giang into Bắc Ninh on
1/7/2025) and every unit below any of them, so records kept on an abolished
district stay visible. The ministry officer and the administrator read every
province. Inside the province, a unit-confined officer (the district officer
of old offices, the commune officer after 1/7/2025) sees only the records of
their organisation's unit and of the units it took over (its predecessors,
whole or in part).

A record's province: a local programme's province for the programme and
everything under it; for a national programme, the province of the unit each
project, result or payment is carried out in. The national programme itself,
its plan, allocations and results kept without a unit are read by everyone.

Every view, report and export narrows its queryset through these helpers.
The unit sets are recursive CTEs, read once per request into lists of ids
(`_unit_ids` says why), so scoping adds one query to a page.
"""

from typing import TYPE_CHECKING

import rules
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import connections, router
from django.db.models import Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import AdministrativeUnit, AdministrativeUnitQuerySet, Role, User
from attachments.models import Attachment
from budgets.models import Allocation, Disbursement
from portal.models import Registration
from programs.models import AnnualPlan, Programme, ProgrammeLevel, Result
from projects.models import Beneficiary, Project

if TYPE_CHECKING:  # execution stands above projects: its models are imported where they are used
    from execution.models import Appraisal, Inspection, ProgressReport

# Roles confined to the units of their own office: data, not a special case per role.
UNIT_CONFINED_ROLES = (Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER)
# Roles that read every province.
NATIONWIDE_ROLES = (Role.MINISTRY_OFFICER, Role.ADMINISTRATOR)
PROVINCE_ROLES = (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER, Role.VIEWER, Role.ADMINISTRATOR)

_UNIT = AdministrativeUnit._meta.db_table
_SUCCESSION = AdministrativeUnit.successors.through._meta.db_table
_ORGANISATION = "accounts_organisation"

# The units of the organisation's province: up from the organisation's unit to its province,
# across successor links between provinces (merged provinces are one tenant), then down.
# Down goes through LATERAL (kept apart by OFFSET 0) so that each level reads its children by
# the parent index: joined plainly, PostgreSQL merged every level with all 14.000 units (6 ms, now 1,5).
_PROVINCE_UNITS_SQL = f"""
WITH RECURSIVE
  up(id, parent_id, level) AS (
    SELECT u.id, u.parent_id, u.level FROM {_UNIT} u
      JOIN {_ORGANISATION} o ON o.administrative_unit_id = u.id WHERE o.id = %s
    UNION SELECT p.id, p.parent_id, p.level FROM {_UNIT} p JOIN up ON p.id = up.parent_id
  ),
  family(id) AS (
    SELECT id FROM up WHERE level = 'province'
    UNION SELECT linked.id FROM family f CROSS JOIN LATERAL (
      SELECT s.to_administrativeunit_id FROM {_SUCCESSION} s WHERE s.from_administrativeunit_id = f.id
      UNION ALL SELECT s.from_administrativeunit_id FROM {_SUCCESSION} s WHERE s.to_administrativeunit_id = f.id
    ) AS linked(id)
  ),
  below(id) AS (
    SELECT id FROM family
    UNION SELECT c.id FROM below CROSS JOIN LATERAL (
      SELECT c.id FROM {_UNIT} c WHERE c.parent_id = below.id OFFSET 0
    ) AS c
  )
SELECT id FROM below
"""  # noqa: S608  table names from the models; the one value is a parameter

# The same tenant seen from a record instead of a user: the units of the province of a given unit.
_UNIT_PROVINCE_UNITS_SQL = _PROVINCE_UNITS_SQL.replace(
    f"JOIN {_ORGANISATION} o ON o.administrative_unit_id = u.id WHERE o.id = %s", "WHERE u.id = %s"
)
if _UNIT_PROVINCE_UNITS_SQL == _PROVINCE_UNITS_SQL:
    raise RuntimeError("the province SQL changed: adapt its variant seen from a record")

# The units a confined officer works on: their office's unit and, transitively, the units it took over.
_OFFICER_UNITS_SQL = f"""
WITH RECURSIVE mine(id) AS (
    SELECT administrative_unit_id FROM {_ORGANISATION} WHERE id = %s
    UNION SELECT s.from_administrativeunit_id FROM {_SUCCESSION} s JOIN mine m ON s.to_administrativeunit_id = m.id
)
SELECT id FROM mine
"""  # noqa: S608  table names from the models; the one value is a parameter


def is_nationwide(user: User) -> bool:
    return user.role in NATIONWIDE_ROLES


def is_unit_confined(user: User) -> bool:
    return user.role in UNIT_CONFINED_ROLES


def is_beneficiary(user: User) -> bool:
    """A beneficiary's account sees its own establishment's records and nothing else."""
    return user.is_authenticated and user.role == Role.BENEFICIARY


def _own_project_ids(user: User) -> QuerySet:
    # A subquery (no extra query): the projects the user's establishment benefits from.
    return Project.beneficiaries.through.objects.filter(beneficiary_id=user.beneficiary_id or -1).values("project_id")


def province_units(user: User) -> RawSQL:
    """A subquery of the ids of every unit in the user's province (old and new units alike)."""
    return _as_subquery(_unit_ids(user, _PROVINCE_UNITS_SQL))


def _as_subquery(ids: tuple[int, ...]) -> RawSQL:
    # One array parameter rather than an IN list of hundreds: the SQL stays short to build and to
    # parse, and PostgreSQL estimates the unnest of a constant array by its length.
    return RawSQL("SELECT unnest(%s::integer[])", (list(ids),))  # noqa: S611  fixed SQL, ids as one parameter


def _unit_ids(user: User, sql: str) -> tuple[int, ...]:
    """The ids a unit-set CTE gives for the user's organisation, read once per user object (one request).

    Ids, not the CTE as a subquery: PostgreSQL cannot estimate a recursive CTE (it guessed
    900.000 rows for a province of 700) and, inside an OR, ran it as a plain subplan per row,
    so a scoped programme page spent 70 ms in one query. A list of ids is estimated exactly.
    """
    memo: dict[tuple[str, int | None], tuple[int, ...]] = user.__dict__.setdefault("_scope_unit_ids", {})
    key = (sql, user.organisation_id)
    if key not in memo:
        # An account without an organisation belongs to no unit and sees none (-1 matches no row).
        with connections[router.db_for_read(AdministrativeUnit)].cursor() as cursor:
            cursor.execute(sql, [user.organisation_id or -1])
            memo[key] = tuple(sorted(row[0] for row in cursor.fetchall() if row[0] is not None))
    return memo[key]


def units_sharing_province(unit_id: int | None) -> RawSQL:
    """A subquery of every unit in the province of `unit_id` (merged provinces are one tenant).

    The converse of `province_units`: a province-wide user whose organisation sits on one of
    these units has that unit's records in scope (used to find whom to notify of a record).
    """
    return RawSQL(_UNIT_PROVINCE_UNITS_SQL, (unit_id or -1,))  # noqa: S611  fixed SQL, value as parameter


def officer_units(user: User) -> RawSQL:
    """A subquery of the ids of the units a confined officer may work on."""
    return _as_subquery(_unit_ids(user, _OFFICER_UNITS_SQL))


def visible_units(user: User, queryset: AdministrativeUnitQuerySet | None = None) -> AdministrativeUnitQuerySet:
    """The units a user may pick or filter by: their own units, their province's, or all."""
    queryset = AdministrativeUnit.objects.all() if queryset is None else queryset
    if not user.is_authenticated or is_beneficiary(user):
        return queryset.none()
    if is_unit_confined(user):
        return queryset.filter(pk__in=officer_units(user))
    if is_nationwide(user):
        return queryset
    return queryset.filter(pk__in=province_units(user))


def unit_scope_sql(user: User, programme: Programme, column: str) -> tuple[str, list] | None:
    """A raw-SQL condition on `column` (a row's unit) for the reports' hand-written SQL, or None.

    The same scope as `_scoped`: a confined officer's units; for a national programme, the
    user's province (rows without a unit are the programme's own, read by all). A local
    programme was already fetched through `visible_programmes`, so it needs no condition.
    """
    if is_unit_confined(user):
        return f"{column} IN ({_OFFICER_UNITS_SQL})", [user.organisation_id or -1]
    if is_nationwide(user) or programme.level != ProgrammeLevel.NATIONAL:
        return None
    return f"({column} IS NULL OR {column} IN ({_PROVINCE_UNITS_SQL}))", [user.organisation_id or -1]


def district_unit_id(user: User) -> int | None:
    """The own unit of a unit-confined officer (district or commune); None for the other roles.

    The unit to preselect in forms. The full set an officer may see (with the
    units their office took over) is `officer_units`.
    """
    if is_unit_confined(user):
        # An officer without an organisation sees nothing rather than everything.
        return user.organisation.administrative_unit_id if user.organisation is not None else -1
    return None


def _scoped(user: User, queryset: QuerySet, *, local: str, national: str, national_open: Q | None = None) -> QuerySet:
    """Narrow `queryset` to the user's province and, for a confined officer, their units.

    `local` names the path to the programme of the row (whose unit is the province of a
    local programme); `national` names the unit of the row itself, which places a national
    programme's row in a province. `national_open` matches rows of a national programme
    that belong to no province (the programme's own plan), which everyone reads.
    """
    if not user.is_authenticated or is_beneficiary(user):
        return queryset.none()
    if is_unit_confined(user):
        return queryset.filter(**{f"{national}__in": officer_units(user)})
    if is_nationwide(user):
        return queryset
    units = province_units(user)
    national_rows = Q(**{f"{national}__in": units})
    if national_open is not None:
        national_rows |= national_open
    return queryset.filter(
        Q(**{f"{local}__level": ProgrammeLevel.LOCAL, f"{local}__administrative_unit_id__in": units})
        | (Q(**{f"{local}__level": ProgrammeLevel.NATIONAL}) & national_rows)
    )


def visible_programmes(user: User, queryset: QuerySet[Programme] | None = None) -> QuerySet[Programme]:
    """Local programmes of the user's province, and the national programmes, which every province reads."""
    queryset = Programme.objects.all() if queryset is None else queryset
    if not user.is_authenticated or is_beneficiary(user):
        return queryset.none()
    if is_nationwide(user):
        return queryset
    return queryset.filter(Q(level=ProgrammeLevel.NATIONAL) | Q(administrative_unit_id__in=province_units(user)))


def managed_programmes(user: User, queryset: QuerySet[Programme] | None = None) -> QuerySet[Programme]:
    """The programmes whose plan and money the user manages (as `manages_programme` in policy.rules).

    A province's planners manage its local programmes; the ministry officer the national ones;
    the administrator (who locks years for any programme) all. The others none.
    """
    queryset = visible_programmes(user, queryset)
    if user.role in (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER):
        return queryset.filter(level=ProgrammeLevel.LOCAL)
    if user.role == Role.MINISTRY_OFFICER:
        return queryset.filter(level=ProgrammeLevel.NATIONAL)
    if user.role == Role.ADMINISTRATOR:
        return queryset
    return queryset.none()


def visible_annual_plans(user: User, queryset: QuerySet[AnnualPlan] | None = None) -> QuerySet[AnnualPlan]:
    queryset = AnnualPlan.objects.all() if queryset is None else queryset
    return queryset.filter(programme__in=visible_programmes(user))


def visible_allocations(user: User, queryset: QuerySet[Allocation] | None = None) -> QuerySet[Allocation]:
    """Allocations are a programme's: its province's, or the national programme's, read by all."""
    queryset = Allocation.objects.all() if queryset is None else queryset
    return queryset.filter(programme__in=visible_programmes(user))


def visible_projects(user: User, queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    queryset = Project.objects.all() if queryset is None else queryset
    if is_beneficiary(user):
        return queryset.filter(pk__in=_own_project_ids(user))
    return _scoped(user, queryset, local="programme", national="administrative_unit_id")


def visible_beneficiaries(user: User, queryset: QuerySet[Beneficiary] | None = None) -> QuerySet[Beneficiary]:
    queryset = Beneficiary.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_beneficiary(user):
        return queryset.filter(pk=user.beneficiary_id or -1)
    if is_unit_confined(user):
        return queryset.filter(administrative_unit_id__in=officer_units(user))
    if is_nationwide(user):
        return queryset
    return queryset.filter(administrative_unit_id__in=province_units(user))


def visible_results(user: User, queryset: QuerySet[Result] | None = None) -> QuerySet[Result]:
    queryset = Result.objects.all() if queryset is None else queryset
    return _scoped(
        user,
        queryset,
        local="target__programme",
        national="administrative_unit_id",
        national_open=Q(administrative_unit__isnull=True),
    )


def visible_disbursements(user: User, queryset: QuerySet[Disbursement] | None = None) -> QuerySet[Disbursement]:
    """A confined officer sees the payments to their own units' projects only."""
    queryset = Disbursement.objects.all() if queryset is None else queryset
    if is_beneficiary(user):
        return queryset.filter(project_id__in=_own_project_ids(user))
    return _scoped(
        user,
        queryset,
        local="programme",
        national="project__administrative_unit_id",
        national_open=Q(project__isnull=True),
    )


# --- Access helpers: every view fetches its object through one of these. ---
#
# Each returns the object or raises: 404 when the user may not even see it
# (so a district officer cannot learn that another unit's record exists),
# 403 when they may see it but not do `perm` to it. Rules are asked through
# `rules.has_perm` rather than `user.has_perm`, so that a superuser flag does
# not grant the life-cycle powers of a centre leader.


def may(user: User, perm: str, obj: object | None = None) -> bool:
    return rules.has_perm(perm, user, obj)


def require(user: User, perm: str, obj: object | None = None) -> None:
    if not may(user, perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _get_visible[M: Model](queryset: QuerySet[M], pk: object) -> M:
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy.")) from None


def get_programme_for(user: User, pk: object, perm: str = "programs.view_programme") -> Programme:
    require(user, "programs.view_programme")
    programme = _get_visible(
        visible_programmes(user, Programme.objects.select_related("owner", "administrative_unit")), pk
    )
    require(user, perm, programme)
    return programme


def get_project_for(user: User, pk: object, perm: str = "projects.view_project") -> Project:
    queryset = Project.objects.select_related(
        "programme", "content", "administrative_unit", "implementing_organisation", "created_by"
    )
    project = _get_visible(visible_projects(user, queryset), pk)
    require(user, perm, project)
    return project


def get_beneficiary_for(user: User, pk: object, perm: str = "projects.view_beneficiary") -> Beneficiary:
    beneficiary = _get_visible(
        visible_beneficiaries(user, Beneficiary.objects.select_related("administrative_unit")), pk
    )
    require(user, perm, beneficiary)
    return beneficiary


def get_result_for(user: User, pk: object, perm: str = "programs.view_result") -> Result:
    queryset = Result.objects.select_related("target__programme", "administrative_unit", "organisation")
    result = _get_visible(visible_results(user, queryset), pk)
    require(user, perm, result)
    return result


def get_allocation_for(user: User, pk: object, perm: str = "budgets.view_allocation") -> Allocation:
    require(user, "budgets.view_allocation")
    allocation = _get_visible(visible_allocations(user, Allocation.objects.select_related("programme", "content")), pk)
    require(user, perm, allocation)
    return allocation


def get_disbursement_for(user: User, pk: object, perm: str = "budgets.view_disbursement") -> Disbursement:
    queryset = Disbursement.objects.select_related("programme", "content", "project")
    disbursement = _get_visible(visible_disbursements(user, queryset), pk)
    require(user, perm, disbursement)
    return disbursement


def get_attachment_for(user: User, pk: object, perm: str = "projects.view_project") -> Attachment:
    """A file is reached through the record it belongs to: the same helper, the same 404, the same rule."""
    attachment = _get_visible(Attachment.objects.select_related("kind"), pk)
    attachment.project = get_project_for(user, attachment.project_id, perm)
    return attachment


def visible_registrations(user: User, queryset: QuerySet[Registration] | None = None) -> QuerySet[Registration]:
    """Online registrations of beneficiaries: the province's, to its staff (by the commune registered)."""
    queryset = Registration.objects.all() if queryset is None else queryset
    if not user.is_authenticated or is_beneficiary(user) or is_unit_confined(user):
        return queryset.none()
    if is_nationwide(user):
        return queryset
    return queryset.filter(administrative_unit_id__in=province_units(user))


def get_registration_for(user: User, pk: object, perm: str = "portal.decide_registration") -> Registration:
    queryset = Registration.objects.select_related("user", "administrative_unit__parent", "beneficiary")
    registration = _get_visible(visible_registrations(user, queryset), pk)
    require(user, perm, registration)
    return registration


class SignedInRequest(HttpRequest):
    """What a view behind `login_required` receives: a request whose user is a real account."""

    user: User


# --- A project under way (execution): each record is reached through its project's helper. ---


def _get_through_project[Record: Model](user: User, model: type[Record], pk: object, perm: str) -> Record:
    """A record of a project: 404 unless the project itself is visible to the user, then the rule."""
    record = _get_visible(model._default_manager.all(), pk)
    record.project = get_project_for(user, record.project_id)  # type: ignore[attr-defined]  # every execution record has a project
    require(user, perm, record.project)  # type: ignore[attr-defined]  # as above
    return record


def get_inspection_for(user: User, pk: object, perm: str = "projects.view_project") -> "Inspection":
    from execution.models import Inspection  # execution stands above projects and attachments

    return _get_through_project(user, Inspection, pk, perm)


def get_progress_report_for(user: User, pk: object, perm: str = "projects.view_project") -> "ProgressReport":
    from execution.models import ProgressReport

    return _get_through_project(user, ProgressReport, pk, perm)


def get_appraisal_for(user: User, pk: object, perm: str = "projects.view_project") -> "Appraisal":
    from execution.models import Appraisal

    return _get_through_project(user, Appraisal, pk, perm)
