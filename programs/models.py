import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from khuyencong.concurrency import VersionedModel
from khuyencong.history import tracked


class ContentCatalogue(models.Model):
    """One version of the law's list of content types, with the dates it was in force.

    Nghị định 45/2012/NĐ-CP (Art. 4) named nine types; Nghị định 235/2025/NĐ-CP
    rewords some and adds new ones from 15/10/2025. A programme uses the
    catalogue in force on the day it was approved.
    """

    name = models.CharField(_("tên danh mục"), max_length=300)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("danh mục nội dung khuyến công")
        verbose_name_plural = _("danh mục nội dung khuyến công")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="content_catalogue_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.legal_basis})"

    @classmethod
    def in_force_on(cls, day: dt.date) -> "ContentCatalogue | None":
        return (
            cls.objects.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )


class LawContentType(models.Model):
    """One of the content types named by the law, as one catalogue words it.

    Reference data edited by an administrator: it is the common catalogue that
    lets programmes with different numbering be compared. Entries of two
    catalogues that mean the same share a `key`, which the trend report groups by.
    """

    catalogue = models.ForeignKey(
        ContentCatalogue,
        verbose_name=_("danh mục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    code = models.PositiveSmallIntegerField(_("mã"))
    key = models.PositiveSmallIntegerField(
        _("mã so sánh"),
        null=True,
        blank=True,
        help_text=_("Các loại nội dung cùng nghĩa ở các danh mục khác nhau có cùng mã so sánh."),
    )
    name = models.CharField(_("tên"), max_length=400)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=400, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("loại nội dung khuyến công (theo luật)")
        verbose_name_plural = _("loại nội dung khuyến công (theo luật)")
        ordering = ["catalogue__valid_from", "code"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="law_content_type_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Without an explicit link an entry compares with the entries of the same code.
        if self.key is None:
            self.key = self.code
        super().save(*args, **kwargs)


class ProgrammeLevel(models.TextChoices):
    NATIONAL = "national", _("Khuyến công quốc gia")
    LOCAL = "local", _("Khuyến công địa phương")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã phê duyệt")
    CLOSED = "closed", _("Đã kết thúc")


@tracked()
class Programme(VersionedModel):
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=400)
    level = models.CharField(_("cấp"), max_length=20, choices=ProgrammeLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chương trình cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    administrative_unit = models.ForeignKey(
        "accounts.AdministrativeUnit",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("Tỉnh/thành phố của chương trình địa phương; để trống với chương trình quốc gia."),
    )
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("cơ quan chủ trì"), on_delete=models.PROTECT, related_name="programmes"
    )
    first_year = models.PositiveSmallIntegerField(_("từ năm"))
    last_year = models.PositiveSmallIntegerField(_("đến năm"))
    decision_number = models.CharField(_("số quyết định phê duyệt"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_body = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    planned_budget = models.BigIntegerField(
        _("tổng kinh phí dự kiến (đồng)"), null=True, blank=True, help_text=_("Để trống khi văn bản không nêu.")
    )
    budget_source = models.CharField(_("nguồn kinh phí"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    # How the source documents print completion of the budget: 95,53% but 94,5%.
    allocated_percent_decimals = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("số chữ số thập phân (% giao dự toán)"),
        default=2,
    )
    disbursed_percent_decimals = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("số chữ số thập phân (% giải ngân)"),
        default=1,
    )
    # Demo figures that no source gives: every page and export of the programme says so.
    is_illustrative = models.BooleanField(_("số liệu minh họa"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chương trình khuyến công")
        verbose_name_plural = _("chương trình khuyến công")
        ordering = ["-first_year", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="programme_years_ordered"),
            models.CheckConstraint(condition=Q(first_year__gte=1990, last_year__lte=2100), name="programme_years_sane"),
            models.CheckConstraint(
                condition=Q(planned_budget__isnull=True) | Q(planned_budget__gte=0),
                name="programme_budget_non_negative",
            ),
            models.CheckConstraint(condition=Q(level__in=ProgrammeLevel.values), name="programme_level_valid"),
            models.CheckConstraint(condition=Q(status__in=ProgrammeStatus.values), name="programme_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def current_version(self) -> "ProgrammeVersion | None":
        return self.versions.order_by("-number").first()

    @property
    def catalogue(self) -> "ContentCatalogue | None":
        """The content catalogue in force when the programme was approved (its decision date).

        A programme approved before the first catalogue (Hà Nội 2011-2015, approved in 2011)
        is read with the first one, to which its contents were mapped.
        """
        import datetime as dt

        day = self.decision_date or dt.date(self.first_year, 1, 1)
        return ContentCatalogue.in_force_on(day) or ContentCatalogue.objects.order_by("valid_from").first()


@tracked()
class ProgrammeVersion(models.Model):
    """The programme as approved by one decision: the original or an adjustment.

    Version 1 is the original decision. An adjustment adds a version with its own
    decision and a snapshot of the figures it replaced, so reports can say which
    version they measure against and earlier versions are never lost.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("lần"))
    decision_number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_body = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    planned_budget = models.BigIntegerField(_("tổng kinh phí dự kiến (đồng)"), null=True, blank=True)
    summary = models.TextField(_("nội dung điều chỉnh"), blank=True)
    previous_figures = models.JSONField(_("chỉ tiêu trước điều chỉnh"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản chương trình")
        verbose_name_plural = _("phiên bản chương trình")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="programme_version_positive"),
            models.CheckConstraint(
                condition=Q(planned_budget__isnull=True) | Q(planned_budget__gte=0),
                name="programme_version_budget_non_negative",
            ),
        ]

    def __str__(self) -> str:
        if self.number == 1:
            label = gettext("Ban đầu")
        else:
            label = gettext("Điều chỉnh lần %(number)s") % {"number": self.number - 1}
        return gettext("%(label)s: Quyết định %(decision)s ngày %(date)s") % {
            "label": label,
            "decision": self.decision_number,
            "date": f"{self.decision_date:%d/%m/%Y}",
        }


@tracked()
class Content(VersionedModel):
    """A numbered section of a programme (3.1 Truyền nghề …), as the programme words it."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="contents"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("nội dung cha"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.CharField(_("số thứ tự"), max_length=20)
    title = models.CharField(_("tên nội dung"), max_length=500)
    law_type = models.ForeignKey(
        LawContentType, verbose_name=_("loại nội dung theo luật"), on_delete=models.PROTECT, related_name="contents"
    )
    description = models.TextField(_("mô tả"), blank=True)
    sort_key = models.CharField(max_length=60, editable=False, db_index=True)

    class Meta:
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("nội dung chương trình")
        ordering = ["programme", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="content_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        super().clean()
        if self.programme_id is None or self.law_type_id is None:
            return
        catalogue = self.programme.catalogue
        if catalogue is not None and self.law_type.catalogue_id not in (None, catalogue.pk):
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "law_type": gettext(
                        "Loại nội dung «%(type)s» không thuộc danh mục %(catalogue)s mà chương trình áp dụng."
                    )
                    % {"type": self.law_type, "catalogue": catalogue}
                }
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = numbering_sort_key(self.number)
        super().save(*args, **kwargs)


def numbering_sort_key(number: str) -> str:
    """'3.10' sorts after '3.9': each part is zero-padded."""
    return ".".join(part.zfill(4) if part.isdigit() else part for part in number.split("."))


class TargetKind(models.TextChoices):
    EXACT = "exact", _("Đúng số")
    AT_LEAST = "at_least", _("Tối thiểu (trên)")
    AT_MOST = "at_most", _("Tối đa")
    RANGE = "range", _("Khoảng")
    GROWTH_RATE = "growth_rate", _("Tốc độ tăng bình quân/năm")
    VALUE_BY_YEAR = "value_by_year", _("Giá trị đạt vào năm")


class EffectMeasure(models.TextChoices):
    """Which figure of a project's effect after acceptance (execution.Effect) a target counts.

    Only figures that add up across projects: jobs, new products, budget contribution, and the growth
    of revenue and of production value (after minus before).
    """

    JOBS_CREATED = "jobs_created", _("Lao động được tạo việc làm")
    NEW_PRODUCTS = "new_products", _("Sản phẩm mới")
    BUDGET_CONTRIBUTION = "budget_contribution", _("Nộp ngân sách")
    REVENUE_INCREASE = "revenue_increase", _("Doanh thu tăng thêm")
    PRODUCTION_VALUE_INCREASE = "production_value_increase", _("Giá trị sản xuất tăng thêm")


@tracked()
class Target(VersionedModel):
    """A planned quantity with a unit, under a content or as a programme objective.

    `value` holds the single figure (exact, at least, at most, value by a year);
    `low`/`high` hold a range or a growth rate band. A target without a figure
    is reported (actual only) but has no completion.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="targets"
    )
    content = models.ForeignKey(
        Content,
        verbose_name=_("nội dung"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        help_text=_("Để trống nếu là mục tiêu cụ thể của cả chương trình."),
    )
    code = models.CharField(_("mã"), max_length=40)
    name = models.CharField(_("chỉ tiêu"), max_length=500)
    unit = models.CharField(_("đơn vị tính"), max_length=50)
    kind = models.CharField(_("loại chỉ tiêu"), max_length=20, choices=TargetKind.choices, default=TargetKind.EXACT)
    value = models.DecimalField(_("kế hoạch"), max_digits=20, decimal_places=4, null=True, blank=True)
    low = models.DecimalField(_("từ"), max_digits=20, decimal_places=4, null=True, blank=True)
    high = models.DecimalField(_("đến"), max_digits=20, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("năm đạt"), null=True, blank=True)
    source_wording = models.TextField(_("nguyên văn"), blank=True)
    percent_decimals = models.PositiveSmallIntegerField(
        _("số chữ số thập phân khi hiển thị %"), default=1, help_text=_("Như văn bản gốc in: 71,2% hay 31,67%.")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    effect_measure = models.CharField(
        _("tính từ hiệu quả đề án"),
        max_length=30,
        choices=EffectMeasure.choices,
        blank=True,
        default="",
        help_text=_("Hiệu quả sau nghiệm thu của các đề án được cộng vào kết quả thực hiện của chỉ tiêu này."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="target_code_unique"),
            models.CheckConstraint(condition=Q(kind__in=TargetKind.values), name="target_kind_valid"),
            models.CheckConstraint(
                condition=(Q(value__isnull=True) | Q(value__gte=0))
                & (Q(low__isnull=True) | Q(low__gte=0))
                & (Q(high__isnull=True) | Q(high__gte=0)),
                name="target_figures_non_negative",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["range", "growth_rate"])
                | Q(low__isnull=False, high__isnull=False, high__gte=models.F("low")),
                name="target_range_has_ordered_bounds",
            ),
            models.CheckConstraint(
                condition=~Q(kind="value_by_year") | Q(target_year__isnull=False), name="target_value_by_year_has_year"
            ),
            models.CheckConstraint(
                condition=Q(effect_measure="") | Q(effect_measure__in=EffectMeasure.values),
                name="target_effect_measure_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class AnnualPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã phê duyệt")


@tracked()
class AnnualPlan(VersionedModel):
    """Kế hoạch khuyến công năm N: the year's share of targets and budget.

    `is_locked` is the centre leader's lock on the year's figures: while it is
    set, the year's plan, results and money refuse changes.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="annual_plans"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_body = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=AnnualPlanStatus.choices, default=AnnualPlanStatus.DRAFT
    )
    is_locked = models.BooleanField(_("đã khóa số liệu"), default=False)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch năm")
        verbose_name_plural = _("kế hoạch năm")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="annual_plan_unique_year"),
            models.CheckConstraint(condition=Q(status__in=AnnualPlanStatus.values), name="annual_plan_status_valid"),
        ]

    def __str__(self) -> str:
        return f"Kế hoạch năm {self.year} — {self.programme.code}"


@tracked()
class AnnualPlanTarget(VersionedModel):
    annual_plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("kế hoạch năm"), on_delete=models.CASCADE, related_name="targets"
    )
    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="annual_quantities"
    )
    quantity = models.DecimalField(_("số lượng kế hoạch năm"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch năm")
        verbose_name_plural = _("chỉ tiêu kế hoạch năm")
        constraints = [
            models.UniqueConstraint(fields=["annual_plan", "target"], name="annual_plan_target_unique"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="annual_plan_target_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.target.name}: {self.quantity}"


@tracked()
class Result(VersionedModel):
    """An achievement that no project carries (fairs held by the centre itself, say)."""

    target = models.ForeignKey(Target, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("năm"))
    quantity = models.DecimalField(_("số lượng thực hiện"), max_digits=20, decimal_places=4)
    administrative_unit = models.ForeignKey(
        "accounts.AdministrativeUnit",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả thực hiện")
        verbose_name_plural = _("kết quả thực hiện")
        ordering = ["target", "year"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=0), name="result_quantity_non_negative")]

    def __str__(self) -> str:
        return f"{self.target.name} {self.year}: {self.quantity}"
