"""Who may do what: every permission of the pages, in one place.

Predicates look at the user's role and, for objects, at the administrative
unit the object belongs to and whether its programme is national. Views never
test roles themselves: they call the access helpers in `policy.access`,
which fetch an object only through the user's province scope (another
province's record is a 404 before any rule is asked) and then ask these rules.

The national programme is managed by the ministry officer (its plan,
allocations and the ministry's appraisal); a province's staff propose and
first-appraise national projects carried out in their province, and read the
national programme itself. The ministry officer changes no local programme.
"""

from typing import Any

import rules
from rules import Predicate

from accounts.models import Role, User

PLANNERS = (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER)

# The rules are asked about records of every app (programme, plan, target, project, payment, result) and
# read them by their attributes; accounts imports no domain model, so a record is typed loosely.
type Record = Any


def _role_in(*roles: str) -> Predicate:
    @rules.predicate(name=f"role_in_{'_'.join(roles)}")
    def has_role(user: User) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in roles)

    return has_role


is_staff_member = _role_in(Role.DEPARTMENT_STAFF)
is_leader = _role_in(Role.CENTRE_LEADER)
# Unit-confined officers: the district officer of old offices and the commune officer after 1/7/2025.
is_officer = _role_in(Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER)
is_ministry = _role_in(Role.MINISTRY_OFFICER)
is_admin = _role_in(Role.ADMINISTRATOR)
is_planner = _role_in(*PLANNERS)
is_province_wide = _role_in(
    Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER, Role.VIEWER, Role.ADMINISTRATOR, Role.MINISTRY_OFFICER
)
is_signed_in = rules.is_authenticated & rules.is_active
is_beneficiary = _role_in(Role.BENEFICIARY)


@rules.predicate
def of_own_establishment(user: User, obj: Record) -> bool:
    """A beneficiary's own record: its establishment, a project it benefits from, a payment to one."""
    if obj is None or not getattr(user, "beneficiary_id", None):
        return False
    if obj._meta.model_name == "beneficiary":
        return obj.pk == user.beneficiary_id
    project = obj if obj._meta.model_name == "project" else getattr(obj, "project", None)
    return project is not None and project.beneficiaries.filter(pk=user.beneficiary_id).exists()


beneficiary_own = is_beneficiary & of_own_establishment


@rules.predicate
def in_own_unit(user: User, obj: Record) -> bool:
    """The object lies in the officer's own unit or one of the units their office took over."""
    if obj is None or not user.is_authenticated or not user.organisation_id:
        return False
    unit_id = getattr(obj, "administrative_unit_id", None)
    if unit_id is None and getattr(obj, "project_id", None):
        unit_id = obj.project.administrative_unit_id
    if unit_id is None:
        return False
    if user.organisation is not None and unit_id == user.organisation.administrative_unit_id:
        return True
    # A unit the office took over (whole or in part), however many mergers back: one query.
    from accounts.models import AdministrativeUnit
    from policy.access import officer_units

    return AdministrativeUnit.objects.filter(pk=unit_id, pk__in=officer_units(user)).exists()


def _programme_of(obj: Record) -> Record:
    """The programme an object belongs to: itself, its programme, or its target's programme."""
    if obj is None:
        return None
    if hasattr(obj, "first_year"):
        return obj
    programme = getattr(obj, "programme", None)
    if programme is None and getattr(obj, "target", None) is not None:
        programme = obj.target.programme
    return programme


@rules.predicate
def of_national_programme(user: User, obj: Record) -> bool:
    programme = _programme_of(obj)
    return programme is not None and programme.level == "national"


@rules.predicate
def of_local_programme(user: User, obj: Record) -> bool:
    """A local programme's object; with no object (a menu entry, a create page) this stays open."""
    programme = _programme_of(obj)
    return programme is None or programme.level == "local"


@rules.predicate
def no_object(user: User, obj: Record) -> bool:
    return obj is None


@rules.predicate
def awaits_ministry_appraisal(user: User, project: Record) -> bool:
    return project is not None and project.status == "appraised_department"


@rules.predicate
def project_is_editable_by_proposer(user: User, project: Record) -> bool:
    from projects.lifecycle import EDITABLE_BY_PROPOSER  # accounts is the ground: it reads the life cycle late

    return project is not None and project.status in EDITABLE_BY_PROPOSER


officer_of_unit = is_officer & in_own_unit
# Who manages a programme's plan and money: the province's planners for a local
# programme, the ministry officer for a national one (`None`: a create page, whose
# form then offers each only the programmes they manage).
manages_programme = (is_planner & of_local_programme) | (is_ministry & (of_national_programme | no_object))

# Programmes, plans and locks.
rules.add_perm("programs.view_programme", is_signed_in)
rules.add_perm("programs.change_annualplan", manages_programme)
# A programme's targets: the ministry for the national programme (whose targets our sources lack).
rules.add_perm("programs.add_target", manages_programme)
rules.add_perm(
    "programs.lock_year",
    (is_leader & of_local_programme) | (is_ministry & (of_national_programme | no_object)) | is_admin,
)
rules.add_perm("programs.view_result", is_province_wide | officer_of_unit)
rules.add_perm("programs.add_result", manages_programme | is_officer)
rules.add_perm("programs.change_result", manages_programme | officer_of_unit)

# Projects and their life.
rules.add_perm("projects.view_project", is_province_wide | officer_of_unit | beneficiary_own)
rules.add_perm("projects.add_project", is_planner | is_officer)
rules.add_perm("projects.change_project", is_planner | (officer_of_unit & project_is_editable_by_proposer))
rules.add_perm("projects.change_projectoutput", is_planner | officer_of_unit)
ACTION_RULES = {
    "propose": is_planner | officer_of_unit | beneficiary_own,
    # The ministry returns a national project awaiting its appraisal; the resubmission comes back to it.
    "return": is_planner | (is_ministry & of_national_programme & awaits_ministry_appraisal),
    "reject": is_planner,
    # The first appraisal is the province's; a national project's second is the ministry's.
    "appraise": (is_planner & ~(of_national_programme & awaits_ministry_appraisal))
    | (is_ministry & of_national_programme & awaits_ministry_appraisal),
    "approve": is_leader,
    "start": is_planner,
    "adjust": is_planner,
    "accept": is_planner,
    "settle": is_planner,
    "cancel": is_planner,
}
for _action, _predicate in ACTION_RULES.items():
    rules.add_perm(f"projects.{_action}_project", _predicate)

# Evidence on a project (decisions, dossiers, minutes, quotations, photos): read as the project is;
# added by who works on it.
rules.add_perm("attachments.add_attachment", is_planner | officer_of_unit | beneficiary_own)

# A project under way (execution): the Department inspects in the field, records the units that work
# on the project, and appraises; the beneficiary (or staff or its commune for it) reports progress monthly
# and its effect after acceptance. Each is checked against the project (rules get the project).
rules.add_perm("execution.add_inspection", is_planner)
rules.add_perm("execution.add_progressreport", is_planner | officer_of_unit | beneficiary_own)
rules.add_perm("execution.change_effect", is_planner | beneficiary_own)
rules.add_perm("execution.add_projectparty", is_planner)

# Beneficiaries.
rules.add_perm("projects.view_beneficiary", is_province_wide | officer_of_unit | beneficiary_own)
# Online registrations of beneficiaries' accounts: activated by the province's planners.
rules.add_perm("portal.decide_registration", is_planner)
# A beneficiary writes its own proposals online and edits them while they are drafts or returned to it.
rules.add_perm("portal.add_proposal", is_beneficiary)
rules.add_perm("portal.change_proposal", beneficiary_own & project_is_editable_by_proposer)
rules.add_perm("projects.add_beneficiary", is_planner | is_officer)
rules.add_perm("projects.change_beneficiary", is_planner | officer_of_unit)

# Money: the province's allocations; payments to projects.
rules.add_perm("budgets.view_allocation", is_province_wide)
rules.add_perm("budgets.add_allocation", manages_programme)
rules.add_perm("budgets.change_allocation", manages_programme)
rules.add_perm("budgets.view_disbursement", is_province_wide | officer_of_unit | beneficiary_own)
rules.add_perm("budgets.add_disbursement", is_planner)

# Sections whose own checks decide the details; these only decide the navigation.
rules.add_perm("reports.view_report", is_signed_in)
rules.add_perm("imports.use_import", is_planner | is_officer | is_admin)  # as imports.services.IMPORTING_ROLES
