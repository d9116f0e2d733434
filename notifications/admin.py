from django.contrib import admin

from khuyencong.admin_views import ShownOnlyAdmin
from notifications.models import EmailPreference, Notification


@admin.register(Notification)
class NotificationAdmin(ShownOnlyAdmin):
    """Shown only: notifications are written by notify(), from the step or reminder they are about."""

    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "recipient__username", "recipient__last_name"]


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "by_email"]
    list_filter = ["kind", "by_email"]
    search_fields = ["user__username", "user__last_name"]
