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


class UnitType(models.TextChoices):
    """The kind of unit as its official name says it (Quyết định 19/2025/QĐ-TTg and the lists before it)."""

    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    URBAN_DISTRICT = "quan", _("Quận")
    RURAL_DISTRICT = "huyen", _("Huyện")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "AdministrativeUnitQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def within(self, province: "AdministrativeUnit") -> "AdministrativeUnitQuerySet":
        """The districts and communes under a province (two levels down at most)."""
        return self.filter(Q(parent=province) | Q(parent__parent=province))

    def search(self, text: str) -> "AdministrativeUnitQuerySet":
        """Match the name without diacritics: "chuong my" finds "Chương Mỹ" (PostgreSQL unaccent)."""
        text = text.strip()
        return self.filter(name__unaccent__icontains=text) if text else self

    def with_predecessors(self, unit: "AdministrativeUnit") -> "AdministrativeUnitQuerySet":
        """The unit and every unit it took over, whole or in part, back through each reform.

        A commune officer of today sees the records of the old communes (and, through
        them, none of their districts: a district is split between many communes)."""
        ids = {unit.pk}
        frontier = {unit.pk}
        through = AdministrativeUnit.successors.through
        while frontier:
            found = set(
                through.objects.filter(to_administrativeunit_id__in=frontier)
                .exclude(
                    from_administrativeunit__level=UnitLevel.DISTRICT, to_administrativeunit__level=UnitLevel.COMMUNE
                )
                .values_list("from_administrativeunit_id", flat=True)
            )
            frontier = found - ids
            ids |= frontier
        return self.filter(pk__in=ids)


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
    unit_type = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitType.choices, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    # A commune divided between several new communes; `default_successor` is the one the
    # official mapping names for its records. For a unit taken over whole it is that successor.
    is_divided = models.BooleanField(_("chia cho nhiều đơn vị"), default=False)
    default_successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

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

    def province(self) -> "AdministrativeUnit":
        """The province this unit belongs to (itself for a province), as it was when the unit existed."""
        unit = self
        while unit.level != UnitLevel.PROVINCE and unit.parent_id is not None:
            unit = unit.parent  # type: ignore[assignment]
        return unit

    def in_force_on(self, day: date) -> "AdministrativeUnit | None":
        """The unit that holds this unit's records on `day`: itself while in force, else the successor
        the official mapping names (a divided commune's default successor), followed through each reform.

        None for a unit split with no one successor named (an old district divided between many communes).
        """
        unit: AdministrativeUnit | None = self
        seen: set[int] = set()
        while unit is not None and unit.valid_to is not None and unit.valid_to < day and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.default_successor
        return unit

    def province_on(self, day: date) -> "AdministrativeUnit":
        """This unit's province as it stood on `day`: an old province leads to the one that took it over."""
        province = self.province()
        if province.valid_to is not None and province.valid_to < day:
            later = province.default_successor or province.successors.order_by("valid_from").first()
            if later is not None:
                return later.province_on(day)
        return province


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
    # An enterprise, cooperative or household business that registered online; sees only its own records.
    BENEFICIARY = "beneficiary", _("Đối tượng thụ hưởng (doanh nghiệp, hợp tác xã, hộ kinh doanh)")


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices, default=Role.VIEWER)
    # The one establishment a beneficiary's account acts for (set when the Department activates it).
    beneficiary = models.ForeignKey(
        "projects.Beneficiary",
        verbose_name=_("đối tượng thụ hưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")  # type: ignore[assignment]
        verbose_name_plural = _("người dùng")  # type: ignore[assignment]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
            models.CheckConstraint(
                condition=~Q(role__in=["district_officer", "commune_officer"]) | Q(organisation__isnull=False),
                name="district_officer_has_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(role="beneficiary", is_active=True) | Q(beneficiary__isnull=False),
                name="active_beneficiary_has_beneficiary",
            ),
            models.CheckConstraint(
                condition=Q(role="beneficiary") | Q(beneficiary__isnull=True), name="only_beneficiary_has_beneficiary"
            ),
        ]

    @property
    def is_district_officer(self) -> bool:
        """A unit-confined officer: the district officer of old offices or the commune officer."""
        return self.role in (Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER)

    @property
    def is_beneficiary(self) -> bool:
        return self.role == Role.BENEFICIARY

    @property
    def scope_unit_id(self) -> int | None:
        """The administrative unit a unit-confined officer is confined to, else None."""
        if self.is_district_officer and self.organisation is not None:
            return self.organisation.administrative_unit_id
        return None
