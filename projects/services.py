"""Writes to projects. Each refusal raises a named error with a Vietnamese message."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from projects.lifecycle import ACTIONS, target_status
from projects.models import Project, ProjectStatus, ProjectTransition


class ProjectTransitionError(Exception):
    """A life-cycle move that the rules do not allow."""


class UnknownProjectAction(ProjectTransitionError):
    pass


class IllegalProjectTransition(ProjectTransitionError):
    """The action is not possible from the project's current status."""


class CommentRequired(ProjectTransitionError):
    """Returning, rejecting, adjusting and cancelling need a written reason."""


class MinistryAppraisalRequired(ProjectTransitionError):
    """A national project must be appraised by the ministry before approval."""


class MinistryAppraisalNotApplicable(ProjectTransitionError):
    """A local project is appraised once, by the Department."""


class SettlementExceedsSupport(ProjectTransitionError):
    """A settlement cannot exceed the approved support."""


def _check(project: Project, action: str, comment: str) -> str:
    if action not in ACTIONS:
        raise UnknownProjectAction(f"Thao tác không hợp lệ: {action}.")
    rule = ACTIONS[action]
    current = project.status
    if current not in rule.sources:
        raise IllegalProjectTransition(
            f"Không thể «{rule.label}» đề án đang ở trạng thái «{ProjectStatus(current).label}»."
        )
    if rule.comment_required and not comment.strip():
        raise CommentRequired(f"Cần ghi rõ lý do khi «{rule.label}».")
    ministry = project.needs_ministry_appraisal
    if action == "approve" and ministry and current != ProjectStatus.APPRAISED_MINISTRY:
        raise MinistryAppraisalRequired(
            "Đề án khuyến công quốc gia phải được Bộ Công Thương thẩm định trước khi phê duyệt."
        )
    if action == "approve" and not ministry and current == ProjectStatus.APPRAISED_MINISTRY:
        raise IllegalProjectTransition("Đề án địa phương không qua thẩm định của Bộ.")
    if action == "appraise" and current == ProjectStatus.APPRAISED_DEPARTMENT and not ministry:
        raise MinistryAppraisalNotApplicable("Đề án khuyến công địa phương chỉ thẩm định một lần, tại Sở Công Thương.")
    if action in ("return", "reject") and current == ProjectStatus.APPRAISED_DEPARTMENT and not ministry:
        raise IllegalProjectTransition("Đề án địa phương đã thẩm định: hãy phê duyệt hoặc hủy.")
    return target_status(action, current, needs_ministry_appraisal=ministry)


def available_actions(project: Project) -> list[str]:
    """The actions whose rules allow them from the project's status (roles are checked elsewhere)."""
    allowed = []
    for name in ACTIONS:
        try:
            _check(project, name, comment="x")
        except ProjectTransitionError:
            continue
        allowed.append(name)
    return allowed


@transaction.atomic
def project_transition(
    *, project: Project, action: str, user: User | None, comment: str = "", settled_amount: int | None = None
) -> ProjectTransition:
    """Move `project` through its life cycle, dated and attributed.

    The row is locked first, so two people acting at once cannot both move
    the project from the same status.
    """
    locked = Project.objects.select_for_update().select_related("programme").get(pk=project.pk)
    new_status = _check(locked, action, comment)
    now = timezone.now()
    fields = ["status", "status_changed_at", "updated_at", "lock_version"]
    if action == "settle":
        amount = settled_amount if settled_amount is not None else locked.support_total
        if amount < 0 or amount > locked.support_total:
            raise SettlementExceedsSupport("Số quyết toán không được vượt kinh phí hỗ trợ đã phê duyệt.")
        locked.settled_amount = amount
        fields.append("settled_amount")
    old_status = locked.status
    locked.status = new_status
    locked.status_changed_at = now
    locked.lock_version += 1
    locked.save(update_fields=fields)
    project.status, project.status_changed_at = locked.status, now
    project.lock_version, project.settled_amount = locked.lock_version, locked.settled_amount
    return ProjectTransition.objects.create(
        project=locked,
        action=action,
        from_status=old_status,
        to_status=new_status,
        actor=user,
        at=now,
        comment=comment.strip(),
    )
