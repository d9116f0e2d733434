"""What a beneficiary reads about its project: the life cycle in plain words, in this one place.

The internal statuses (projects/lifecycle.py) speak the Department's language ("Sở đã thẩm
định", "Bộ đã thẩm định"); the beneficiary is told what happens next, and why when its file
came back. Every page a beneficiary sees calls `plain_status`.
"""

from django.utils.translation import gettext as _

from projects.models import Project, ProjectStatus, ProjectTransition

S = ProjectStatus


def _texts() -> dict[str, str]:
    # Built on each call so that the words follow the language of the request.
    return {
        S.DRAFT: _("Bản nháp, chưa gửi Sở"),
        S.PROPOSED: _("Đang chờ Sở thẩm định"),
        S.RETURNED: _("Cần bổ sung hồ sơ: %(reason)s"),
        S.REJECTED: _("Không được hỗ trợ: %(reason)s"),
        S.APPRAISED_DEPARTMENT: _("Sở đã thẩm định, đang chờ phê duyệt"),
        S.APPRAISED_MINISTRY: _("Đã thẩm định, đang chờ phê duyệt"),
        S.APPROVED: _("Đã được phê duyệt trong kế hoạch năm %(year)s"),
        S.UNDER_WAY: _("Đang thực hiện (kế hoạch năm %(year)s)"),
        S.ADJUSTED: _("Đã điều chỉnh, đang thực hiện"),
        S.ACCEPTED: _("Đã nghiệm thu, chờ quyết toán"),
        S.SETTLED: _("Đã quyết toán, hoàn thành"),
        S.CANCELLED: _("Đã hủy: %(reason)s"),
    }


def last_reason(project: Project) -> str:
    """The comment of the step that brought the project to its status (the reason for a return)."""
    if hasattr(project, "last_comment"):
        return project.last_comment or ""
    step = ProjectTransition.objects.filter(project=project, to_status=project.status).order_by("-at", "-id").first()
    return step.comment if step else ""


def plain_status(project: Project) -> str:
    text = _texts()[project.status]
    if project.status == S.APPRAISED_DEPARTMENT and project.needs_ministry_appraisal:
        text = _("Sở đã thẩm định, đang chờ Bộ Công Thương thẩm định")
    return text % {"year": project.year, "reason": last_reason(project) or _("xem ý kiến của Sở")}
