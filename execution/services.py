"""Writes to a project under way. Each refusal raises a named error with a Vietnamese message."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from attachments.models import AttachmentKind
from attachments.services import attachment_upload
from execution.models import Inspection
from execution.validation import InspectionInvalid, ensure_inspection_valid, inspection_problems
from khuyencong.problems import Problem
from projects.models import Project

__all__ = ["InspectionInvalid", "inspection_record"]


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
    inspection = Inspection(
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
