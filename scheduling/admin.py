from django import forms
from django.contrib import admin

from scheduling.models import PeriodicTask, SchedulerState
from scheduling.services import periodic_task_save, periodic_task_validate


class PeriodicTaskForm(forms.ModelForm):
    class Meta:
        model = PeriodicTask
        fields = ["name", "task_path", "parameters", "time_of_day", "interval_minutes", "enabled"]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        fields = {name: cleaned.get(name) for name in self.Meta.fields}
        fields["parameters"] = fields["parameters"] if fields["parameters"] is not None else {}
        # The same check as every other way in, with the same messages on the same fields.
        periodic_task_validate(PeriodicTask(**fields))
        return cleaned


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(admin.ModelAdmin):
    """Registering a task is one row: its path, its parameters (the data it needs) and when it runs."""

    form = PeriodicTaskForm
    list_display = ["name", "task_path", "time_of_day", "interval_minutes", "enabled", "next_run_at", "last_run_at"]
    list_filter = ["enabled"]
    search_fields = ["name", "task_path"]
    readonly_fields = ["next_run_at", "last_run_at", "last_result_id", "last_error", "updated_at", "updated_by"]

    def save_model(self, request, obj, form, change) -> None:
        periodic_task_save(task=obj, user=request.user)


@admin.register(SchedulerState)
class SchedulerStateAdmin(admin.ModelAdmin):
    list_display = ["pk", "wakes_at", "pending_result_id"]
    readonly_fields = ["token", "pending_result_id", "wakes_at"]
    search_fields = ["pending_result_id"]

    def has_add_permission(self, request) -> bool:
        return False
