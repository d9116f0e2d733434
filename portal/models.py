"""A beneficiary's online registration, kept as submitted and as the Department decided it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khuyencong.history import tracked
from projects.models import BeneficiaryKind


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ Sở kích hoạt")
    ACTIVATED = "activated", _("Đã kích hoạt")
    REFUSED = "refused", _("Không chấp nhận")


@tracked()
class Registration(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="registration"
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=14, db_index=True)
    name = models.CharField(_("tên cơ sở"), max_length=300)
    kind = models.CharField(_("loại hình"), max_length=30, choices=BeneficiaryKind.choices)
    address = models.CharField(_("địa chỉ"), max_length=400)
    administrative_unit = models.ForeignKey(
        "accounts.AdministrativeUnit", verbose_name=_("xã/phường"), on_delete=models.PROTECT, related_name="+"
    )
    representative = models.CharField(_("người đại diện"), max_length=200)
    phone = models.CharField(_("điện thoại"), max_length=30)
    email = models.EmailField(_("thư điện tử"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    beneficiary = models.ForeignKey(
        "projects.Beneficiary",
        verbose_name=_("đối tượng thụ hưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do không chấp nhận"), blank=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký tài khoản đối tượng thụ hưởng")
        verbose_name_plural = _("đăng ký tài khoản đối tượng thụ hưởng")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="activated") | Q(beneficiary__isnull=False), name="activated_registration_linked"
            ),
            # One registration waits per tax code: the registry will hold one beneficiary for it.
            models.UniqueConstraint(
                fields=["tax_code"], condition=Q(status="pending"), name="one_pending_registration_per_tax_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tax_code} — {self.name}"
