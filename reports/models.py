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
    worker builds the file with that user's visibility (policy.access).
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


class DataVersion(models.Model):
    """A counter per programme, bumped by database triggers in the same transaction as every write
    to a table a report reads (migration 0002). Row 0 is the global counter: organisations,
    administrative units and law content types, whose names any report may print.

    A cached report file is keyed by the versions it was built from, so a write makes it unreachable.
    """

    programme_id = models.BigIntegerField(_("chương trình"), primary_key=True)
    version = models.BigIntegerField(_("phiên bản dữ liệu"), default=0)

    class Meta:
        verbose_name = _("phiên bản dữ liệu báo cáo")
        verbose_name_plural = _("phiên bản dữ liệu báo cáo")

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.version}"


class CachedReportFile(models.Model):
    """A rendered report file kept in the default storage, found again by its key (reports.cache)."""

    key = models.CharField(_("khóa"), max_length=64, unique=True)
    path = models.CharField(_("đường dẫn"), max_length=300)
    filename = models.CharField(_("tên tệp"), max_length=200)
    kind = models.CharField(_("loại báo cáo"), max_length=30)
    format = models.CharField(_("định dạng"), max_length=10)
    size = models.PositiveBigIntegerField(_("kích thước"))
    made_on = models.DateField(_("ngày tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_served_at = models.DateTimeField(_("dùng lần cuối"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp báo cáo đã tạo")
        verbose_name_plural = _("tệp báo cáo đã tạo")
        indexes = [models.Index(fields=["last_served_at"], name="report_cache_lru")]

    def __str__(self) -> str:
        return self.filename
