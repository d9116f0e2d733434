"""Periodic background work as data: which task runs when, edited by an administrator.

No cron: a dispatcher task on the ordinary worker (`manage.py db_worker`) enqueues the
due tasks and re-enqueues itself for the next due time (scheduling/dispatch.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PeriodicTask(models.Model):
    """One task of `django.tasks` run every day at a time, or every so many minutes."""

    name = models.CharField(_("tên"), max_length=200, unique=True)
    # The dotted path of a function decorated with django.tasks' @task, e.g. "projects.tasks.remind_waiting_projects".
    task_path = models.CharField(_("tác vụ (đường dẫn Python)"), max_length=200)
    # Keyword arguments of the task: the data a reminder needs (its number of days, ...).
    parameters = models.JSONField(_("tham số"), default=dict, blank=True)
    time_of_day = models.TimeField(_("chạy hằng ngày lúc"), null=True, blank=True)
    interval_minutes = models.PositiveIntegerField(_("hoặc cứ sau (phút)"), null=True, blank=True)
    enabled = models.BooleanField(_("đang bật"), default=True)
    next_run_at = models.DateTimeField(_("lần chạy tới"), null=True, blank=True)
    last_run_at = models.DateTimeField(_("lần chạy gần nhất"), null=True, blank=True, editable=False)
    last_result_id = models.CharField(_("mã kết quả lần gần nhất"), max_length=64, blank=True, editable=False)
    last_error = models.TextField(_("lỗi lần gần nhất"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("tác vụ định kỳ")
        verbose_name_plural = _("tác vụ định kỳ")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(time_of_day__isnull=True) ^ Q(interval_minutes__isnull=True),
                name="periodic_task_one_schedule",
            ),
            models.CheckConstraint(
                condition=Q(interval_minutes__isnull=True) | Q(interval_minutes__gte=1),
                name="periodic_task_interval_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SchedulerState(models.Model):
    """The one row that names the live dispatcher: a dispatcher whose token is not this one stops."""

    token = models.UUIDField(_("mã lượt điều phối"), null=True, blank=True)
    pending_result_id = models.CharField(_("mã tác vụ điều phối đang chờ"), max_length=64, blank=True)
    wakes_at = models.DateTimeField(_("lần điều phối tới"), null=True, blank=True)

    class Meta:
        verbose_name = _("bộ điều phối")
        verbose_name_plural = _("bộ điều phối")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="scheduler_state_single_row")]

    def __str__(self) -> str:
        return f"{self.wakes_at:%d/%m/%Y %H:%M}" if self.wakes_at else "—"
