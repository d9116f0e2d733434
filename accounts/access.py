"""Who may see what: the one place that scopes querysets by the user's role.

Department staff, centre leaders, viewers and administrators see the whole
province; a district officer sees only the records of their organisation's
administrative unit (and of the units it replaced or that replaced it is a
later question: today the match is on the unit recorded on each row).
Every view, report and export narrows its queryset through these helpers.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from budgets.models import Allocation, Disbursement
from programs.models import Programme, Result
from projects.models import Beneficiary, Project

PROVINCE_ROLES = (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER, Role.VIEWER, Role.ADMINISTRATOR)


def district_unit_id(user: User) -> int | None:
    """The unit a district officer is confined to; None for province-wide roles."""
    if user.role == Role.DISTRICT_OFFICER:
        # An officer without an organisation sees nothing rather than everything.
        return user.organisation.administrative_unit_id if user.organisation is not None else -1
    return None


def visible_projects(user: User, queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    queryset = Project.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    unit = district_unit_id(user)
    return queryset if unit is None else queryset.filter(administrative_unit_id=unit)


def visible_beneficiaries(user: User, queryset: QuerySet[Beneficiary] | None = None) -> QuerySet[Beneficiary]:
    queryset = Beneficiary.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    unit = district_unit_id(user)
    return queryset if unit is None else queryset.filter(administrative_unit_id=unit)


def visible_results(user: User, queryset: QuerySet[Result] | None = None) -> QuerySet[Result]:
    queryset = Result.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    unit = district_unit_id(user)
    return queryset if unit is None else queryset.filter(administrative_unit_id=unit)


def visible_disbursements(user: User, queryset: QuerySet[Disbursement] | None = None) -> QuerySet[Disbursement]:
    """A district officer sees the payments to their own unit's projects only."""
    queryset = Disbursement.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    unit = district_unit_id(user)
    return queryset if unit is None else queryset.filter(project__administrative_unit_id=unit)


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


def _get_visible(queryset: QuerySet, pk: object):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy.")) from None


def get_programme_for(user: User, pk: object, perm: str = "programs.view_programme") -> Programme:
    require(user, "programs.view_programme")
    programme = _get_visible(Programme.objects.select_related("owner", "administrative_unit"), pk)
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
    allocation = _get_visible(Allocation.objects.select_related("programme", "content"), pk)
    require(user, perm, allocation)
    return allocation


def get_disbursement_for(user: User, pk: object, perm: str = "budgets.view_disbursement") -> Disbursement:
    queryset = Disbursement.objects.select_related("programme", "content", "project")
    disbursement = _get_visible(visible_disbursements(user, queryset), pk)
    require(user, perm, disbursement)
    return disbursement


class SignedInRequest(HttpRequest):
    """What a view behind `login_required` receives: a request whose user is a real account."""

    user: User
