"""Writes to a project under way. Each refusal raises a named error with a Vietnamese message."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from attachments.models import Attachment, AttachmentKind
from attachments.services import attachment_upload
from attachments.sniffing import AttachmentRefused
from execution.models import (
    Appraisal,
    AppraisalAnswer,
    AppraisalConclusion,
    Effect,
    Inspection,
    ProgressReport,
    ProjectParty,
)
from execution.rules import criteria_in_force, report_due_on
from execution.validation import (
    EFFECT_COUNTS,
    EFFECT_MONEY,
    EFFECT_SHARES,
    AppraisalInvalid,
    EffectInvalid,
    InspectionInvalid,
    ProgressReportInvalid,
    ProjectPartyInvalid,
    appraisal_problems,
    ensure_effect_valid,
    ensure_inspection_valid,
    ensure_progress_report_valid,
    inspection_problems,
    project_party_problems,
)
from khuyencong.problems import Problem
from projects.models import Project

__all__ = [
    "ProjectPartyInvalid",
    "project_party_add",
    "AppraisalInvalid",
    "appraisal_record",
    "EffectInvalid",
    "InspectionInvalid",
    "ProgressReportInvalid",
    "effect_save",
    "inspection_record",
    "progress_report_submit",
]

EFFECT_FIELDS = (*EFFECT_COUNTS, *EFFECT_MONEY, *EFFECT_SHARES)


def _latest_reported_percent(project: Project) -> Decimal | None:
    from execution.selectors import latest_reported_percent

    return latest_reported_percent(project)


@transaction.atomic
def inspection_record(
    *,
    project: Project,
    inspected_on: dt.date | None,
    verified_percent: Decimal | None,
    findings: str,
    minutes_file: UploadedFile | None,
    user: User,
) -> Inspection:
    """Record a field inspection with its signed minutes (uploaded here, as every file, through attachments)."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    inspection = Inspection(  # type: ignore[misc]  # checked by the validator before saving
        project=locked,
        inspected_on=inspected_on,
        verified_percent=verified_percent,
        reported_percent=_latest_reported_percent(locked),
        findings=findings.strip(),
        recorded_by=user,
    )
    # The fields are checked before the file is stored, so that a refused record leaves no orphan file.
    early = [p for p in inspection_problems(inspection, today=timezone.localdate()) if p.field != "minutes"]
    if minutes_file is None:
        early.append(Problem("minutes", _("Cần đính kèm biên bản kiểm tra hiện trường.")))
    if early:
        raise InspectionInvalid(early)
    if minutes_file is None:  # refused above; said again for the type checker
        raise InspectionInvalid(early)
    inspection.minutes = attachment_upload(
        project=locked,
        kind=AttachmentKind.objects.get(code="inspection_minutes"),
        upload=minutes_file,
        user=user,
        note=_("Biên bản kiểm tra hiện trường ngày %(day)s") % {"day": f"{inspected_on:%d/%m/%Y}"},
    )
    ensure_inspection_valid(inspection, today=timezone.localdate())
    inspection.save()
    return inspection


@transaction.atomic
def progress_report_submit(
    *,
    project: Project,
    month: dt.date | None,
    percent_done: Decimal | None,
    delivered: str,
    photos: list[UploadedFile],
    user: User,
) -> ProgressReport:
    """The month's progress with its photos (re-encoded: only pixels, EXIF date and GPS survive).

    A report sent on or after the due day is taken and marked late: nothing is lost.
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    now = timezone.now()
    today = timezone.localdate(now)
    report = ProgressReport(  # type: ignore[misc]  # checked by the validator before saving
        project=locked,
        month=month.replace(day=1) if month else None,
        percent_done=percent_done,
        delivered=delivered.strip(),
        reported_by=user,
        reported_at=now,
    )
    ensure_progress_report_valid(report, today=today)
    report.due_on = report_due_on(locked, report.month)
    report.submitted_late = report.due_on is not None and today >= report.due_on
    kind = AttachmentKind.objects.get(code="photo")
    stored: list[Attachment] = []
    try:
        for upload in photos:
            try:
                stored.append(
                    attachment_upload(
                        project=locked,
                        kind=kind,
                        upload=upload,
                        user=user,
                        note=_("Ảnh tiến độ tháng %(month)s") % {"month": f"{report.month:%m/%Y}"},
                    )
                )
            except AttachmentRefused as error:
                raise ProgressReportInvalid(
                    [Problem("photos", _("Ảnh «%(name)s»: %(reason)s") % {"name": upload.name, "reason": error})]
                ) from None
        report.save()
        report.photos.set(stored)
    except Exception:
        # The rows roll back with the transaction; the files stored before the refusal go too.
        for attachment in stored:
            attachment.file.delete(save=False)
            if attachment.thumbnail:
                attachment.thumbnail.delete(save=False)
        raise
    return report


@transaction.atomic
def effect_save(*, project: Project, figures: dict, user: User) -> Effect:
    """Record (or correct) the effect after acceptance; every figure typed, each checked.

    The figures count at once towards the programme's targets that measure them (programs.actuals).
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    effect = Effect.objects.filter(project=locked).first() or Effect(project=locked)
    for name in EFFECT_FIELDS:
        setattr(effect, name, figures.get(name))
    ensure_effect_valid(effect)
    effect.recorded_by = user
    effect.recorded_at = timezone.now()
    effect.save()
    return effect


@dataclass(frozen=True)
class CriterionAnswer:
    met: bool | None
    points: Decimal | None
    note: str = ""


@transaction.atomic
def appraisal_record(
    *,
    project: Project,
    mode: str,
    council_decision_number: str = "",
    council_decision_date: dt.date | None = None,
    council_members: str = "",
    answers: dict[int, CriterionAnswer],
    conclusion: str,
    opinion: str = "",
    minutes_file: UploadedFile | None,
    user: User,
) -> Appraisal:
    """Record an appraisal (the Department's, or the ministry's second one) with its checklist and minutes.

    A passed appraisal takes the life cycle's «Thẩm định» step (projects.services.project_transition) in the
    same transaction, tied to this record; a failed one is recorded and the project waits for a return or a
    rejection.
    """
    from projects.lifecycle import appraisal_level
    from projects.services import ProjectTransitionError, project_transition

    locked = Project.objects.select_for_update().select_related("programme").get(pk=project.pk)
    criteria = list(criteria_in_force(locked))
    appraisal = Appraisal(
        project=locked,
        level=appraisal_level(locked.status) or "",
        mode=mode,
        council_decision_number=council_decision_number.strip(),
        council_decision_date=council_decision_date,
        council_members=council_members.strip(),
        conclusion=conclusion,
        opinion=opinion.strip(),
        appraised_by=user,
        appraised_at=timezone.now(),
    )
    rows = [
        AppraisalAnswer(criterion_id=criterion_id, met=a.met, points=a.points, note=a.note.strip()[:500])  # type: ignore[misc]  # checked by the validator before saving
        for criterion_id, a in answers.items()
        if criterion_id in {c.pk for c in criteria}
    ]
    problems = appraisal_problems(appraisal, rows, criteria)
    if minutes_file is None:
        problems.append(Problem("minutes", _("Cần đính kèm biên bản thẩm định có chữ ký.")))
    if problems:
        raise AppraisalInvalid(problems)
    appraisal.score = sum((row.points for row in rows), Decimal(0))
    appraisal.max_score = Decimal(sum(c.max_points for c in criteria))
    if minutes_file is None:  # refused above; said again for the type checker
        raise AppraisalInvalid(problems)
    appraisal.minutes = attachment_upload(
        project=locked,
        kind=AttachmentKind.objects.get(code="minutes"),
        upload=minutes_file,
        user=user,
        note=_("Biên bản thẩm định (%(level)s)") % {"level": appraisal.get_level_display()},
    )
    appraisal.save()
    for row in rows:
        row.appraisal = appraisal
    AppraisalAnswer.objects.bulk_create(rows)
    if conclusion == AppraisalConclusion.PASSED:
        try:
            step = project_transition(project=locked, action="appraise", user=user, comment=opinion)
        except ProjectTransitionError as error:
            raise AppraisalInvalid([Problem(None, str(error))]) from None
        appraisal.transition = step
        appraisal.save(update_fields=["transition"])
        project.status = locked.status
    return appraisal


@transaction.atomic
def project_party_add(
    *,
    project: Project,
    role: str,
    name: str,
    tax_code: str,
    contract_number: str,
    contract_date: dt.date | None,
    user: User,
) -> ProjectParty:
    """Record a contractor or a supervising unit of the project, with its contract."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    party = ProjectParty(  # type: ignore[misc]  # checked by the validator before saving
        project=locked,
        role=role,
        name=name.strip(),
        tax_code=tax_code,
        contract_number=contract_number.strip(),
        contract_date=contract_date,
        recorded_by=user,
    )
    problems = project_party_problems(party, today=timezone.localdate())
    if problems:
        raise ProjectPartyInvalid(problems)
    party.save()
    return party
