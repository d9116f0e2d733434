"""Writes of reporting rounds: open a round, draft, sign off, submit (freezing what is sent), accept, return.

Every refusal is a named exception with its Vietnamese message; `NotAllowed` ones are the
user's role or reach (the views answer 403), the others the state of the report.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from notifications.models import NotificationKind
from notifications.services import notify
from programs.models import Programme
from reporting.freeze import build_sender_report, frozen_rows, render_files, sha256
from reporting.models import (
    PERIODS_PER_YEAR,
    Decision,
    Frequency,
    PeriodKind,
    Round,
    Sender,
    SenderStatus,
    Submission,
    full_name,
)
from reporting.selectors import (
    SENDER_ROLES,
    candidate_programmes,
    candidate_senders,
    is_member,
    receives,
    sender_staff,
)


class ReportingRefused(Exception):
    message = _("Không thực hiện được thao tác.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or str(self.message))


class NotAllowed(ReportingRefused):
    """The user's role or reach does not allow it (403)."""


class NotReceiver(NotAllowed):
    message = _(
        "Chỉ cơ quan nhận báo cáo mới được chấp nhận hoặc trả lại báo cáo; đơn vị gửi không tự chấp nhận báo cáo của mình."
    )


class NotOpener(NotAllowed):
    message = _("Bạn không có quyền mở kỳ báo cáo loại này.")


class NotSenderStaff(NotAllowed):
    message = _("Chỉ cán bộ của đơn vị gửi mới được lập và nộp báo cáo này.")


class NotSigner(NotAllowed):
    message = _("Chỉ {title} của đơn vị gửi mới được ký duyệt báo cáo này.")


class PeriodInvalid(ReportingRefused):
    message = _("Kỳ báo cáo không hợp lệ: loại kỳ này có {count} kỳ trong năm (từ 1 đến {count}).")


class KindInactive(ReportingRefused):
    message = _("Loại kỳ báo cáo này không còn áp dụng.")


class ProgrammeNotEligible(ReportingRefused):
    message = _("Chương trình không phù hợp với loại kỳ báo cáo này hoặc không thuộc phạm vi của bạn.")


class YearOutside(ReportingRefused):
    message = _("Năm {year} nằm ngoài thời gian của chương trình ({first}-{last}).")


class NoSenders(ReportingRefused):
    message = _("Chọn ít nhất một đơn vị phải gửi báo cáo.")


class SenderNotEligible(ReportingRefused):
    message = _("Đơn vị «{name}» không thuộc các đơn vị gửi của loại kỳ báo cáo này.")


class RoundExists(ReportingRefused):
    message = _("Kỳ báo cáo này đã được mở cho chương trình này.")


class AlreadySubmitted(ReportingRefused):
    message = _("Báo cáo đã nộp hoặc đã được chấp nhận: không lập lại được. Chỉ khi bị trả lại mới lập báo cáo mới.")


class SignOffNeedsDraft(ReportingRefused):
    message = _("Chỉ ký duyệt được bản nháp: hãy lập bản nháp báo cáo trước.")


class SignOffMissing(ReportingRefused):
    message = _("Báo cáo chưa được {title} ký duyệt: chưa nộp được.")


class NothingToDecide(ReportingRefused):
    message = _(
        "Báo cáo này không ở trạng thái chờ tiếp nhận (đã được chấp nhận, đã bị trả lại, hoặc đã có lần gửi mới hơn)."
    )


class ReasonRequired(ReportingRefused):
    message = _("Ghi lý do trả lại báo cáo.")


class NoProvinceToRemind(NotAllowed):
    message = _("Bạn không tiếp nhận kỳ báo cáo nào nên không có đơn vị nào để nhắc.")


# ---------------------------------------------------------------- rounds


def round_open(
    *,
    period_kind: PeriodKind,
    year: int,
    number: int,
    programme: Programme,
    organisations: Iterable[Organisation],
    user: User,
) -> Round:
    """Open a round for a period with its expected senders; the opener's office receives the reports."""
    if user.role != period_kind.receiver_role or user.organisation_id is None:
        raise NotOpener()
    if not period_kind.is_active:
        raise KindInactive()
    count = PERIODS_PER_YEAR[Frequency(period_kind.frequency)]
    if not 1 <= number <= count:
        raise PeriodInvalid(PeriodInvalid.message.format(count=count))
    if not candidate_programmes(period_kind, user).filter(pk=programme.pk).exists():
        raise ProgrammeNotEligible()
    if year not in programme.years:
        raise YearOutside(YearOutside.message.format(year=year, first=programme.first_year, last=programme.last_year))
    organisations = list(organisations)
    if not organisations:
        raise NoSenders()
    eligible = set(candidate_senders(period_kind, user).values_list("pk", flat=True))
    for organisation in organisations:
        if organisation.pk not in eligible:
            raise SenderNotEligible(SenderNotEligible.message.format(name=organisation.name))
    with transaction.atomic():
        if Round.objects.filter(
            period_kind=period_kind,
            year=year,
            number=number,
            programme=programme,
            receiver_organisation_id=user.organisation_id,
        ).exists():
            raise RoundExists()
        round = Round.objects.create(
            period_kind=period_kind,
            year=year,
            number=number,
            programme=programme,
            receiver_organisation_id=user.organisation_id,
            opened_by=user,
        )
        Sender.objects.bulk_create([Sender(round=round, organisation=o) for o in organisations])
    return round


# ---------------------------------------------------------------- the sender's side


def _locked(sender: Sender) -> Sender:
    # Only the sender's own row is locked (of=self): the joined rows are read, never written here.
    return (
        Sender.objects.select_for_update(of=("self",))
        .select_related(
            "round__period_kind", "round__programme", "organisation__parent", "organisation__administrative_unit"
        )
        .get(pk=sender.pk)
    )


def _require_staff(sender: Sender, user: User) -> None:
    if user.role not in SENDER_ROLES or not is_member(user, sender.organisation):
        raise NotSenderStaff()


@transaction.atomic
def sender_draft(*, sender: Sender, user: User) -> Sender:
    """Start (or restart after a return) the sender's report; a new draft needs a new sign-off."""
    sender = _locked(sender)
    _require_staff(sender, user)
    if sender.status in (SenderStatus.SUBMITTED, SenderStatus.ACCEPTED):
        raise AlreadySubmitted()
    sender.status = SenderStatus.DRAFT
    sender.signed_off_by = None
    sender.signed_off_at = None
    sender.save(update_fields=["status", "signed_off_by", "signed_off_at", "updated_at"])
    return sender


@transaction.atomic
def sender_sign_off(*, sender: Sender, user: User) -> Sender:
    """The leader named by the period kind approves the draft for sending."""
    sender = _locked(sender)
    kind = sender.round.period_kind
    if user.role not in kind.signoff_roles or not is_member(user, sender.organisation):
        raise NotSigner(NotSigner.message.format(title=kind.signoff_title))
    if sender.status != SenderStatus.DRAFT:
        raise SignOffNeedsDraft()
    sender.signed_off_by = user
    sender.signed_off_at = timezone.now()
    sender.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])
    return sender


@transaction.atomic
def submission_create(*, sender: Sender, user: User) -> Submission:
    """Send the report: its rows from the data of this moment, its PDF and workbook, frozen with their hashes."""
    sender = _locked(sender)
    _require_staff(sender, user)
    kind = sender.round.period_kind
    if sender.status in (SenderStatus.SUBMITTED, SenderStatus.ACCEPTED):
        raise AlreadySubmitted()
    if sender.status != SenderStatus.DRAFT or sender.signed_off_by_id is None or sender.signed_off_at is None:
        raise SignOffMissing(SignOffMissing.message.format(title=kind.signoff_title))
    report = build_sender_report(
        round=sender.round, organisation=sender.organisation, user=user, signer=sender.signed_off_by
    )
    pdf, xlsx = render_files(report)
    version = (sender.versions.aggregate(last=Max("version"))["last"] or 0) + 1
    submission = Submission(
        sender=sender,
        version=version,
        rows=frozen_rows(report),
        pdf_sha256=sha256(pdf),
        xlsx_sha256=sha256(xlsx),
        submitted_by=user,
        submitted_at=timezone.now(),
        signed_off_by=sender.signed_off_by,
        signed_off_at=sender.signed_off_at,
    )
    stem = f"{sender.round.programme.code}-{sender.round.year}-{sender.round.number}-v{version}"
    submission.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    submission.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    submission.save()
    sender.status = SenderStatus.SUBMITTED
    sender.signed_off_by = None  # one sign-off, one version
    sender.signed_off_at = None
    sender.save(update_fields=["status", "signed_off_by", "signed_off_at", "updated_at"])
    return submission


# ---------------------------------------------------------------- the receiver's side


def _decidable(submission: Submission, user: User) -> Submission:
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("sender__round__period_kind", "sender__organisation")
        .get(pk=submission.pk)
    )
    sender = submission.sender
    if not receives(user, sender.round) or is_member(user, sender.organisation):
        raise NotReceiver()
    latest = sender.versions.aggregate(last=Max("version"))["last"]
    if (
        submission.decision != Decision.PENDING
        or submission.version != latest
        or sender.status != SenderStatus.SUBMITTED
    ):
        raise NothingToDecide()
    return submission


def _tell_sender(submission: Submission, kind: NotificationKind, subject: str, body: str) -> None:
    sender = submission.sender
    notify(
        recipients=sender_staff(sender),
        kind=kind,
        subject=subject,
        body=body,
        url=reverse("reporting:sender_detail", args=[sender.pk]),
        dedup_key=f"reporting:{kind.value}:{submission.pk}",
    )


@transaction.atomic
def submission_accept(*, submission: Submission, user: User) -> Submission:
    submission = _decidable(submission, user)
    submission.decision = Decision.ACCEPTED
    submission.decided_by = user
    submission.decided_at = timezone.now()
    submission.save(update_fields=["decision", "decided_by", "decided_at"])
    Sender.objects.filter(pk=submission.sender_id).update(status=SenderStatus.ACCEPTED, updated_at=timezone.now())
    round = submission.sender.round
    _tell_sender(
        submission,
        NotificationKind.REPORT_ACCEPTED,
        f"{round.period_kind.name} — {round.label}: đã được chấp nhận",
        f"{full_name(user)} đã chấp nhận báo cáo (lần gửi {submission.version}).",
    )
    return submission


@transaction.atomic
def submission_return(*, submission: Submission, user: User, reason: str) -> Submission:
    reason = (reason or "").strip()
    submission = _decidable(submission, user)
    if not reason:
        raise ReasonRequired()
    submission.decision = Decision.RETURNED
    submission.decided_by = user
    submission.decided_at = timezone.now()
    submission.return_reason = reason
    submission.save(update_fields=["decision", "decided_by", "decided_at", "return_reason"])
    Sender.objects.filter(pk=submission.sender_id).update(status=SenderStatus.RETURNED, updated_at=timezone.now())
    round = submission.sender.round
    _tell_sender(
        submission,
        NotificationKind.REPORT_RETURNED,
        f"{round.period_kind.name} — {round.label}: bị trả lại",
        f"Lý do: {reason}\nHãy lập lại báo cáo, trình ký duyệt và nộp lại.",
    )
    return submission
