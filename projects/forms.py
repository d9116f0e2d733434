"""Project and beneficiary forms: they convert input; the rules live in projects/services.py."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import AdministrativeUnit, Organisation, UnitLevel, User
from khuyencong.forms import (
    BootstrapFormMixin,
    MoneyField,
    ProgrammeTaggedSelect,
    QuantityField,
    VietDateInput,
    choice_field,
)
from policy.access import is_nationwide, visible_beneficiaries, visible_programmes, visible_units
from programs.models import Content, Programme, Target
from projects.lifecycle import ACTIONS
from projects.models import Beneficiary, Project
from projects.services import PROJECT_FIELDS

REQUIRED = _("Trường này là bắt buộc.")
PICKABLE_LEVELS = (UnitLevel.DISTRICT, UnitLevel.COMMUNE)


def set_unit_choices(form: forms.ModelForm, name: str, *, user: User, unit_id: int | None) -> None:
    """The unit picker: any unit of the user's reach is accepted, old or new (a record dated before
    1/7/2025 may name an old district or commune); the list offers the communes in force today and
    the record's own unit, and static/js/unit_picker.js searches the rest (without diacritics, in force
    on the record's date) through projects:unit_search. Whether the unit fits the record's date is
    the validator's rule (projects/validation.py), so the import and the pages decide alike.
    """
    field = choice_field(form, name)
    if unit_id is not None:
        # Their own unit; on a record of a unit their office took over (old Chương Mỹ for `xa`), that unit too,
        # or the record could never be saved again from the page.
        kept = AdministrativeUnit.objects.filter(pk=form.instance.administrative_unit_id or -1)
        field.queryset = AdministrativeUnit.objects.filter(pk=unit_id) | visible_units(user, kept)
        field.empty_label = None
        return
    accepted = visible_units(user, AdministrativeUnit.objects.filter(level__in=PICKABLE_LEVELS))
    field.queryset = accepted
    offered = AdministrativeUnit.objects.none()
    if not is_nationwide(user):  # a province's communes of today; the whole country is searched, never listed
        offered = accepted.filter(valid_to__isnull=True)
    current = {form.instance.administrative_unit_id, form.data.get(form.add_prefix(name)) if form.is_bound else None}
    # Typed input may hold any digit of Unicode ("²".isdigit() is true): only ASCII digits are an id.
    current_ids = [int(v) for v in map(str, current) if v.isascii() and v.isdigit() and len(v) < 12]
    units = (offered | accepted.filter(pk__in=current_ids)).distinct().order_by("-valid_to", "name")
    field.widget.choices = [("", field.empty_label or "---------")] + [(unit.pk, str(unit)) for unit in units]
    field.widget.attrs.update(
        {
            "data-unit-search": reverse_lazy("projects:unit_search"),
            "data-search-label": _("Tìm địa bàn (gõ không dấu, ví dụ: phu nghia)"),
            "data-search-count": _("%s đơn vị tìm thấy"),
        }
    )


class ProjectForm(BootstrapFormMixin, forms.ModelForm):
    support_national = MoneyField(label=_("Kinh phí khuyến công quốc gia (đồng)"), required=False)
    support_local = MoneyField(label=_("Kinh phí khuyến công địa phương (đồng)"), required=False)
    counterpart = MoneyField(label=_("Vốn đối ứng (đồng)"), required=False)
    total_cost = MoneyField(label=_("Tổng chi phí đề án (đồng)"), help_text=_("Bằng kinh phí hỗ trợ cộng vốn đối ứng."))
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        # The fields the edit service writes, plus the beneficiaries it sets separately.
        fields = [*PROJECT_FIELDS, "beneficiaries"]
        widgets = {
            "start_date": VietDateInput(),
            "end_date": VietDateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "beneficiaries": forms.SelectMultiple(attrs={"size": 6}),
            "content": ProgrammeTaggedSelect(),
        }
        error_messages = {
            "code": {"required": _("Hãy nhập mã đề án."), "unique": _("Mã đề án đã được dùng cho đề án khác.")},
            "title": {"required": _("Hãy nhập tên đề án.")},
            "programme": {"required": _("Hãy chọn chương trình."), "invalid_choice": _("Chương trình không hợp lệ.")},
            "year": {"required": _("Hãy nhập năm kế hoạch."), "invalid": _("Năm phải là số, ví dụ 2020.")},
            "content": {"required": _("Hãy chọn nội dung."), "invalid_choice": _("Nội dung không hợp lệ.")},
            "implementing_organisation": {
                "required": _("Hãy chọn đơn vị thực hiện."),
                "invalid_choice": _("Đơn vị không hợp lệ."),
            },
            "administrative_unit": {
                "required": _("Hãy chọn địa bàn."),
                "invalid_choice": _("Địa bàn không thuộc phạm vi của bạn."),
            },
            "beneficiaries": {
                "invalid_choice": _("Đối tượng thụ hưởng không hợp lệ."),
                "invalid_pk_value": _("Đối tượng thụ hưởng không hợp lệ."),
            },
            "start_date": {"invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
            "end_date": {"invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
            "kind": {"invalid_choice": _("Loại đề án không hợp lệ.")},
        }

    def __init__(self, *args: Any, user: User, unit_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A province proposes in its own local programmes and in the national ones, for its own units.
        programmes = visible_programmes(user, Programme.objects.order_by("-first_year", "code"))
        choice_field(self, "programme").queryset = programmes
        choice_field(self, "content").queryset = (
            Content.objects.filter(programme__in=programmes)
            .select_related("programme")
            .order_by("programme__code", "sort_key")
        )
        choice_field(self, "content").label_from_instance = lambda c: f"{c.programme.code} · {c.number}. {c.title[:70]}"  # type: ignore[method-assign,assignment]
        # The offices of the user's province (a Bắc Ninh form lists no Hà Nội office).
        organisations = Organisation.objects.filter(administrative_unit__in=visible_units(user)).order_by("name")
        if unit_id is not None:
            # A confined officer's units include those their office took over (`xa` keeps old Chương Mỹ's
            # projects, implemented by its old office), which visible_units already holds.
            organisations = organisations | Organisation.objects.filter(pk=user.organisation_id or -1)
        set_unit_choices(self, "administrative_unit", user=user, unit_id=unit_id)
        choice_field(self, "implementing_organisation").queryset = organisations
        choice_field(self, "beneficiaries").queryset = visible_beneficiaries(user).order_by("name")
        self.fields["beneficiaries"].required = False
        self.fields["year"].widget.attrs.update({"min": 1990, "max": 2100})
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean_year(self) -> int | None:
        year = self.cleaned_data["year"]
        if year is not None and not (1990 <= year <= 2100):
            raise forms.ValidationError(_("Năm phải trong khoảng 1990–2100."))
        return year

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in ("support_national", "support_local", "counterpart"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data

    def _post_clean(self) -> None:
        # The model's own checks are replaced by the service's, which speak to the user.
        for name in ("support_national", "support_local", "counterpart"):
            if self.cleaned_data.get(name) is None:
                self.cleaned_data[name] = 0
        forms.models.construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    settled_amount = MoneyField(label=_("Số quyết toán (đồng)"), required=False)

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = ACTIONS[action]
        self.fields["comment"].required = self.action.comment_required
        self.fields["comment"].error_messages["required"] = _("Cần ghi rõ lý do khi «%(action)s».") % {
            "action": self.action.label
        }


class OutputsForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        project: Project,
        targets: Iterable[Target],
        outputs: Mapping[int, tuple[Decimal | None, Decimal | None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        self.fields["lock_version"].initial = project.lock_version
        attrs = {"class": "form-control form-control-sm grid-input"}
        for target in self.targets:
            planned, delivered = outputs.get(target.pk, (None, None))
            self.fields[f"planned_{target.pk}"] = QuantityField(
                required=False,
                label=_("%(target)s — kế hoạch") % {"target": target.name},
                initial=planned,
                widget=forms.TextInput(attrs=attrs),
            )
            self.fields[f"delivered_{target.pk}"] = QuantityField(
                required=False,
                label=_("%(target)s — thực hiện") % {"target": target.name},
                initial=delivered,
                widget=forms.TextInput(attrs=attrs),
            )

    def rows(self) -> list[tuple[Target, forms.BoundField, forms.BoundField]]:
        return [(t, self[f"planned_{t.pk}"], self[f"delivered_{t.pk}"]) for t in self.targets]

    def figures(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        return {
            t.pk: (self.cleaned_data[f"planned_{t.pk}"], self.cleaned_data[f"delivered_{t.pk}"]) for t in self.targets
        }


class BeneficiaryForm(BootstrapFormMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Beneficiary
        fields = [
            "name",
            "kind",
            "tax_code",
            "address",
            "administrative_unit",
            "size",
            "sector",
            "craft_village",
            "representative",
            "phone",
            "owned_by_women",
            "owned_by_ethnic_minority",
        ]
        error_messages = {
            "name": {"required": _("Hãy nhập tên đối tượng thụ hưởng.")},
            "kind": {"required": _("Hãy chọn loại hình."), "invalid_choice": _("Loại hình không hợp lệ.")},
            "administrative_unit": {
                "required": _("Hãy chọn đơn vị hành chính."),
                "invalid_choice": _("Đơn vị hành chính không thuộc phạm vi của bạn."),
            },
            "tax_code": {"max_length": _("Mã số thuế có tối đa 14 ký tự.")},
        }

    def __init__(self, *args: Any, user: User, unit_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An officer's own unit, else any unit of the user's province (never another province's).
        set_unit_choices(self, "administrative_unit", user=user, unit_id=unit_id)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean_tax_code(self) -> str:
        code = self.cleaned_data["tax_code"].strip().replace(" ", "")
        digits = code.replace("-", "")
        if code and not (digits.isascii() and digits.isdigit() and len(digits) in (10, 13)):
            raise forms.ValidationError(_("Mã số thuế gồm 10 hoặc 13 chữ số (ví dụ 0100656293 hoặc 0100656293-001)."))
        return code

    def _post_clean(self) -> None:
        forms.models.construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
