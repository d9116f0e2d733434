from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khuyencong.concurrency import VersionedModel
from khuyencong.history import tracked


class BeneficiaryKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    HOUSEHOLD = "household", _("Hộ kinh doanh")
    RURAL_ESTABLISHMENT = "rural_establishment", _("Cơ sở công nghiệp nông thôn")
    # Added by Nghị định 235/2025/NĐ-CP (from 15/10/2025).
    COOPERATIVE_UNION = "cooperative_union", _("Liên hiệp hợp tác xã")
    COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
    ARTISAN = "artisan", _("Nghệ nhân")
    SUSTAINABLE_PRODUCTION = "sustainable_production", _("Cơ sở áp dụng sản xuất sạch hơn, sản xuất bền vững")
    CLUSTER_INVESTOR = "cluster_investor", _("Nhà đầu tư hạ tầng cụm công nghiệp")


class BeneficiarySize(models.TextChoices):
    MICRO = "micro", _("Siêu nhỏ")
    SMALL = "small", _("Nhỏ")
    MEDIUM = "medium", _("Vừa")
    LARGE = "large", _("Lớn")


@tracked()
class Beneficiary(VersionedModel):
    name = models.CharField(_("tên"), max_length=300)
    kind = models.CharField(_("loại hình"), max_length=30, choices=BeneficiaryKind.choices)
    tax_code = models.CharField(
        _("mã số thuế"), max_length=14, blank=True, help_text=_("Duy nhất; để trống nếu cơ sở chưa có mã số thuế.")
    )
    address = models.CharField(_("địa chỉ"), max_length=400, blank=True)
    administrative_unit = models.ForeignKey(
        "accounts.AdministrativeUnit",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="beneficiaries",
    )
    size = models.CharField(_("quy mô"), max_length=20, choices=BeneficiarySize.choices, blank=True)
    sector = models.CharField(_("ngành nghề"), max_length=200, blank=True)
    craft_village = models.CharField(_("làng nghề"), max_length=200, blank=True)
    representative = models.CharField(_("người đại diện"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    # Priority marks of Nghị định 235/2025/NĐ-CP.
    owned_by_women = models.BooleanField(_("do phụ nữ làm chủ"), default=False)
    owned_by_ethnic_minority = models.BooleanField(_("do người dân tộc thiểu số làm chủ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đối tượng thụ hưởng")
        verbose_name_plural = _("đối tượng thụ hưởng")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tax_code"], condition=~Q(tax_code=""), name="beneficiary_tax_code_unique"),
            models.CheckConstraint(condition=Q(kind__in=BeneficiaryKind.values), name="beneficiary_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectKind(models.TextChoices):
    PILOT = "pilot", _("Đề án điểm")
    GROUP = "group", _("Đề án theo nhóm")


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PROPOSED = "proposed", _("Đã đề xuất")
    RETURNED = "returned", _("Yêu cầu bổ sung")
    REJECTED = "rejected", _("Bị từ chối")
    APPRAISED_DEPARTMENT = "appraised_department", _("Sở đã thẩm định")
    APPRAISED_MINISTRY = "appraised_ministry", _("Bộ đã thẩm định")
    APPROVED = "approved", _("Đã phê duyệt")
    UNDER_WAY = "under_way", _("Đang thực hiện")
    ADJUSTED = "adjusted", _("Đã điều chỉnh")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    SETTLED = "settled", _("Đã thanh quyết toán")
    CANCELLED = "cancelled", _("Đã hủy")


@tracked()
class Project(VersionedModel):
    code = models.CharField(_("mã đề án"), max_length=40, unique=True)
    title = models.CharField(_("tên đề án"), max_length=500)
    programme = models.ForeignKey(
        "programs.Programme", verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="projects"
    )
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    content = models.ForeignKey(
        "programs.Content", verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="projects"
    )
    kind = models.CharField(_("loại đề án"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.PILOT)
    implementing_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="implemented_projects",
    )
    beneficiaries = models.ManyToManyField(
        Beneficiary, verbose_name=_("đối tượng thụ hưởng"), blank=True, related_name="projects"
    )
    administrative_unit = models.ForeignKey(
        "accounts.AdministrativeUnit", verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="projects"
    )
    support_national = models.BigIntegerField(_("kinh phí khuyến công quốc gia (đồng)"), default=0)
    support_local = models.BigIntegerField(_("kinh phí khuyến công địa phương (đồng)"), default=0)
    counterpart = models.BigIntegerField(_("vốn đối ứng (đồng)"), default=0)
    total_cost = models.BigIntegerField(_("tổng chi phí đề án (đồng)"), default=0)
    start_date = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=30, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(_("chuyển trạng thái lúc"), null=True, blank=True)
    settled_amount = models.BigIntegerField(_("số quyết toán (đồng)"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("việc làm tạo thêm"), null=True, blank=True)
    production_value = models.BigIntegerField(_("giá trị sản xuất (đồng)"), null=True, blank=True)
    revenue_before = models.BigIntegerField(_("doanh thu trước hỗ trợ (đồng)"), null=True, blank=True)
    revenue_after = models.BigIntegerField(_("doanh thu sau hỗ trợ (đồng)"), null=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đề án khuyến công")
        verbose_name_plural = _("đề án khuyến công")
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

    project = models.ForeignKey(Project, verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("thao tác"), max_length=30)
    from_status = models.CharField(_("từ trạng thái"), max_length=30, choices=ProjectStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=30, choices=ProjectStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"))
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý đề án")
        verbose_name_plural = _("các bước xử lý đề án")
        ordering = ["project", "at", "id"]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.get_from_status_display()} → {self.get_to_status_display()}"


@tracked()
class ProjectOutput(VersionedModel):
    """A project's planned and delivered quantity towards one target."""

    project = models.ForeignKey(Project, verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="outputs")
    target = models.ForeignKey(
        "programs.Target", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="project_outputs"
    )
    planned = models.DecimalField(_("kế hoạch"), max_digits=20, decimal_places=4, default=0)
    delivered = models.DecimalField(_("thực hiện"), max_digits=20, decimal_places=4, default=0)

    class Meta:
        verbose_name = _("sản phẩm đầu ra của đề án")
        verbose_name_plural = _("sản phẩm đầu ra của đề án")
        constraints = [
            models.UniqueConstraint(fields=["project", "target"], name="project_output_unique"),
            models.CheckConstraint(condition=Q(planned__gte=0, delivered__gte=0), name="project_output_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.target.name}"


class LocationCondition(models.TextChoices):
    ANYWHERE = "anywhere", _("Mọi địa bàn")
    NOT_CENTRAL_CITY_WARD = (
        "not_central_city_ward",
        _("Không thuộc phường của thành phố trực thuộc trung ương, trừ làng nghề được tỉnh công nhận"),
    )


class EligibilityRule(models.Model):
    """A kind of beneficiary that may be supported, where, and between which dates (reference data)."""

    kind = models.CharField(_("loại hình"), max_length=30, choices=BeneficiaryKind.choices)
    location = models.CharField(
        _("điều kiện địa bàn"), max_length=30, choices=LocationCondition.choices, default=LocationCondition.ANYWHERE
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    wording = models.TextField(
        _("đối tượng theo văn bản"), help_text=_("Hiển thị khi từ chối; sửa theo đúng văn bản nếu cần.")
    )

    class Meta:
        verbose_name = _("điều kiện đối tượng được hỗ trợ")
        verbose_name_plural = _("điều kiện đối tượng được hỗ trợ")
        ordering = ["-valid_from", "kind"]

    def __str__(self) -> str:
        return f"{BeneficiaryKind(self.kind).label} — {self.legal_basis}"


class SupportLevel(models.Model):
    """A maximum support level in force for a content type (versioned reference data)."""

    law_type = models.ForeignKey(
        "programs.LawContentType",
        verbose_name=_("loại nội dung"),
        on_delete=models.PROTECT,
        related_name="support_levels",
    )
    name = models.CharField(_("nội dung hỗ trợ"), max_length=300)
    max_percent = models.DecimalField(_("tỷ lệ tối đa (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    max_amount = models.BigIntegerField(_("mức tối đa (đồng)"), null=True, blank=True)
    priority_multiplier = models.DecimalField(_("hệ số địa bàn ưu tiên"), max_digits=4, decimal_places=2, default=1)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("mức hỗ trợ")
        verbose_name_plural = _("mức hỗ trợ")
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
