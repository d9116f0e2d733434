from django.conf import settings
from django.db import models
from django.db.models import Q

from khuyencong.concurrency import VersionedModel
from khuyencong.history import tracked


class BeneficiaryKind(models.TextChoices):
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    COOPERATIVE = "cooperative", "Hợp tác xã"
    HOUSEHOLD = "household", "Hộ kinh doanh"
    RURAL_ESTABLISHMENT = "rural_establishment", "Cơ sở công nghiệp nông thôn"


class BeneficiarySize(models.TextChoices):
    MICRO = "micro", "Siêu nhỏ"
    SMALL = "small", "Nhỏ"
    MEDIUM = "medium", "Vừa"
    LARGE = "large", "Lớn"


@tracked()
class Beneficiary(VersionedModel):
    name = models.CharField("tên", max_length=300)
    kind = models.CharField("loại hình", max_length=30, choices=BeneficiaryKind.choices)
    tax_code = models.CharField(
        "mã số thuế", max_length=14, blank=True, help_text="Duy nhất; để trống nếu cơ sở chưa có mã số thuế."
    )
    address = models.CharField("địa chỉ", max_length=400, blank=True)
    administrative_unit = models.ForeignKey(
        "accounts.AdministrativeUnit",
        verbose_name="đơn vị hành chính",
        on_delete=models.PROTECT,
        related_name="beneficiaries",
    )
    size = models.CharField("quy mô", max_length=20, choices=BeneficiarySize.choices, blank=True)
    sector = models.CharField("ngành nghề", max_length=200, blank=True)
    craft_village = models.CharField("làng nghề", max_length=200, blank=True)
    representative = models.CharField("người đại diện", max_length=200, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đối tượng thụ hưởng"
        verbose_name_plural = "đối tượng thụ hưởng"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tax_code"], condition=~Q(tax_code=""), name="beneficiary_tax_code_unique"),
            models.CheckConstraint(condition=Q(kind__in=BeneficiaryKind.values), name="beneficiary_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectKind(models.TextChoices):
    PILOT = "pilot", "Đề án điểm"
    GROUP = "group", "Đề án theo nhóm"


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PROPOSED = "proposed", "Đã đề xuất"
    RETURNED = "returned", "Yêu cầu bổ sung"
    REJECTED = "rejected", "Bị từ chối"
    APPRAISED_DEPARTMENT = "appraised_department", "Sở đã thẩm định"
    APPRAISED_MINISTRY = "appraised_ministry", "Bộ đã thẩm định"
    APPROVED = "approved", "Đã phê duyệt"
    UNDER_WAY = "under_way", "Đang thực hiện"
    ADJUSTED = "adjusted", "Đã điều chỉnh"
    ACCEPTED = "accepted", "Đã nghiệm thu"
    SETTLED = "settled", "Đã thanh quyết toán"
    CANCELLED = "cancelled", "Đã hủy"


# Statuses whose delivered outputs count towards targets.
COUNTING_STATUSES = (
    ProjectStatus.APPROVED,
    ProjectStatus.UNDER_WAY,
    ProjectStatus.ADJUSTED,
    ProjectStatus.ACCEPTED,
    ProjectStatus.SETTLED,
)


@tracked()
class Project(VersionedModel):
    code = models.CharField("mã đề án", max_length=40, unique=True)
    title = models.CharField("tên đề án", max_length=500)
    programme = models.ForeignKey(
        "programs.Programme", verbose_name="chương trình", on_delete=models.PROTECT, related_name="projects"
    )
    year = models.PositiveSmallIntegerField("năm kế hoạch")
    content = models.ForeignKey(
        "programs.Content", verbose_name="nội dung", on_delete=models.PROTECT, related_name="projects"
    )
    kind = models.CharField("loại đề án", max_length=20, choices=ProjectKind.choices, default=ProjectKind.PILOT)
    implementing_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="đơn vị thực hiện",
        on_delete=models.PROTECT,
        related_name="implemented_projects",
    )
    beneficiaries = models.ManyToManyField(
        Beneficiary, verbose_name="đối tượng thụ hưởng", blank=True, related_name="projects"
    )
    administrative_unit = models.ForeignKey(
        "accounts.AdministrativeUnit", verbose_name="địa bàn", on_delete=models.PROTECT, related_name="projects"
    )
    support_national = models.BigIntegerField("kinh phí khuyến công quốc gia (đồng)", default=0)
    support_local = models.BigIntegerField("kinh phí khuyến công địa phương (đồng)", default=0)
    counterpart = models.BigIntegerField("vốn đối ứng (đồng)", default=0)
    total_cost = models.BigIntegerField("tổng chi phí đề án (đồng)", default=0)
    start_date = models.DateField("ngày bắt đầu", null=True, blank=True)
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=30, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField("chuyển trạng thái lúc", null=True, blank=True)
    settled_amount = models.BigIntegerField("số quyết toán (đồng)", null=True, blank=True)
    jobs_created = models.PositiveIntegerField("việc làm tạo thêm", null=True, blank=True)
    production_value = models.BigIntegerField("giá trị sản xuất (đồng)", null=True, blank=True)
    revenue_before = models.BigIntegerField("doanh thu trước hỗ trợ (đồng)", null=True, blank=True)
    revenue_after = models.BigIntegerField("doanh thu sau hỗ trợ (đồng)", null=True, blank=True)
    description = models.TextField("mô tả", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đề án khuyến công"
        verbose_name_plural = "đề án khuyến công"
        ordering = ["-year", "code"]
        indexes = [
            models.Index(fields=["programme", "year", "status"], name="project_prog_year_status"),
            # The project list in its default order, for everyone and for a district officer's unit
            # (EXPLAIN at 100.000 projects: a sort of every row, 32 ms -> an index walk under 1 ms).
            models.Index(models.F("year").desc(), "code", name="project_recent_first"),
            models.Index("administrative_unit", models.F("year").desc(), "code", name="project_unit_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(support_national__gte=0, support_local__gte=0, counterpart__gte=0, total_cost__gte=0),
                name="project_money_non_negative",
            ),
            models.CheckConstraint(
                condition=(Q(settled_amount__isnull=True) | Q(settled_amount__gte=0))
                & (Q(production_value__isnull=True) | Q(production_value__gte=0))
                & (Q(revenue_before__isnull=True) | Q(revenue_before__gte=0))
                & (Q(revenue_after__isnull=True) | Q(revenue_after__gte=0)),
                name="project_effect_non_negative",
            ),
            models.CheckConstraint(condition=Q(status__in=ProjectStatus.values), name="project_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=ProjectKind.values), name="project_kind_valid"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_dates_ordered",
            ),
            # Only accepted or settled projects have a settlement figure.
            models.CheckConstraint(
                condition=Q(settled_amount__isnull=True) | Q(status__in=["settled"]),
                name="project_settled_amount_only_when_settled",
            ),
            models.CheckConstraint(
                condition=Q(settled_amount__isnull=True)
                | Q(settled_amount__lte=models.F("support_national") + models.F("support_local")),
                name="project_settled_within_support",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def support_total(self) -> int:
        return self.support_national + self.support_local

    @property
    def needs_ministry_appraisal(self) -> bool:
        """National projects are appraised twice: by the Department, then by the ministry."""
        return self.support_national > 0 or self.programme.level == "national"


class ProjectTransition(models.Model):
    """One dated, attributed step in a project's life."""

    project = models.ForeignKey(Project, verbose_name="đề án", on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField("thao tác", max_length=30)
    from_status = models.CharField("từ trạng thái", max_length=30, choices=ProjectStatus.choices)
    to_status = models.CharField("sang trạng thái", max_length=30, choices=ProjectStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("thời điểm")
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "bước xử lý đề án"
        verbose_name_plural = "các bước xử lý đề án"
        ordering = ["project", "at", "id"]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.get_from_status_display()} → {self.get_to_status_display()}"


@tracked()
class ProjectOutput(VersionedModel):
    """A project's planned and delivered quantity towards one target."""

    project = models.ForeignKey(Project, verbose_name="đề án", on_delete=models.CASCADE, related_name="outputs")
    target = models.ForeignKey(
        "programs.Target", verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="project_outputs"
    )
    planned = models.DecimalField("kế hoạch", max_digits=20, decimal_places=4, default=0)
    delivered = models.DecimalField("thực hiện", max_digits=20, decimal_places=4, default=0)

    class Meta:
        verbose_name = "sản phẩm đầu ra của đề án"
        verbose_name_plural = "sản phẩm đầu ra của đề án"
        constraints = [
            models.UniqueConstraint(fields=["project", "target"], name="project_output_unique"),
            models.CheckConstraint(condition=Q(planned__gte=0, delivered__gte=0), name="project_output_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.target.name}"


class SupportLevel(models.Model):
    """A maximum support level in force for a content type (versioned reference data)."""

    law_type = models.ForeignKey(
        "programs.LawContentType", verbose_name="loại nội dung", on_delete=models.PROTECT, related_name="support_levels"
    )
    name = models.CharField("nội dung hỗ trợ", max_length=300)
    max_percent = models.DecimalField("tỷ lệ tối đa (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    max_amount = models.BigIntegerField("mức tối đa (đồng)", null=True, blank=True)
    priority_multiplier = models.DecimalField("hệ số địa bàn ưu tiên", max_digits=4, decimal_places=2, default=1)
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=300)

    class Meta:
        verbose_name = "mức hỗ trợ"
        verbose_name_plural = "mức hỗ trợ"
        ordering = ["law_type", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(max_percent__isnull=True) | Q(max_percent__gte=0, max_percent__lte=100))
                & (Q(max_amount__isnull=True) | Q(max_amount__gte=0)),
                name="support_level_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.legal_basis})"
