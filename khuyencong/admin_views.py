"""Admin classes for records the application's own pages own.

Plans, results, projects and money are entered through the pages, whose services
check locked years, the programme's budget, allocations, support levels and
concurrent edits. The admin could save the same rows past every one of those
checks, so for these models it only shows them.
"""

from django.contrib import admin


class ShownOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ShownOnlyAdmin(ShownOnly, admin.ModelAdmin):
    pass


class ShownOnlyInline(ShownOnly, admin.TabularInline):
    extra = 0
