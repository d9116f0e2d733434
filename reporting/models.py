"""Reporting up: the kinds of periodic report (data), the rounds opened for a period, who must send, what was sent.

A round's deadline is never stored: it is read from its period kind's rule each time, so an
administrator who corrects a rule corrects every round's deadline, state and reminders.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from attachments.models import attachment_storage
from khuyencong.history import tracked


def full_name(user) -> str:
    """Vietnamese order, family and middle names first (Trần Thị Lãnh), as documents print a person."""
    return f"{user.last_name} {user.first_name}".strip() or user.username


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEAR = "half_year", _("6 tháng")
    ANNUAL = "annual", _("Hằng năm")


# How many periods a year has, and how many months each spans.
PERIODS_PER_YEAR = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.HALF_YEAR: 2, Frequency.ANNUAL: 1}


class SenderLevel(models.TextChoices):
    DEPARTMENT = "department", _("Sở Công Thương các tỉnh, thành phố")
    UNIT = "unit", _("Đơn vị thực hiện và UBND cấp xã")


class ReportKind(models.TextChoices):
    """The report of reports/ that a submission freezes (reports.build.KINDS)."""

    ANNUAL = "annual", _("Kết quả thực hiện kế hoạch khuyến công năm")
    SUMMARY = "summary", _("Tổng hợp kết quả thực hiện chương trình")


@tracked()
class PeriodKind(models.Model):
    """A kind of periodic report and its rules: reference data, edited by an administrator."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    frequency = models.CharField(_("tần suất"), max_length=20, choices=Frequency.choices)
    # The deadline: day `deadline_day` of the month `deadline_months_after` months after the month
    # the period ends in (0: that same month). A day past the month's end means its last day.
    deadline_months_after = models.PositiveSmallIntegerField(
        _("hạn nộp: số tháng sau tháng cuối kỳ"), default=1, help_text=_("0: ngay trong tháng cuối kỳ.")
    )
    deadline_day = models.PositiveSmallIntegerField(_("hạn nộp: ngày trong tháng"))
    remind_days_before = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=7)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    sender_level = models.CharField(_("cấp gửi"), max_length=20, choices=SenderLevel.choices)
    receiver = models.CharField(_("nơi nhận"), max_length=200)
    # Who opens a round of this kind and decides on what is sent (accepts or returns).
    receiver_role = models.CharField(_("vai trò mở kỳ và tiếp nhận"), max_length=30, choices=Role.choices)
    report_kind = models.CharField(_("mẫu báo cáo"), max_length=20, choices=ReportKind.choices)
    # Each sender's own leader signs off: the centre's leader for the centre, the commune's officer
    # in charge for a commune; a member of the sender with one of these roles.
    signoff_roles = ArrayField(
        models.CharField(max_length=30, choices=Role.choices),
        verbose_name=_("vai trò ký duyệt trước khi gửi"),
        help_text=_("Một hoặc nhiều vai trò, cách nhau bởi dấu phẩy (centre_leader, commune_officer, ...)."),
    )
    signoff_title = models.CharField(_("chức danh ký duyệt"), max_length=200)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại kỳ báo cáo")
        verbose_name_plural = _("loại kỳ báo cáo")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_day__gte=1, deadline_day__lte=31), name="period_kind_deadline_day_in_month"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def period_bounds(self, year: int, number: int) -> tuple[dt.date, dt.date]:
        months = 12 // PERIODS_PER_YEAR[Frequency(self.frequency)]
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        return dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])

    def deadline(self, year: int, number: int) -> dt.date:
        end = self.period_bounds(year, number)[1]
        months = end.year * 12 + end.month - 1 + self.deadline_months_after
        due_year, due_month = divmod(months, 12)
        due_month += 1
        return dt.date(due_year, due_month, min(self.deadline_day, calendar.monthrange(due_year, due_month)[1]))

    def period_label(self, year: int, number: int) -> str:
        frequency = Frequency(self.frequency)
        if frequency == Frequency.MONTHLY:
            return f"Tháng {number}/{year}"
        if frequency == Frequency.QUARTERLY:
            return f"Quý {['I', 'II', 'III', 'IV'][number - 1]} năm {year}"
        if frequency == Frequency.HALF_YEAR:
            return f"{'6 tháng đầu' if number == 1 else '6 tháng cuối'} năm {year}"
        return f"Năm {year}"


@tracked()
class Round(models.Model):
    """One period of one kind, opened by the receiver for its expected senders."""

    period_kind = models.ForeignKey(PeriodKind, verbose_name=_("loại kỳ báo cáo"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("kỳ số"), help_text=_("Tháng, quý hoặc nửa năm; 1 với kỳ năm."))
    programme = models.ForeignKey(
        "programs.Programme", verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="+"
    )
    receiver_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("cơ quan nhận"), on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người mở kỳ"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-year", "-number", "period_kind__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "year", "number", "programme", "receiver_organisation"],
                name="round_once_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_kind.name} — {self.label}"

    @property
    def label(self) -> str:
        return self.period_kind.period_label(self.year, self.number)

    @property
    def label_in_sentence(self) -> str:
        """The label inside a sentence: "quý I năm 2026" (a lower-cased Roman numeral would read wrong)."""
        return self.label[:1].lower() + self.label[1:]

    @property
    def period_start(self) -> dt.date:
        return self.period_kind.period_bounds(self.year, self.number)[0]

    @property
    def period_end(self) -> dt.date:
        return self.period_kind.period_bounds(self.year, self.number)[1]

    @property
    def deadline(self) -> dt.date:
        return self.period_kind.deadline(self.year, self.number)


class SenderStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa lập")
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


# States in which the sender still owes a report (late once the deadline has passed).
OWING = (SenderStatus.NOT_STARTED, SenderStatus.DRAFT, SenderStatus.RETURNED)


@tracked()
class Sender(models.Model):
    """An expected sender of a round and where its report stands."""

    round = models.ForeignKey(Round, verbose_name=_("kỳ báo cáo"), on_delete=models.CASCADE, related_name="senders")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=SenderStatus.choices, default=SenderStatus.NOT_STARTED
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo ký duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("ký duyệt lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn vị gửi báo cáo")
        verbose_name_plural = _("đơn vị gửi báo cáo")
        ordering = ["round", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="sender_once_per_round"),
            models.CheckConstraint(condition=Q(status__in=SenderStatus.values), name="sender_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.round}"

    def is_late(self, today: dt.date) -> bool:
        return self.status in OWING and today > self.round.deadline


def _frozen_name(instance: Submission, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1]
    return (
        f"reporting/{instance.sender.round_id}/{instance.sender_id}/v{instance.version}-{uuid.uuid4().hex}.{extension}"
    )


class Decision(models.TextChoices):
    PENDING = "pending", _("Chờ tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


@tracked()
class Submission(models.Model):
    """One version of a sender's report, frozen when sent: its rows, its PDF and workbook, their hashes."""

    sender = models.ForeignKey(Sender, verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField(_("lần gửi"))
    rows = models.JSONField(_("số liệu đã gửi"))
    pdf = models.FileField(_("tệp PDF"), storage=attachment_storage, upload_to=_frozen_name, max_length=300)
    xlsx = models.FileField(_("tệp Excel"), storage=attachment_storage, upload_to=_frozen_name, max_length=300)
    pdf_sha256 = models.CharField(_("SHA-256 của PDF"), max_length=64)
    xlsx_sha256 = models.CharField(_("SHA-256 của Excel"), max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("nộp lúc"))
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lãnh đạo ký duyệt"), on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("ký duyệt lúc"))
    decision = models.CharField(_("tiếp nhận"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("báo cáo đã nộp")
        verbose_name_plural = _("báo cáo đã nộp")
        ordering = ["sender", "version"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "version"], name="submission_version_once"),
            models.CheckConstraint(
                condition=~Q(decision=Decision.RETURNED) | ~Q(return_reason=""), name="submission_return_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} (lần {self.version})"
