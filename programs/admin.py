from django.contrib import admin

from khuyencong.admin_views import ShownOnlyAdmin, ShownOnlyInline
from programs.models import (
    AnnualPlan,
    AnnualPlanTarget,
    Content,
    ContentCatalogue,
    LawContentType,
    Programme,
    ProgrammeVersion,
    Result,
    Target,
)


class LawContentTypeInline(admin.TabularInline):
    model = LawContentType
    extra = 0
    fields = ["code", "key", "name", "name_en", "legal_basis"]


@admin.register(ContentCatalogue)
class ContentCatalogueAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_basis", "valid_from", "valid_to"]
    search_fields = ["name", "legal_basis"]
    inlines = [LawContentTypeInline]


@admin.register(LawContentType)
class LawContentTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "catalogue", "key", "legal_basis"]
    list_filter = ["catalogue"]
    search_fields = ["name", "name_en"]


class ProgrammeVersionInline(admin.TabularInline):
    model = ProgrammeVersion
    extra = 0
    fields = ["number", "decision_number", "decision_date", "decision_body", "planned_budget", "summary"]


class ContentInline(admin.TabularInline):
    model = Content
    extra = 0
    fields = ["number", "title", "law_type", "parent"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "first_year", "last_year", "decision_number", "planned_budget", "status"]
    list_filter = ["level", "status"]
    search_fields = ["code", "name", "decision_number"]
    autocomplete_fields = ["administrative_unit"]
    inlines = [ProgrammeVersionInline, ContentInline]


@admin.register(Content)
class ContentAdmin(admin.ModelAdmin):
    list_display = ["programme", "number", "title", "law_type"]
    list_filter = ["programme", "law_type"]
    search_fields = ["title", "number"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = [
        "programme",
        "code",
        "name",
        "unit",
        "kind",
        "value",
        "low",
        "high",
        "target_year",
        "effect_measure",
    ]
    list_filter = ["programme", "kind", "effect_measure"]
    search_fields = ["code", "name", "source_wording"]


class AnnualPlanTargetInline(ShownOnlyInline):
    model = AnnualPlanTarget


@admin.register(AnnualPlan)
class AnnualPlanAdmin(admin.ModelAdmin):
    list_display = ["programme", "year", "decision_number", "status", "is_locked"]
    list_filter = ["programme", "status", "is_locked"]
    search_fields = ["decision_number"]
    # The lock is set on the year-lock page, which records who locked the year and when.
    readonly_fields = ["is_locked", "locked_by", "locked_at"]
    inlines = [AnnualPlanTargetInline]


@admin.register(Result)
class ResultAdmin(ShownOnlyAdmin):
    list_display = ["target", "year", "quantity", "administrative_unit", "organisation"]
    list_filter = ["year", "target__programme"]
    search_fields = ["target__name", "note"]


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(admin.ModelAdmin):
    list_display = ["programme", "number", "decision_number", "decision_date", "planned_budget"]
    list_filter = ["programme"]
    search_fields = ["decision_number", "summary"]


@admin.register(AnnualPlanTarget)
class AnnualPlanTargetAdmin(ShownOnlyAdmin):
    list_display = ["annual_plan", "target", "quantity"]
    list_filter = ["annual_plan__programme", "annual_plan__year"]
    search_fields = ["target__name"]
