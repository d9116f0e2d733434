"""Which documents a proposal still lacks before it may be sent (the rows of RequiredDocument in force)."""

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from attachments.models import RequiredDocument
from projects.models import Project


def _day(project: Project) -> dt.date:
    return project.start_date or dt.date(project.year, 1, 1)


def required_documents(project: Project, step: str = "propose") -> list[RequiredDocument]:
    day = _day(project)
    key = project.content.law_type.key
    return list(
        RequiredDocument.objects.filter(step=step, valid_from__lte=day)
        .filter(Q(content_key__isnull=True) | Q(content_key=key))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("kind")
    )


def missing_documents(project: Project, step: str = "propose") -> list[str]:
    """One Vietnamese line per missing document ("Báo giá: cần ít nhất 3, đã có 1 (căn cứ …)")."""
    rows = required_documents(project, step)
    if not rows:
        return []
    counts = dict(project.attachments.values("kind_id").annotate(n=Count("id")).values_list("kind_id", "n"))
    return [
        _("%(kind)s: cần ít nhất %(minimum)s, đã có %(count)s (%(basis)s)")
        % {"kind": row.kind.name, "minimum": row.minimum, "count": counts.get(row.kind_id, 0), "basis": row.legal_basis}
        for row in rows
        if counts.get(row.kind_id, 0) < row.minimum
    ]
