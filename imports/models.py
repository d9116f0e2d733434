from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch năm (chỉ tiêu và kinh phí)")
    RESULTS = "results", _("Kết quả thực hiện")
    PROJECTS = "projects", _("Đề án")
    DISBURSEMENTS = "disbursements", _("Giải ngân")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Đã kiểm tra, chờ xác nhận")
    REFUSED = "refused", _("Bị từ chối")
    IMPORTED = "imported", _("Đã nhập")
    EXPIRED = "expired", _("Hết hạn, chưa xác nhận")
    # A workbook larger than IMPORT_INLINE_MAX_ROWS is checked, then applied, by the task worker.
    CHECKING = "checking", _("Đang kiểm tra")
    APPLYING = "applying", _("Đang nhập")


class ImportPhase(models.TextChoices):
    CHECKING = "checking", _("Kiểm tra")
    APPLYING = "applying", _("Nhập")


class ImportBatch(models.Model):
    """One uploaded workbook: what it was, who sent it, what the check found and what was saved."""

    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    kind = models.CharField(_("loại mẫu"), max_length=20, choices=ImportKind.choices, blank=True)
    programme = models.ForeignKey(
        "programs.Programme", verbose_name=_("chương trình"), null=True, blank=True, on_delete=models.SET_NULL
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=ImportStatus.choices)
    summary = models.JSONField(_("kết quả kiểm tra"), default=dict, blank=True)
    stored_path = models.CharField(_("tệp lưu tạm"), max_length=500, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    imported_at = models.DateTimeField(_("lúc nhập"), null=True, blank=True)
    # Progress of a background check or apply, written by the worker from a second connection
    # (imports/progress.py) so that the page sees it while the import's transaction is open.
    phase = models.CharField(_("giai đoạn"), max_length=20, choices=ImportPhase.choices, blank=True)
    progress_done = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    progress_total = models.PositiveIntegerField(_("tổng số dòng"), null=True, blank=True)
    task_result_id = models.CharField(_("mã tác vụ"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("lần nhập tệp Excel")
        verbose_name_plural = _("các lần nhập tệp Excel")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ImportStatus.values), name="import_status_valid"),
            models.CheckConstraint(condition=models.Q(phase__in=["", *ImportPhase.values]), name="import_phase_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def in_background(self) -> bool:
        """The worker is checking or applying it: the page shows progress, not the preview."""
        return self.status in (ImportStatus.CHECKING, ImportStatus.APPLYING)

    @property
    def percent(self) -> int | None:
        if not self.in_background:
            return 100
        if not self.progress_total:
            return None
        return min(100, self.progress_done * 100 // self.progress_total)
