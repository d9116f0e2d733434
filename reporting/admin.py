from django.contrib import admin

from reporting.models import PeriodKind, Round, Sender, Submission


@admin.register(PeriodKind)
class PeriodKindAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "frequency",
        "deadline_months_after",
        "deadline_day",
        "receiver",
        "signoff_title",
        "is_active",
    )
    list_filter = ("frequency", "sender_level", "is_active")
    search_fields = ("code", "name")


class SenderInline(admin.TabularInline):
    model = Sender
    extra = 0
    fields = ("organisation", "status", "signed_off_by", "signed_off_at")
    readonly_fields = fields  # states change through the services only (sign-off, submission, decision)
    can_delete = False


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("period_kind", "year", "number", "programme", "receiver_organisation", "opened_by", "opened_at")
    list_filter = ("period_kind", "year")
    search_fields = ("period_kind__name", "programme__code", "receiver_organisation__name")
    raw_id_fields = ("programme", "receiver_organisation", "opened_by")
    inlines = [SenderInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read only: what was sent is never edited, not even here."""

    list_display = ("sender", "version", "submitted_by", "submitted_at", "decision", "decided_by", "decided_at")
    list_filter = ("decision",)
    search_fields = ("sender__organisation__name", "sender__round__programme__code")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
