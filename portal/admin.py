from django.contrib import admin

from khuyencong.admin_views import ShownOnlyAdmin
from portal.models import Registration


@admin.register(Registration)
class RegistrationAdmin(ShownOnlyAdmin):
    """Shown only: activation goes through the page, which matches the registry by tax code."""

    list_display = ["tax_code", "name", "administrative_unit", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["tax_code", "name", "representative", "email"]
