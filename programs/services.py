"""Writes to programmes, plans and results."""

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from programs.models import AnnualPlan, Programme


class YearLocked(Exception):
    """The centre leader has locked this year's figures."""

    def __init__(self, programme: Programme, year: int):
        self.programme, self.year = programme, year
        super().__init__(
            f"Số liệu năm {year} của chương trình {programme.code} đã bị khóa; "
            "đề nghị lãnh đạo Trung tâm mở khóa trước khi sửa."
        )


class YearOutsideProgramme(Exception):
    def __init__(self, programme: Programme, year: int):
        super().__init__(
            f"Năm {year} nằm ngoài giai đoạn {programme.first_year}–{programme.last_year} của chương trình {programme.code}."
        )


class LockNotAllowed(Exception):
    pass


def ensure_year_open(*, programme: Programme | int, year: int) -> None:
    """Refuse a change to a year whose figures are locked or outside the programme."""
    if not isinstance(programme, Programme):
        programme = Programme.objects.get(pk=programme)
    if year not in programme.years:
        raise YearOutsideProgramme(programme, year)
    if AnnualPlan.objects.filter(programme=programme, year=year, is_locked=True).exists():
        raise YearLocked(programme, year)


@transaction.atomic
def annual_plan_set_lock(*, programme: Programme, year: int, locked: bool, user: User) -> AnnualPlan:
    """Lock or unlock a year's figures; only a centre leader (or administrator) may."""
    if user.role not in (Role.CENTRE_LEADER, Role.ADMINISTRATOR):
        raise LockNotAllowed("Chỉ lãnh đạo Trung tâm Khuyến công được khóa hoặc mở khóa số liệu năm.")
    plan, _ = AnnualPlan.objects.select_for_update().get_or_create(programme=programme, year=year)
    plan.is_locked = locked
    plan.locked_by = user
    plan.locked_at = timezone.now()
    plan.lock_version += 1
    plan.save(update_fields=["is_locked", "locked_by", "locked_at", "lock_version", "updated_at"])
    return plan
