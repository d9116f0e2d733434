from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AdministrativeUnit, UnitLevel
from khuyencong.forms import BootstrapFormMixin, MoneyField
from projects.models import BeneficiaryKind

# Who registers online: an enterprise, a cooperative or a household business (and their kin).
REGISTERING_KINDS = [
    (k.value, k.label)
    for k in (
        BeneficiaryKind.ENTERPRISE,
        BeneficiaryKind.COOPERATIVE,
        BeneficiaryKind.COOPERATIVE_UNION,
        BeneficiaryKind.COOPERATIVE_GROUP,
        BeneficiaryKind.HOUSEHOLD,
        BeneficiaryKind.RURAL_ESTABLISHMENT,
    )
]


class CommuneField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        province = obj.parent.name if obj.parent_id else ""
        return f"{obj.name} — {province}" if province else obj.name


class RegistrationForm(forms.Form):
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=20,
        help_text=_("10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc (0100109106-001)."),
    )
    name = forms.CharField(label=_("Tên doanh nghiệp, hợp tác xã, hộ kinh doanh"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại hình"), choices=REGISTERING_KINDS)
    address = forms.CharField(label=_("Địa chỉ (số nhà, thôn, đường)"), max_length=400)
    administrative_unit = CommuneField(label=_("Xã, phường"), queryset=AdministrativeUnit.objects.none())
    representative = forms.CharField(label=_("Người đại diện"), max_length=200)
    phone = forms.RegexField(
        label=_("Điện thoại"),
        regex=r"^\+?[0-9 .]{9,15}$",
        error_messages={"invalid": _("Số điện thoại gồm 9 đến 15 chữ số.")},
    )
    email = forms.EmailField(label=_("Thư điện tử"))
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        regex=r"^[a-z0-9_.-]{3,30}$",
        error_messages={"invalid": _("Tên đăng nhập gồm 3 đến 30 chữ thường không dấu, số, dấu chấm, gạch.")},
    )
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the communes in force today: the units abolished on 1/7/2025 are not offered.
        communes = AdministrativeUnit.objects.valid_on(timezone.localdate()).filter(level=UnitLevel.COMMUNE)
        field = self.fields["administrative_unit"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  typing narrowing: declared above
        field.queryset = communes.select_related("parent").order_by("parent__name", "name")

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class RefusalForm(forms.Form):
    refusal_reason = forms.CharField(label=_("Lý do không chấp nhận"), widget=forms.Textarea(attrs={"rows": 2}))


class ProposalForm(BootstrapFormMixin, forms.ModelForm):
    """A beneficiary's proposal: the fields it writes; the rules are projects.validation's, shown field by field.

    Money and dates are typed as on the Department's project form (150.000.000, 01/03/2027): a bare number input
    refuses the dots a person writes, and a browser's date picker follows the machine's locale (mm/dd/yyyy)."""

    support_national = MoneyField(label=_("Kinh phí khuyến công quốc gia (đồng)"), required=False)
    support_local = MoneyField(label=_("Kinh phí khuyến công địa phương (đồng)"), required=False)
    counterpart = MoneyField(label=_("Vốn đối ứng (đồng)"), required=False)
    total_cost = MoneyField(label=_("Tổng chi phí đề án (đồng)"))

    class Meta:
        from projects.models import Project

        model = Project
        fields = [
            "programme",
            "year",
            "content",
            "kind",
            "title",
            "administrative_unit",
            "support_national",
            "support_local",
            "counterpart",
            "total_cost",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        from programs.models import Content

        fields = self.fields
        for name in ("programme", "content", "administrative_unit"):
            assert isinstance(fields[name], forms.ModelChoiceField)  # noqa: S101  typing narrowing: declared above
        fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        fields["content"].queryset = Content.objects.filter(programme__in=programmes).order_by(  # type: ignore[attr-defined]
            "programme__code", "number"
        )
        fields["administrative_unit"].queryset = (  # type: ignore[attr-defined]
            AdministrativeUnit.objects.valid_on(timezone.localdate())
            .filter(level=UnitLevel.COMMUNE)
            .select_related("parent")
            .order_by("parent__name", "name")
        )
        fields["administrative_unit"].label = _("Địa điểm thực hiện (xã, phường)")
        fields["total_cost"].help_text = _("Bằng kinh phí hỗ trợ cộng vốn đối ứng.")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in ("support_national", "support_local", "counterpart"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0  # an empty amount is none of that money
        return data

    def _post_clean(self):
        # The model's own checks run in the service, through projects.validation (one owner of the rules).
        forms.models.construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
