from django.contrib import admin
from django.http import HttpRequest

from imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "file_name", "kind", "programme", "year", "status", "user"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["file_name", "sha256", "user__username", "programme__code"]
    readonly_fields = [field.name for field in ImportBatch._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
