from django.contrib import admin

from execution.models import (
    Appraisal,
    AppraisalAnswer,
    AppraisalCriterion,
    Effect,
    ExecutionRule,
    Inspection,
    ProgressReport,
    ProjectParty,
)
from khuyencong.admin_views import ShownOnlyAdmin, ShownOnlyInline


@admin.register(ExecutionRule)
class ExecutionRuleAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from",
        "valid_to",
        "report_deadline_day",
        "inspection_required",
        "appraisal_required",
        "legal_basis",
    ]


@admin.register(Inspection)
class InspectionAdmin(ShownOnlyAdmin):
    """Shown only: an inspection comes with its minutes, uploaded and checked by the page's service."""

    list_display = ["project", "inspected_on", "reported_percent", "verified_percent", "recorded_by"]
    search_fields = ["project__code"]


@admin.register(AppraisalCriterion)
class AppraisalCriterionAdmin(admin.ModelAdmin):
    """The appraisal checklist: dated rows, a new version is a new row with its own validity."""

    list_display = ["order", "code", "name", "max_points", "valid_from", "valid_to"]
    list_filter = ["valid_from"]
    search_fields = ["code", "name"]


class AppraisalAnswerInline(ShownOnlyInline):
    model = AppraisalAnswer


@admin.register(Appraisal)
class AppraisalAdmin(ShownOnlyAdmin):
    """Shown only: an appraisal moves the life cycle, through the page's service."""

    list_display = ["project", "level", "mode", "score", "conclusion", "appraised_by", "appraised_at"]
    list_filter = ["level", "mode", "conclusion"]
    search_fields = ["project__code", "council_decision_number"]
    inlines = [AppraisalAnswerInline]


@admin.register(ProgressReport)
class ProgressReportAdmin(ShownOnlyAdmin):
    list_display = ["project", "month", "percent_done", "submitted_late", "reported_by", "reported_at"]
    search_fields = ["project__code"]


@admin.register(Effect)
class EffectAdmin(ShownOnlyAdmin):
    list_display = ["project", "jobs_created", "revenue_before", "revenue_after", "recorded_by", "recorded_at"]
    search_fields = ["project__code"]


@admin.register(ProjectParty)
class ProjectPartyAdmin(ShownOnlyAdmin):
    list_display = ["project", "role", "name", "tax_code", "contract_number", "contract_date", "recorded_by"]
    list_filter = ["role"]
    search_fields = ["project__code", "name", "tax_code", "contract_number"]
