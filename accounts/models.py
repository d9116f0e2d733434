from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "Tỉnh/Thành phố"
    DISTRICT = "district", "Quận/Huyện/Thị xã"
    COMMUNE = "commune", "Xã/Phường/Thị trấn"


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "AdministrativeUnitQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class AdministrativeUnit(models.Model):
    """A province, district or commune as it existed between two dates.

    Units are never rewritten: a record keeps the unit it was entered with,
    and `successors` maps an abolished unit to the units that took it over.
    """

    code = models.CharField("mã", max_length=20)
    name = models.CharField("tên", max_length=200)
    level = models.CharField("cấp", max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="thuộc", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name="đơn vị kế thừa", symmetrical=False, blank=True, related_name="predecessors"
    )
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
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
            return f"{self.name} (đến {self.valid_to:%d/%m/%Y})"
        return self.name


class OrganisationKind(models.TextChoices):
    MINISTRY_UNIT = "ministry_unit", "Đơn vị thuộc Bộ Công Thương"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Sở Công Thương"
    EXTENSION_CENTRE = "extension_centre", "Trung tâm Khuyến công"
    DISTRICT_OFFICE = "district_office", "Phòng Kinh tế cấp huyện/xã"
    ASSOCIATION = "association", "Hội, hiệp hội"
    OTHER = "other", "Khác"


class Organisation(models.Model):
    name = models.CharField("tên", max_length=300)
    short_name = models.CharField("tên viết tắt", max_length=50, blank=True)
    kind = models.CharField("loại", max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    administrative_unit = models.ForeignKey(
        AdministrativeUnit, verbose_name="đơn vị hành chính", on_delete=models.PROTECT, related_name="organisations"
    )

    class Meta:
        verbose_name = "tổ chức"
        verbose_name_plural = "tổ chức"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "administrative_unit"], name="organisation_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DEPARTMENT_STAFF = "department_staff", "Cán bộ Sở Công Thương"
    CENTRE_LEADER = "centre_leader", "Lãnh đạo Trung tâm Khuyến công"
    DISTRICT_OFFICER = "district_officer", "Cán bộ cấp huyện/xã"
    VIEWER = "viewer", "Người xem"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField("vai trò", max_length=30, choices=Role.choices, default=Role.VIEWER)

    class Meta(AbstractUser.Meta):
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
            models.CheckConstraint(
                condition=~Q(role="district_officer") | Q(organisation__isnull=False),
                name="district_officer_has_organisation",
            ),
        ]

    @property
    def is_district_officer(self) -> bool:
        return self.role == Role.DISTRICT_OFFICER

    @property
    def scope_unit_id(self) -> int | None:
        """The administrative unit a district officer is confined to, else None."""
        if self.role == Role.DISTRICT_OFFICER and self.organisation is not None:
            return self.organisation.administrative_unit_id
        return None
