from django.contrib import admin
from django.http import HttpRequest

from khuyencong.admin_views import ShownOnlyAdmin, ShownOnlyInline
from projects.models import (
    Beneficiary,
    EligibilityRule,
    Project,
    ProjectOutput,
    ProjectTransition,
    SupportLevel,
)


@admin.register(Beneficiary)
class BeneficiaryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "tax_code",
        "administrative_unit",
        "size",
        "sector",
        "owned_by_women",
        "owned_by_ethnic_minority",
    ]
    # The unit is searched by name rather than offered as a filter list of every unit in the country.
    list_filter = ["kind", "size", "owned_by_women", "owned_by_ethnic_minority"]
    search_fields = ["name", "tax_code", "address", "craft_village", "administrative_unit__name"]
    autocomplete_fields = ["administrative_unit"]


class ProjectOutputInline(ShownOnlyInline):
    model = ProjectOutput


class ProjectTransitionInline(admin.TabularInline):
    model = ProjectTransition
    extra = 0
    readonly_fields = ["action", "from_status", "to_status", "actor", "at", "comment"]
    can_delete = False


@admin.register(Project)
class ProjectAdmin(ShownOnlyAdmin):
    list_display = [
        "code",
        "title",
        "programme",
        "year",
        "content",
        "administrative_unit",
        "status",
        "support_local",
        "support_national",
    ]
    list_filter = ["programme", "year", "status", "kind", "administrative_unit"]
    search_fields = ["code", "title", "beneficiaries__name", "beneficiaries__tax_code"]
    inlines = [ProjectOutputInline, ProjectTransitionInline]


@admin.register(SupportLevel)
class SupportLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "law_type", "max_percent", "max_amount", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["law_type"]
    search_fields = ["name", "legal_basis"]


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "location", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["kind", "location", "legal_basis"]
    search_fields = ["legal_basis", "wording"]


@admin.register(ProjectTransition)
class ProjectTransitionAdmin(admin.ModelAdmin):
    list_display = ["project", "action", "from_status", "to_status", "actor", "at"]
    list_filter = ["action", "to_status"]
    search_fields = ["project__code", "project__title", "comment"]
    readonly_fields = ["project", "action", "from_status", "to_status", "actor", "at", "comment"]

    # The life-cycle record is written only by project_transition(); the admin reads it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ProjectTransition | None = None) -> bool:
        return False


@admin.register(ProjectOutput)
class ProjectOutputAdmin(ShownOnlyAdmin):
    list_display = ["project", "target", "planned", "delivered"]
    list_filter = ["target__programme"]
    search_fields = ["project__code", "target__name"]
