from django.contrib import admin

from execution.models import ExecutionRule, Inspection
from khuyencong.admin_views import ShownOnlyAdmin


@admin.register(ExecutionRule)
class ExecutionRuleAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "valid_to", "report_deadline_day", "inspection_required", "legal_basis"]


@admin.register(Inspection)
class InspectionAdmin(ShownOnlyAdmin):
    """Shown only: an inspection comes with its minutes, uploaded and checked by the page's service."""

    list_display = ["project", "inspected_on", "reported_percent", "verified_percent", "recorded_by"]
    search_fields = ["project__code"]
