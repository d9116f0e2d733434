from django.contrib import admin

from budgets.models import Allocation, Disbursement, PlannedBudget
from khuyencong.admin_views import ShownOnlyAdmin


@admin.register(PlannedBudget)
class PlannedBudgetAdmin(ShownOnlyAdmin):
    list_display = ["annual_plan", "content", "funding_source", "amount"]
    list_filter = ["funding_source", "annual_plan__programme", "annual_plan__year"]
    search_fields = ["content__title"]


@admin.register(Allocation)
class AllocationAdmin(ShownOnlyAdmin):
    list_display = ["programme", "year", "content", "funding_source", "amount", "decision_number", "decision_date"]
    list_filter = ["programme", "year", "funding_source"]
    search_fields = ["decision_number", "content__title"]


@admin.register(Disbursement)
class DisbursementAdmin(ShownOnlyAdmin):
    list_display = [
        "voucher_number",
        "date",
        "programme",
        "year",
        "project",
        "content",
        "funding_source",
        "amount",
        "is_advance",
    ]
    list_filter = ["programme", "year", "funding_source", "is_advance"]
    search_fields = ["voucher_number", "project__code", "project__title", "note"]
    raw_id_fields = ["project"]
