"""Who a project waits for, and telling them: called by `project_transition`, the one place statuses change.

Recipients come from the access rules themselves (`policy.access`: the project must be in the
user's scope, and `policy.rules` must let the user take the action), so a notification never
reaches a user of another province or one who could not act on it.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from notifications.models import Notification, NotificationKind
from notifications.services import notify
from programs.models import ProgrammeLevel
from projects.models import Project, ProjectStatus, ProjectTransition

# The decisions a project waits for, and the words for them in a notification.
DECISIONS = {"appraise": "thẩm định", "approve": "phê duyệt"}
# Roles that may hold a decision at all (viewers and the administrator never do): a cheap first filter.
DECIDING_ROLES = (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER, Role.MINISTRY_OFFICER)
PROPOSING_ROLES = (
    Role.DEPARTMENT_STAFF,
    Role.CENTRE_LEADER,
    Role.DISTRICT_OFFICER,
    Role.COMMUNE_OFFICER,
    Role.BENEFICIARY,
)
WAITING_STATUSES = (ProjectStatus.PROPOSED, ProjectStatus.APPRAISED_DEPARTMENT, ProjectStatus.APPRAISED_MINISTRY)


def _may_act(user: User, project: Project, action: str) -> bool:
    from policy.access import may, visible_projects  # policy sits above the domain: read late

    return may(user, f"projects.{action}_project", project) and visible_projects(user).filter(pk=project.pk).exists()


def pending_decision(project: Project) -> str | None:
    """The decision the project waits for (appraise or approve), or None."""
    from projects.services import available_actions

    if project.status not in WAITING_STATUSES:
        return None
    possible = [name for name in available_actions(project) if name in DECISIONS]
    # From the Department's appraisal a local project is approved; a national one is appraised again.
    return possible[0] if possible else None


def deciders(project: Project, action: str) -> list[User]:
    """Active users who may take `action` on `project` in their own scope.

    One query narrows the candidates to the nationwide roles and the users of the project's
    province (the unit that places it in a tenant, as `policy.access` scopes it); each is then
    asked the very rules and scope the pages ask.
    """
    from policy.access import NATIONWIDE_ROLES, units_sharing_province

    national = project.programme.level == ProgrammeLevel.NATIONAL
    tenant_unit = project.administrative_unit_id if national else project.programme.administrative_unit_id
    candidates = (
        User.objects.filter(is_active=True, role__in=DECIDING_ROLES)
        .filter(
            Q(role__in=NATIONWIDE_ROLES)
            | Q(organisation__administrative_unit_id__in=units_sharing_province(tenant_unit))
        )
        .select_related("organisation")
        .order_by("pk")
    )
    return [user for user in candidates if _may_act(user, project, action)]


def sender(project: Project) -> list[User]:
    """Who sent the proposal (the last «Đề xuất»), or who created it; if they may still send it again."""
    step = project.transitions.filter(action="propose", actor__isnull=False).select_related("actor").last()
    user = step.actor if step is not None else project.created_by
    if user is None or not user.is_active or user.role not in PROPOSING_ROLES:
        return []
    return [user] if _may_act(user, project, "propose") else []


def project_link(project: Project) -> str:
    return reverse("projects:detail", args=[project.pk])


def notify_transition(*, project: Project, transition: ProjectTransition, settle_earlier: bool = True) -> None:
    """Tell the users the project now waits for, or the sender of a project returned for more information."""
    if settle_earlier:
        # What the project waited for earlier is settled by this step: those notifications need no more attention.
        Notification.objects.filter(
            kind__in=(NotificationKind.PROJECT_WAITING, NotificationKind.PROJECT_RETURNED),
            url=project_link(project),
            read_at__isnull=True,
        ).update(read_at=timezone.now())
    actor = transition.actor
    by = f" ({actor.get_full_name() or actor.username})" if actor is not None else ""
    key = f"project-transition:{transition.pk}"
    if project.status == ProjectStatus.RETURNED:
        recipients = [user for user in sender(project) if user != actor]
        notify(
            recipients=recipients,
            kind=NotificationKind.PROJECT_RETURNED,
            subject=f"Đề án {project.code} được trả lại để bổ sung hồ sơ",
            body=(
                f"Đề án «{project.title}» ({project.code}) được trả lại{by} để bổ sung: {transition.comment}\n"
                "Hãy bổ sung rồi gửi lại đề án (nút «Đề xuất» trên trang đề án)."
            ),
            url=project_link(project),
            dedup_key=key,
        )
        return
    decision = pending_decision(project)
    if decision is None:
        return
    notify(
        recipients=[user for user in deciders(project, decision) if user != actor],
        kind=NotificationKind.PROJECT_WAITING,
        subject=waiting_subject(project, decision),
        body=(
            f"Đề án «{project.title}» ({project.code}) đã chuyển sang «{ProjectStatus(project.status).label}»{by} "
            f"và đang chờ bạn {DECISIONS[decision]}."
        ),
        url=project_link(project),
        dedup_key=key,
    )


def waiting_subject(project: Project, decision: str) -> str:
    if decision == "appraise" and project.status == ProjectStatus.APPRAISED_DEPARTMENT:
        return f"Đề án {project.code} chờ Bộ Công Thương thẩm định"
    return f"Đề án {project.code} chờ {DECISIONS[decision]}"
