"""Reads of a project under way."""

from decimal import Decimal

from django.db.models import QuerySet

from execution.models import Inspection
from projects.models import Project


def latest_reported_percent(project: Project) -> Decimal | None:
    """The percentage of the last monthly progress report (none until one is sent)."""
    return None


def project_inspections(project: Project) -> QuerySet[Inspection]:
    return project.inspections.select_related("minutes", "recorded_by").order_by("-inspected_on", "-id")
