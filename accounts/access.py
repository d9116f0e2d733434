"""Who may see what: the one place that scopes querysets by the user's role.

Department staff, centre leaders, viewers and administrators see the whole
province; a district officer sees only the records of their organisation's
administrative unit (and of the units it replaced or that replaced it is a
later question: today the match is on the unit recorded on each row).
Every view, report and export narrows its queryset through these helpers.
"""

from django.db.models import QuerySet

from accounts.models import Role, User
from budgets.models import Disbursement
from programs.models import Result
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
