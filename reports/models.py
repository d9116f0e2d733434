"""Background exports: a job a user asked for, its progress and the file it produced."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ExportJob(models.Model):
    """A large export (Excel or PDF) made by a background worker.

    Only the user who asked for it may see it or download its file; the
    worker builds the file with that user's visibility (accounts.access).
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=60)
    format = models.CharField(_("định dạng"), max_length=10)
    parameters = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ExportJobStatus.choices, default=ExportJobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    progress_total = models.PositiveIntegerField(_("tổng số"), null=True, blank=True)
    task_result_id = models.CharField(_("mã tác vụ"), max_length=64, blank=True)
    file = models.FileField(_("tệp kết quả"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu xuất dữ liệu")
        verbose_name_plural = _("yêu cầu xuất dữ liệu")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_job_user_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ExportJobStatus.values), name="export_job_status_valid"),
            models.CheckConstraint(
                condition=Q(progress_total__isnull=True) | Q(progress_done__lte=models.F("progress_total")),
                name="export_job_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} ({self.get_status_display()})"

    @property
    def percent(self) -> int | None:
        """Whole percent done, for the progress bar; None while the total is unknown."""
        if self.status == ExportJobStatus.DONE:
            return 100
        if not self.progress_total:
            return None
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportJobStatus.DONE, ExportJobStatus.FAILED)
