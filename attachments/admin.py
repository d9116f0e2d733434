from django.contrib import admin

from attachments.models import Attachment, AttachmentKind
from khuyencong.admin_views import ShownOnlyAdmin


@admin.register(AttachmentKind)
class AttachmentKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "max_bytes", "accepted_types", "is_photo", "order"]
    search_fields = ["code", "name"]


@admin.register(Attachment)
class AttachmentAdmin(ShownOnlyAdmin):
    """Shown only: an upload must pass the type, size and image checks of attachments.services."""

    list_display = ["original_name", "kind", "project", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "sha256", "project__code"]
    exclude = ["file", "thumbnail"]
