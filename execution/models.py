"""A project from its appraisal to its effect: the dated rules and checklist, appraisal records, the units that
work on it, monthly progress with photos, field inspections and the effect after acceptance."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khuyencong.history import tracked

HUNDRED = Decimal(100)
PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(HUNDRED)]


def _percent_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS, **kwargs)


class ExecutionRule(models.Model):
    """How projects under way are followed (dated reference data, edited in the admin).

    The row in force on a project's start applies to it: the day of the month by which the monthly
    progress report is due, and whether acceptance waits for a field inspection.
    """

    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    report_deadline_day = models.PositiveSmallIntegerField(
        _("hạn báo cáo tiến độ (ngày trong tháng)"),
        help_text=_("Báo cáo tiến độ của tháng phải gửi trước ngày này."),
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    inspection_required = models.BooleanField(
        _("nghiệm thu cần biên bản kiểm tra hiện trường"),
        default=True,
        help_text=_("Nghiệm thu bị từ chối khi Sở chưa ghi kết quả kiểm tra hiện trường."),
    )
    appraisal_required = models.BooleanField(
        _("thẩm định cần phiếu thẩm định"),
        default=True,
        help_text=_("Thẩm định chỉ được ghi nhận khi có phiếu: tiêu chí, điểm, kết luận và biên bản có chữ ký."),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("quy định theo dõi thực hiện")
        verbose_name_plural = _("quy định theo dõi thực hiện")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report_deadline_day__gte=1, report_deadline_day__lte=28),
                name="execution_rule_deadline_day_in_month",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="execution_rule_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%d/%m/%Y}: {self.legal_basis}"


@tracked()
class Inspection(models.Model):
    """A field inspection by the Department: the verified percentage beside the one reported."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("đề án"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField(_("ngày kiểm tra"))
    reported_percent = _percent_field(_("tỷ lệ đơn vị báo cáo (%)"), null=True, blank=True)
    verified_percent = _percent_field(_("tỷ lệ xác minh (%)"))
    findings = models.TextField(_("nhận xét"), blank=True)
    minutes = models.ForeignKey(
        "attachments.Attachment",
        verbose_name=_("biên bản kiểm tra"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("kiểm tra hiện trường")
        verbose_name_plural = _("kiểm tra hiện trường")
        ordering = ["project", "-inspected_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verified_percent__gte=0, verified_percent__lte=100)
                & (Q(reported_percent__isnull=True) | Q(reported_percent__gte=0, reported_percent__lte=100)),
                name="inspection_percent_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.inspected_on:%d/%m/%Y}"


@tracked()
class ProgressReport(models.Model):
    """The beneficiary's monthly report on a project under way: one per project and month."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("đề án"), on_delete=models.PROTECT, related_name="progress_reports"
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng của kỳ báo cáo."))
    percent_done = _percent_field(_("tỷ lệ hoàn thành (%)"))
    delivered = models.TextField(_("khối lượng đã thực hiện"))
    photos = models.ManyToManyField(
        "attachments.Attachment", verbose_name=_("ảnh hiện trường"), blank=True, related_name="+"
    )
    due_on = models.DateField(
        _("hạn gửi"),
        null=True,
        blank=True,
        help_text=_("Gửi trước ngày này (theo quy định theo dõi thực hiện có hiệu lực); trống: không có hạn."),
    )
    submitted_late = models.BooleanField(_("gửi muộn"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("gửi lúc"))

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["project", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="progress_report_one_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="progress_report_month_first_day"),
            models.CheckConstraint(
                condition=Q(percent_done__gte=0, percent_done__lte=100), name="progress_report_percent_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.month:%m/%Y}"


def _money_field(verbose_name, **kwargs) -> models.BigIntegerField:
    return models.BigIntegerField(verbose_name, validators=[MinValueValidator(0)], **kwargs)


@tracked()
class Effect(models.Model):
    """A project's effect after acceptance, as typed figures (money in whole đồng, shares as percent).

    The figures that add up count towards the programme's targets that measure them
    (`programs.Target.effect_measure`, summed in `programs.actuals`).
    """

    project = models.OneToOneField(
        "projects.Project", verbose_name=_("đề án"), on_delete=models.PROTECT, related_name="effect"
    )
    jobs_created = models.PositiveIntegerField(_("lao động được tạo việc làm (người)"))
    average_income = _money_field(_("thu nhập bình quân (đồng/người/tháng)"))
    revenue_before = _money_field(_("doanh thu năm trước đề án (đồng)"))
    revenue_after = _money_field(_("doanh thu năm sau đề án (đồng)"))
    production_value_before = _money_field(_("giá trị sản xuất trước đề án (đồng)"))
    production_value_after = _money_field(_("giá trị sản xuất sau đề án (đồng)"))
    budget_contribution = _money_field(_("nộp ngân sách (đồng/năm)"))
    new_products = models.PositiveIntegerField(_("sản phẩm mới"))
    female_share = _percent_field(_("tỷ lệ lao động nữ (%)"))
    disabled_share = _percent_field(_("tỷ lệ lao động khuyết tật (%)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi lúc"))

    class Meta:
        verbose_name = _("hiệu quả đề án")
        verbose_name_plural = _("hiệu quả đề án")
        constraints = [
            models.CheckConstraint(
                condition=Q(female_share__gte=0, female_share__lte=100)
                & Q(disabled_share__gte=0, disabled_share__lte=100),
                name="effect_shares_are_percentages",
            ),
            models.CheckConstraint(
                condition=Q(average_income__gte=0)
                & Q(revenue_before__gte=0)
                & Q(revenue_after__gte=0)
                & Q(production_value_before__gte=0)
                & Q(production_value_after__gte=0)
                & Q(budget_contribution__gte=0),
                name="effect_money_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.project)


class AppraisalCriterion(models.Model):
    """A criterion of the appraisal checklist (dated reference data, edited in the admin)."""

    code = models.SlugField(_("mã"), max_length=30)
    name = models.CharField(_("tiêu chí"), max_length=300)
    guidance = models.CharField(_("hướng dẫn"), max_length=500, blank=True)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"), validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("tiêu chí thẩm định")
        verbose_name_plural = _("tiêu chí thẩm định")
        ordering = ["order", "code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="appraisal_criterion_code_version_unique"),
            models.CheckConstraint(condition=Q(max_points__gte=1), name="appraisal_criterion_points_positive"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="appraisal_criterion_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AppraisalLevel(models.TextChoices):
    DEPARTMENT = "department", _("Sở Công Thương")
    MINISTRY = "ministry", _("Bộ Công Thương")


class AppraisalMode(models.TextChoices):
    OFFICER = "officer", _("Cán bộ thẩm định")
    COUNCIL = "council", _("Hội đồng thẩm định")


class AppraisalConclusion(models.TextChoices):
    PASSED = "passed", _("Đạt, đề nghị phê duyệt")
    FAILED = "failed", _("Không đạt")


@tracked()
class Appraisal(models.Model):
    """One appraisal of a project: the Department's, then for a national project the ministry's."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("đề án"), on_delete=models.PROTECT, related_name="appraisals"
    )
    level = models.CharField(_("cấp thẩm định"), max_length=20, choices=AppraisalLevel.choices)
    mode = models.CharField(_("hình thức"), max_length=20, choices=AppraisalMode.choices)
    council_decision_number = models.CharField(_("số quyết định thành lập hội đồng"), max_length=100, blank=True)
    council_decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    council_members = models.TextField(_("thành viên hội đồng"), blank=True, help_text=_("Mỗi dòng một người."))
    score = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=2)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    conclusion = models.CharField(_("kết luận"), max_length=20, choices=AppraisalConclusion.choices)
    opinion = models.TextField(_("ý kiến thẩm định"), blank=True)
    minutes = models.ForeignKey(
        "attachments.Attachment", verbose_name=_("biên bản thẩm định"), on_delete=models.PROTECT, related_name="+"
    )
    transition = models.OneToOneField(
        "projects.ProjectTransition",
        verbose_name=_("bước xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appraisal",
    )
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraised_at = models.DateTimeField(_("ghi lúc"))

    class Meta:
        verbose_name = _("phiếu thẩm định")
        verbose_name_plural = _("phiếu thẩm định")
        ordering = ["project", "appraised_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=models.F("max_score")), name="appraisal_score_bounds"
            ),
            models.CheckConstraint(
                condition=Q(mode="officer") | (~Q(council_decision_number="") & ~Q(council_members="")),
                name="appraisal_council_has_decision_and_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.get_level_display()}"

    @property
    def members(self) -> list[str]:
        return [line.strip() for line in self.council_members.splitlines() if line.strip()]


@tracked()
class AppraisalAnswer(models.Model):
    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("phiếu thẩm định"), on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(
        AppraisalCriterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    met = models.BooleanField(_("đạt"))
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)
    note = models.CharField(_("nhận xét"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("đánh giá tiêu chí")
        verbose_name_plural = _("đánh giá tiêu chí")
        ordering = ["appraisal", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "criterion"], name="appraisal_answer_once_per_criterion"),
            models.CheckConstraint(condition=Q(points__gte=0), name="appraisal_answer_points_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class PartyRole(models.TextChoices):
    CONTRACTOR = "contractor", _("Đơn vị thi công, cung cấp")
    SUPERVISOR = "supervisor", _("Đơn vị giám sát")


@tracked()
class ProjectParty(models.Model):
    """A contractor or supervising unit of a project, with its contract (entered by the Department)."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("đề án"), on_delete=models.PROTECT, related_name="parties"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("tên đơn vị"), max_length=300)
    tax_code = models.CharField(_("mã số thuế"), max_length=14)
    contract_number = models.CharField(_("số hợp đồng"), max_length=100)
    contract_date = models.DateField(_("ngày hợp đồng"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đơn vị thi công, giám sát")
        verbose_name_plural = _("đơn vị thi công, giám sát")
        ordering = ["project", "role", "contract_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "role", "tax_code"], name="project_party_once_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"
