from django.conf import settings
from django.db import models


class ImportKind(models.TextChoices):
    PLAN = "plan", "Kế hoạch năm (chỉ tiêu và kinh phí)"
    RESULTS = "results", "Kết quả thực hiện"
    PROJECTS = "projects", "Đề án"
    DISBURSEMENTS = "disbursements", "Giải ngân"


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Đã kiểm tra, chờ xác nhận"
    REFUSED = "refused", "Bị từ chối"
    IMPORTED = "imported", "Đã nhập"


class ImportBatch(models.Model):
    """One uploaded workbook: what it was, who sent it, what the check found and what was saved."""

    file_name = models.CharField("tên tệp", max_length=255)
    sha256 = models.CharField("mã băm SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0)
    kind = models.CharField("loại mẫu", max_length=20, choices=ImportKind.choices, blank=True)
    programme = models.ForeignKey(
        "programs.Programme", verbose_name="chương trình", null=True, blank=True, on_delete=models.SET_NULL
    )
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=ImportStatus.choices)
    summary = models.JSONField("kết quả kiểm tra", default=dict, blank=True)
    stored_path = models.CharField("tệp lưu tạm", max_length=500, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nhập", on_delete=models.PROTECT)
    created_at = models.DateTimeField("lúc tải lên", auto_now_add=True)
    imported_at = models.DateTimeField("lúc nhập", null=True, blank=True)

    class Meta:
        verbose_name = "lần nhập tệp Excel"
        verbose_name_plural = "các lần nhập tệp Excel"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ImportStatus.values), name="import_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
