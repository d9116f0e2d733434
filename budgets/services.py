"""Writes to money. A disbursement never exceeds what was approved or allocated."""

import datetime as dt

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import User
from budgets.models import Allocation, Disbursement, FundingSource
from khuyencong.formatting import format_money
from programs.models import Content, Programme
from programs.services import ensure_year_open
from projects.lifecycle import ACCEPTED_STATUSES, PAYABLE_STATUSES
from projects.models import Project, ProjectStatus

ADVANCE_LIMIT_PERCENT = 70

DISBURSABLE_STATUSES = PAYABLE_STATUSES  # the life cycle decides; kept under this name for its callers


class DisbursementRefused(Exception):
    pass


class AdvanceNeedsConfirmation(Exception):
    """Advances above 70% of the support before acceptance must be confirmed."""


def _paid(**filters: object) -> int:
    return Disbursement.objects.filter(**filters).aggregate(total=Sum("amount"))["total"] or 0


@transaction.atomic
def disbursement_create(
    *,
    programme: Programme,
    year: int,
    content: Content,
    funding_source: str,
    date: dt.date,
    voucher_number: str,
    amount: int,
    user: User | None,
    project: Project | None = None,
    is_advance: bool = False,
    note: str = "",
    confirm_advance_over_limit: bool = False,
) -> Disbursement:
    if amount <= 0:
        raise DisbursementRefused(_("Số tiền giải ngân phải lớn hơn 0."))
    if funding_source not in FundingSource.values:
        raise DisbursementRefused(_("Nguồn kinh phí không hợp lệ."))
    # A voucher may fall in the budget year or the next (year-end settlement), never further.
    if abs(date.year - year) > 1:
        raise DisbursementRefused(
            _("Ngày chứng từ %(date)s không thuộc năm ngân sách %(year)s.")
            % {"date": date.strftime("%d/%m/%Y"), "year": year}
        )
    ensure_year_open(programme=programme, year=year)
    if content.programme_id != programme.pk:
        raise DisbursementRefused(_("Nội dung không thuộc chương trình đã chọn."))
    # Serialise money writes per programme so two simultaneous payments cannot both pass the checks.
    Programme.objects.select_for_update().get(pk=programme.pk)
    if project is not None:
        project = Project.objects.select_for_update().get(pk=project.pk)
        if project.programme_id != programme.pk:
            raise DisbursementRefused(_("Đề án không thuộc chương trình đã chọn."))
        if project.status not in DISBURSABLE_STATUSES:
            raise DisbursementRefused(
                _("Đề án đang ở trạng thái «%(status)s», chưa được giải ngân.")
                % {"status": ProjectStatus(project.status).label}
            )
        approved = project.support_national if funding_source == FundingSource.NATIONAL else project.support_local
        if funding_source == FundingSource.COUNTERPART:
            raise DisbursementRefused(
                _("Vốn đối ứng do đơn vị thụ hưởng chi, không giải ngân từ kinh phí khuyến công.")
            )
        paid = _paid(project=project, funding_source=funding_source)
        if paid + amount > approved:
            raise DisbursementRefused(
                _(
                    "Vượt kinh phí hỗ trợ đã phê duyệt của đề án: đã giải ngân %(paid)s đồng, được duyệt %(approved)s đồng."
                )
                % {"paid": format_money(paid), "approved": format_money(approved)}
            )
        if is_advance and project.status not in ACCEPTED_STATUSES:
            advanced = _paid(project=project, is_advance=True)
            if (
                advanced + amount
            ) * 100 > project.support_total * ADVANCE_LIMIT_PERCENT and not confirm_advance_over_limit:
                raise AdvanceNeedsConfirmation(
                    # xgettext:no-python-format
                    _("Tổng tạm ứng trước nghiệm thu vượt 70% kinh phí hỗ trợ; hãy xác nhận nếu vẫn muốn ghi nhận.")
                )
    if Disbursement.objects.filter(programme=programme, voucher_number=voucher_number, date=date).exists():
        raise DisbursementRefused(
            _("Chứng từ số %(number)s ngày %(date)s đã được ghi nhận.")
            % {"number": voucher_number, "date": f"{date:%d/%m/%Y}"}
        )
    allocated = (
        Allocation.objects.filter(programme=programme, year=year, funding_source=funding_source).aggregate(
            t=Sum("amount")
        )["t"]
        or 0
    )
    paid_year = _paid(programme=programme, year=year, funding_source=funding_source)
    if paid_year + amount > allocated:
        raise DisbursementRefused(
            _("Vượt dự toán được giao năm %(year)s: đã giải ngân %(paid)s đồng trên dự toán %(allocated)s đồng.")
            % {"year": year, "paid": format_money(paid_year), "allocated": format_money(allocated)}
        )
    return Disbursement.objects.create(
        programme=programme,
        year=year,
        project=project,
        content=content,
        funding_source=funding_source,
        date=date,
        voucher_number=voucher_number,
        amount=amount,
        is_advance=is_advance,
        note=note,
        created_by=user,
    )


@transaction.atomic
def allocation_save(*, allocation: Allocation, expected_version: int | None, user: User | None) -> Allocation:
    """Create (expected_version None) or update an allocation; refused in a locked year."""
    from khuyencong.concurrency import save_versioned

    if allocation.content.programme_id != allocation.programme_id:
        raise DisbursementRefused(_("Nội dung không thuộc chương trình đã chọn."))
    ensure_year_open(programme=allocation.programme, year=allocation.year)
    if expected_version is None:
        allocation.created_by = user
        allocation.save()
        return allocation
    before = Allocation.objects.get(pk=allocation.pk)
    ensure_year_open(programme=before.programme_id, year=before.year)
    fields = ["programme", "year", "funding_source", "content", "amount", "decision_number", "decision_date", "note"]
    save_versioned(allocation, expected_version=expected_version, fields=fields)
    return allocation
