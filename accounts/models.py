from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/Thành phố")
    DISTRICT = "district", _("Quận/Huyện/Thị xã")
    COMMUNE = "commune", _("Xã/Phường/Thị trấn")


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "AdministrativeUnitQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class AdministrativeUnit(models.Model):
    """A province, district or commune as it existed between two dates.

    Units are never rewritten: a record keeps the unit it was entered with,
    and `successors` maps an abolished unit to the units that took it over.
    """

    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị kế thừa"), symmetrical=False, blank=True, related_name="predecessors"
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_valid_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        if self.valid_to:
            return gettext("%(name)s (đến %(date)s)") % {"name": self.name, "date": f"{self.valid_to:%d/%m/%Y}"}
        return self.name


class OrganisationKind(models.TextChoices):
    MINISTRY_UNIT = "ministry_unit", _("Đơn vị thuộc Bộ Công Thương")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở Công Thương")
    EXTENSION_CENTRE = "extension_centre", _("Trung tâm Khuyến công")
    DISTRICT_OFFICE = "district_office", _("Phòng Kinh tế cấp huyện/xã")
    ASSOCIATION = "association", _("Hội, hiệp hội")
    OTHER = "other", _("Khác")


class Organisation(models.Model):
    name = models.CharField(_("tên"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    administrative_unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị hành chính"), on_delete=models.PROTECT, related_name="organisations"
    )

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "administrative_unit"], name="organisation_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DEPARTMENT_STAFF = "department_staff", _("Cán bộ Sở Công Thương")
    CENTRE_LEADER = "centre_leader", _("Lãnh đạo Trung tâm Khuyến công")
    DISTRICT_OFFICER = "district_officer", _("Cán bộ cấp huyện/xã")
    # From 1/7/2025 there is no district level: the commune's People's Committee does the work.
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ UBND xã/phường")
    MINISTRY_OFFICER = "ministry_officer", _("Cán bộ Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công")
    VIEWER = "viewer", _("Người xem")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices, default=Role.VIEWER)

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")  # type: ignore[assignment]
        verbose_name_plural = _("người dùng")  # type: ignore[assignment]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
            models.CheckConstraint(
                condition=~Q(role__in=["district_officer", "commune_officer"]) | Q(organisation__isnull=False),
                name="district_officer_has_organisation",
            ),
        ]

    @property
    def is_district_officer(self) -> bool:
        """A unit-confined officer: the district officer of old offices or the commune officer."""
        return self.role in (Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER)

    @property
    def scope_unit_id(self) -> int | None:
        """The administrative unit a unit-confined officer is confined to, else None."""
        if self.is_district_officer and self.organisation is not None:
            return self.organisation.administrative_unit_id
        return None
