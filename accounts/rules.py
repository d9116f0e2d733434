"""Who may do what: every permission of the pages, in one place.

Predicates look at the user's role and, for objects, at the administrative
unit the object belongs to. Views never test roles themselves: they call the
access helpers in `accounts.access`, which ask these rules.
"""

import rules

from accounts.models import Role

PLANNERS = (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER)


def _role_in(*roles: str):
    @rules.predicate(name=f"role_in_{'_'.join(roles)}")
    def has_role(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in roles)

    return has_role


is_staff_member = _role_in(Role.DEPARTMENT_STAFF)
is_leader = _role_in(Role.CENTRE_LEADER)
is_officer = _role_in(Role.DISTRICT_OFFICER)
is_admin = _role_in(Role.ADMINISTRATOR)
is_planner = _role_in(*PLANNERS)
is_province_wide = _role_in(Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER, Role.VIEWER, Role.ADMINISTRATOR)
is_signed_in = rules.is_authenticated & rules.is_active


@rules.predicate
def in_own_unit(user, obj) -> bool:
    """The object lies in the district officer's own administrative unit."""
    if obj is None or not user.is_authenticated or not user.organisation_id:
        return False
    unit_id = getattr(obj, "administrative_unit_id", None)
    if unit_id is None and getattr(obj, "project_id", None):
        unit_id = obj.project.administrative_unit_id
    return unit_id is not None and unit_id == user.organisation.administrative_unit_id


@rules.predicate
def project_is_editable_by_proposer(user, project) -> bool:
    from projects.lifecycle import EDITABLE_BY_PROPOSER  # accounts is the ground: it reads the life cycle late

    return project is not None and project.status in EDITABLE_BY_PROPOSER


officer_of_unit = is_officer & in_own_unit

# Programmes, plans and locks.
rules.add_perm("programs.view_programme", is_signed_in)
rules.add_perm("programs.change_annualplan", is_planner)
rules.add_perm("programs.lock_year", is_leader | is_admin)
rules.add_perm("programs.view_result", is_province_wide | officer_of_unit)
rules.add_perm("programs.add_result", is_planner | is_officer)
rules.add_perm("programs.change_result", is_planner | officer_of_unit)

# Projects and their life.
rules.add_perm("projects.view_project", is_province_wide | officer_of_unit)
rules.add_perm("projects.add_project", is_planner | is_officer)
rules.add_perm("projects.change_project", is_planner | (officer_of_unit & project_is_editable_by_proposer))
rules.add_perm("projects.change_projectoutput", is_planner | officer_of_unit)
ACTION_RULES = {
    "propose": is_planner | officer_of_unit,
    "return": is_planner,
    "reject": is_planner,
    "appraise": is_planner,
    "approve": is_leader,
    "start": is_planner,
    "adjust": is_planner,
    "accept": is_planner,
    "settle": is_planner,
    "cancel": is_planner,
}
for _action, _predicate in ACTION_RULES.items():
    rules.add_perm(f"projects.{_action}_project", _predicate)

# Beneficiaries.
rules.add_perm("projects.view_beneficiary", is_province_wide | officer_of_unit)
rules.add_perm("projects.add_beneficiary", is_planner | is_officer)
rules.add_perm("projects.change_beneficiary", is_planner | officer_of_unit)

# Money: the province's allocations; payments to projects.
rules.add_perm("budgets.view_allocation", is_province_wide)
rules.add_perm("budgets.add_allocation", is_planner)
rules.add_perm("budgets.change_allocation", is_planner)
rules.add_perm("budgets.view_disbursement", is_province_wide | officer_of_unit)
rules.add_perm("budgets.add_disbursement", is_planner)

# Sections whose own checks decide the details; these only decide the navigation.
rules.add_perm("reports.view_report", is_signed_in)
rules.add_perm("imports.use_import", is_planner | is_officer | is_admin)  # as imports.services.IMPORTING_ROLES
