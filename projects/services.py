"""Writes to projects. Each refusal raises a named error with a Vietnamese message."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from khuyencong.problems import Problem
from projects.lifecycle import ACTIONS, EDITABLE_STATUSES, target_status
from projects.models import Beneficiary, Project, ProjectStatus, ProjectTransition
from projects.notifying import notify_transition
from projects.validation import ProjectInvalid, ensure_project_valid


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


class DocumentsMissing(ProjectTransitionError):
    """A proposal is sent only with the documents its content type requires (attachments.RequiredDocument)."""


class AppraisalMissing(ProjectTransitionError):
    """Where the rule in force asks for it, the appraisal moves the project only with its record."""


class InspectionMissing(ProjectTransitionError):
    """Acceptance waits for the Department's field inspection where the rule in force asks for one."""


def _returned_by_ministry(project: Project) -> bool:
    """Whether the last return was the ministry's (the level that asked for more information)."""
    step = project.transitions.filter(action="return").select_related("actor").order_by("-at", "-id").first()
    return step is not None and step.actor is not None and step.actor.role == "ministry_officer"


def _check(project: Project, action: str, comment: str) -> str:
    if action not in ACTIONS:
        raise UnknownProjectAction(_("Thao tác không hợp lệ: %(action)s.") % {"action": action})
    rule = ACTIONS[action]
    current = project.status
    if current not in rule.sources:
        raise IllegalProjectTransition(
            _("Không thể «%(action)s» đề án đang ở trạng thái «%(status)s».")
            % {"action": rule.label, "status": ProjectStatus(current).label}
        )
    if rule.comment_required and not comment.strip():
        raise CommentRequired(_("Cần ghi rõ lý do khi «%(action)s».") % {"action": rule.label})
    ministry = project.needs_ministry_appraisal
    if action == "approve" and ministry and current != ProjectStatus.APPRAISED_MINISTRY:
        raise MinistryAppraisalRequired(
            _("Đề án khuyến công quốc gia phải được Bộ Công Thương thẩm định trước khi phê duyệt.")
        )
    if action == "approve" and not ministry and current == ProjectStatus.APPRAISED_MINISTRY:
        raise IllegalProjectTransition(_("Đề án địa phương không qua thẩm định của Bộ."))
    if action == "appraise" and current == ProjectStatus.APPRAISED_DEPARTMENT and not ministry:
        raise MinistryAppraisalNotApplicable(
            _("Đề án khuyến công địa phương chỉ thẩm định một lần, tại Sở Công Thương.")
        )
    if action in ("return", "reject") and current == ProjectStatus.APPRAISED_DEPARTMENT and not ministry:
        raise IllegalProjectTransition(_("Đề án địa phương đã thẩm định: hãy phê duyệt hoặc hủy."))
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
    locked = Project.objects.select_for_update().select_related("programme", "content__law_type").get(pk=project.pk)
    new_status = _check(locked, action, comment)
    if action == "appraise":
        from execution.rules import appraisal_missing  # execution stands on projects' models

        if appraisal_missing(locked):
            raise AppraisalMissing(
                _(
                    "Chưa thẩm định được: cần ghi phiếu thẩm định (các tiêu chí, điểm, kết luận "
                    "và biên bản thẩm định có chữ ký)."
                )
            )
    if action in ("propose", "accept"):
        from attachments.requirements import missing_documents  # attachments stands on projects' models

        missing = missing_documents(locked, action)
        if missing and action == "propose":
            raise DocumentsMissing(_("Chưa gửi được, hồ sơ còn thiếu: %(missing)s.") % {"missing": "; ".join(missing)})
        if missing:
            raise DocumentsMissing(
                _("Chưa nghiệm thu được, hồ sơ còn thiếu: %(missing)s.") % {"missing": "; ".join(missing)}
            )
        if action == "accept":
            from execution.rules import inspection_missing  # execution stands on projects' models

            if inspection_missing(locked):
                raise InspectionMissing(
                    _(
                        "Chưa nghiệm thu được: Sở chưa ghi kết quả kiểm tra hiện trường "
                        "(ngày kiểm tra, tỷ lệ xác minh và biên bản kiểm tra)."
                    )
                )
        if action == "propose" and locked.status == ProjectStatus.RETURNED and _returned_by_ministry(locked):
            # Returned by the ministry: the completed file goes back to the ministry's desk, not to the
            # Department's first appraisal again.
            new_status = ProjectStatus.APPRAISED_DEPARTMENT
    now = timezone.now()
    fields = ["status", "status_changed_at", "updated_at", "lock_version"]
    if action == "settle":
        amount = settled_amount if settled_amount is not None else locked.support_total
        if amount < 0 or amount > locked.support_total:
            raise SettlementExceedsSupport(_("Số quyết toán không được vượt kinh phí hỗ trợ đã phê duyệt."))
        locked.settled_amount = amount
        fields.append("settled_amount")
    old_status = locked.status
    locked.status = new_status
    locked.status_changed_at = now
    locked.lock_version += 1
    locked.save(update_fields=fields)
    project.status, project.status_changed_at = locked.status, now
    project.lock_version, project.settled_amount = locked.lock_version, locked.settled_amount
    transition = ProjectTransition.objects.create(
        project=locked,
        action=action,
        from_status=old_status,
        to_status=new_status,
        actor=user,
        at=now,
        comment=comment.strip(),
    )
    # In the same transaction: a refused or rolled-back step tells nobody (e-mail goes after commit).
    notify_transition(project=locked, transition=transition)
    return transition


# --- Creating and editing projects, outputs and beneficiaries ---


class ProjectNotEditable(Exception):
    pass


PROJECT_FIELDS = [
    "code",
    "title",
    "programme",
    "year",
    "content",
    "kind",
    "implementing_organisation",
    "administrative_unit",
    "support_national",
    "support_local",
    "counterpart",
    "total_cost",
    "start_date",
    "end_date",
    "description",
]


@transaction.atomic
def project_create(*, project: Project, beneficiaries: Iterable[Beneficiary], user: User) -> Project:
    ensure_project_valid(project, beneficiaries)
    project.status = ProjectStatus.DRAFT
    project.created_by = user
    project.save()
    project.beneficiaries.set(beneficiaries)
    return project


@transaction.atomic
def project_update(
    *, project: Project, expected_version: int, beneficiaries: Iterable[Beneficiary], user: User
) -> Project:
    """Save an edit; refused once the project is accepted, settled, rejected or cancelled, or its year is locked."""
    from khuyencong.concurrency import save_versioned
    from programs.services import ensure_year_open

    before = Project.objects.select_related("programme").get(pk=project.pk)
    ensure_year_open(programme=before.programme, year=before.year)
    if before.status not in EDITABLE_STATUSES:
        raise ProjectNotEditable(
            _("Đề án đang ở trạng thái «%(status)s», không sửa được nữa.")
            % {"status": ProjectStatus(before.status).label}
        )
    ensure_project_valid(project, beneficiaries)
    save_versioned(project, expected_version=expected_version, fields=PROJECT_FIELDS)
    project.beneficiaries.set(beneficiaries)
    return project


@transaction.atomic
def project_outputs_save(
    *, project: Project, expected_version: int, figures: dict[int, tuple[Decimal | None, Decimal | None]], user: User
) -> None:
    """Write planned and delivered quantities per target (target id → (planned, delivered))."""
    from khuyencong.concurrency import save_versioned
    from programs.services import ensure_year_open
    from projects.models import ProjectOutput

    ensure_year_open(programme=project.programme, year=project.year)
    save_versioned(project, expected_version=expected_version, fields=["status"])
    for target_id, (planned, delivered) in figures.items():
        if planned is None and delivered is None:
            ProjectOutput.objects.filter(project=project, target_id=target_id).delete()
            continue
        ProjectOutput.objects.update_or_create(
            project=project, target_id=target_id, defaults={"planned": planned or 0, "delivered": delivered or 0}
        )


@transaction.atomic
def beneficiary_save(*, beneficiary: Beneficiary, expected_version: int | None, user: User) -> Beneficiary:
    from khuyencong.concurrency import save_versioned

    if beneficiary.tax_code:
        clash = Beneficiary.objects.filter(tax_code=beneficiary.tax_code).exclude(pk=beneficiary.pk).first()
        if clash is not None:
            raise ProjectInvalid(
                [Problem("tax_code", _("Mã số thuế này đã được đăng ký cho một đối tượng thụ hưởng khác."))]
            )
    if expected_version is None:
        beneficiary.save()
        return beneficiary
    fields = [
        f.name
        for f in Beneficiary._meta.concrete_fields
        if f.editable and f.name not in ("id", "created_at", "updated_at")
    ]
    save_versioned(beneficiary, expected_version=expected_version, fields=fields)
    return beneficiary
