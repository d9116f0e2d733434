"""The life of a project (đề án): which action moves it from which status to which.

Kept as data so that the service, the views (which buttons to offer) and the
tests read the same table.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from projects.models import ProjectStatus as S

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Action:
    name: str
    label: "StrOrPromise"
    sources: tuple[str, ...]
    comment_required: bool = False


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("propose", _("Đề xuất"), (S.DRAFT, S.RETURNED)),
        Action("return", _("Yêu cầu bổ sung"), (S.PROPOSED, S.APPRAISED_DEPARTMENT), comment_required=True),
        Action("reject", _("Từ chối"), (S.PROPOSED, S.APPRAISED_DEPARTMENT), comment_required=True),
        Action("appraise", _("Thẩm định"), (S.PROPOSED, S.APPRAISED_DEPARTMENT)),
        Action("approve", _("Phê duyệt"), (S.APPRAISED_DEPARTMENT, S.APPRAISED_MINISTRY)),
        Action("start", _("Bắt đầu thực hiện"), (S.APPROVED, S.ADJUSTED)),
        Action("adjust", _("Điều chỉnh"), (S.APPROVED, S.UNDER_WAY), comment_required=True),
        Action("accept", _("Nghiệm thu"), (S.UNDER_WAY, S.ADJUSTED)),
        Action("settle", _("Thanh quyết toán"), (S.ACCEPTED,)),
        Action(
            "cancel",
            _("Hủy"),
            (
                S.DRAFT,
                S.PROPOSED,
                S.RETURNED,
                S.APPRAISED_DEPARTMENT,
                S.APPRAISED_MINISTRY,
                S.APPROVED,
                S.UNDER_WAY,
                S.ADJUSTED,
            ),
            comment_required=True,
        ),
    )
}


def target_status(action: str, current: str, *, needs_ministry_appraisal: bool) -> str:
    """The status `action` leads to from `current`; the caller has checked the source."""
    if action == "propose":
        return S.PROPOSED
    if action == "return":
        return S.RETURNED
    if action == "reject":
        return S.REJECTED
    if action == "appraise":
        return S.APPRAISED_DEPARTMENT if current == S.PROPOSED else S.APPRAISED_MINISTRY
    if action == "approve":
        return S.APPROVED
    if action == "start":
        return S.UNDER_WAY
    if action == "adjust":
        return S.ADJUSTED
    if action == "accept":
        return S.ACCEPTED
    if action == "settle":
        return S.SETTLED
    if action == "cancel":
        return S.CANCELLED
    raise KeyError(action)
