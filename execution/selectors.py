"""Reads of a project under way."""

from decimal import Decimal

from django.db.models import QuerySet

from execution.models import Appraisal, Effect, Inspection, ProgressReport
from projects.models import Project


def latest_reported_percent(project: Project) -> Decimal | None:
    """The percentage of the last monthly progress report (none until one is sent)."""
    last = project.progress_reports.order_by("-month").first()
    return last.percent_done if last else None


def project_progress_reports(project: Project) -> QuerySet[ProgressReport]:
    return project.progress_reports.select_related("reported_by").prefetch_related("photos").order_by("-month")


def project_inspections(project: Project) -> QuerySet[Inspection]:
    return project.inspections.select_related("minutes", "recorded_by").order_by("-inspected_on", "-id")


def project_effect(project: Project) -> Effect | None:
    return Effect.objects.filter(project=project).select_related("recorded_by").first()


def project_appraisals(project: Project) -> QuerySet[Appraisal]:
    return project.appraisals.select_related("appraised_by", "minutes").order_by("appraised_at", "id")


def project_parties(project: Project):
    return project.parties.select_related("recorded_by").order_by("role", "contract_date", "id")
