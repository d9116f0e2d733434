from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import AdministrativeUnit, Organisation, User


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "valid_to"]
    search_fields = ["code", "name"]
    # Searched, never listed: a select of 14.000 units is unusable and weighs megabytes per page.
    autocomplete_fields = ["parent", "default_successor", "successors"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "administrative_unit"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent", "administrative_unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Khuyến công", {"fields": ("organisation", "role")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Khuyến công", {"fields": ("organisation", "role")}))
