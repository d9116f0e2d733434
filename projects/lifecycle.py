"""The life of a project (đề án): which action moves it from which status to which.

Kept as data so that the service, the views (which buttons to offer) and the
tests read the same table.
"""

from collections.abc import Mapping
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
    # Where the action leads: one status, or a status per source when it depends on where it starts.
    target: str | Mapping[str, str]
    comment_required: bool = False

    def target_from(self, current: str) -> str:
        if isinstance(self.target, str):
            return self.target
        return self.target[current]


# Statuses whose delivered outputs count towards targets (approved and not cancelled or rejected).
COUNTING_STATUSES: tuple[str, ...] = (S.APPROVED, S.UNDER_WAY, S.ADJUSTED, S.ACCEPTED, S.SETTLED)
# Statuses in which a project may receive money (a disbursement); settled and cancelled ones are closed.
PAYABLE_STATUSES: tuple[str, ...] = (S.APPROVED, S.UNDER_WAY, S.ADJUSTED, S.ACCEPTED)
# Statuses after acceptance (nghiệm thu): advances are no longer limited to 70% (Thông tư 28/2018).
ACCEPTED_STATUSES: tuple[str, ...] = (S.ACCEPTED, S.SETTLED)
# Statuses the proposer (a district officer, an import) may still change; later changes go through an adjustment.
EDITABLE_BY_PROPOSER: tuple[str, ...] = (S.DRAFT, S.RETURNED)
# Statuses a planner may still edit on the page; accepted, settled, rejected and cancelled projects are closed.
EDITABLE_STATUSES: tuple[str, ...] = (
    S.DRAFT,
    S.PROPOSED,
    S.RETURNED,
    S.APPRAISED_DEPARTMENT,
    S.APPRAISED_MINISTRY,
    S.APPROVED,
    S.UNDER_WAY,
    S.ADJUSTED,
)
# Statuses a project can still be cancelled from: every open one.
CANCELLABLE_STATUSES: tuple[str, ...] = EDITABLE_STATUSES

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("propose", _("Đề xuất"), (S.DRAFT, S.RETURNED), S.PROPOSED),
        Action("return", _("Yêu cầu bổ sung"), (S.PROPOSED, S.APPRAISED_DEPARTMENT), S.RETURNED, comment_required=True),
        Action("reject", _("Từ chối"), (S.PROPOSED, S.APPRAISED_DEPARTMENT), S.REJECTED, comment_required=True),
        Action(
            "appraise",
            _("Thẩm định"),
            (S.PROPOSED, S.APPRAISED_DEPARTMENT),
            # The Department appraises first; a national project is then appraised by the ministry.
            {S.PROPOSED: S.APPRAISED_DEPARTMENT, S.APPRAISED_DEPARTMENT: S.APPRAISED_MINISTRY},
        ),
        Action("approve", _("Phê duyệt"), (S.APPRAISED_DEPARTMENT, S.APPRAISED_MINISTRY), S.APPROVED),
        Action("start", _("Bắt đầu thực hiện"), (S.APPROVED, S.ADJUSTED), S.UNDER_WAY),
        Action("adjust", _("Điều chỉnh"), (S.APPROVED, S.UNDER_WAY), S.ADJUSTED, comment_required=True),
        Action("accept", _("Nghiệm thu"), (S.UNDER_WAY, S.ADJUSTED), S.ACCEPTED),
        Action("settle", _("Thanh quyết toán"), (S.ACCEPTED,), S.SETTLED),
        Action("cancel", _("Hủy"), CANCELLABLE_STATUSES, S.CANCELLED, comment_required=True),
    )
}


# Which level appraises from which status: the Department first, the ministry second (national projects).
# The appraisal's record (execution.Appraisal) carries this level; the service asks here.
APPRAISAL_LEVELS: dict[str, str] = {S.PROPOSED: "department", S.APPRAISED_DEPARTMENT: "ministry"}


def appraisal_level(current: str) -> str | None:
    """The level whose appraisal moves a project on from `current` (None: no appraisal from there)."""
    return APPRAISAL_LEVELS.get(current)


def target_status(action: str, current: str, *, needs_ministry_appraisal: bool) -> str:
    """The status `action` leads to from `current`; the caller has checked the source."""
    return ACTIONS[action].target_from(current)
