"""Forms for plans, results and locks: they validate and convert, nothing more."""

from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from accounts.models import AdministrativeUnit, Organisation, UnitLevel, User
from budgets.models import FundingSource
from khuyencong.forms import BootstrapFormMixin, MoneyField, QuantityField, choice_field
from policy.access import visible_units
from programs.models import Content, Programme, Result, Target
from programs.selectors import PlanGrid


class PlanGridForm(forms.Form):
    """One field per target quantity and per content × funding source budget."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    _errors: ErrorDict | None  # Django's own (full_clean sets it); a refused save carries it to a fresh form

    def __init__(self, *args: Any, grid: PlanGrid, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.fields["lock_version"].initial = grid.plan.lock_version
        for target, quantity in grid.targets:
            self.fields[f"target_{target.pk}"] = QuantityField(
                required=False,
                label=target.name,
                initial=quantity,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm grid-input"}),
            )
        for content, amounts in grid.contents:
            for source in FundingSource.values:
                self.fields[f"budget_{content.pk}_{source}"] = MoneyField(
                    required=False,
                    label=f"{content.number} — {FundingSource(source).label}",
                    initial=amounts[source],
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm grid-input"}),
                )

    def target_rows(self) -> list[tuple[Target, forms.BoundField]]:
        return [(target, self[f"target_{target.pk}"]) for target, _ in self.grid.targets]

    def content_rows(self) -> list[tuple[Content, list[forms.BoundField]]]:
        return [
            (content, [self[f"budget_{content.pk}_{source}"] for source in FundingSource.values])
            for content, _ in self.grid.contents
        ]

    def quantities(self) -> dict:
        return {t.pk: self.cleaned_data[f"target_{t.pk}"] for t, _ in self.grid.targets}

    def budgets(self) -> dict:
        return {
            (c.pk, s): self.cleaned_data[f"budget_{c.pk}_{s}"]
            for c, _ in self.grid.contents
            for s in FundingSource.values
        }


class ResultForm(BootstrapFormMixin, forms.ModelForm):
    quantity = QuantityField(label=_("Số lượng thực hiện"))
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Result
        fields = ["target", "year", "quantity", "administrative_unit", "organisation", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "target": {
                "required": _("Hãy chọn chỉ tiêu."),
                "invalid_choice": _("Chỉ tiêu không thuộc chương trình này."),
            },
            "year": {"required": _("Hãy nhập năm."), "invalid": _("Năm phải là số, ví dụ 2020.")},
        }

    def __init__(self, *args: Any, programme: Programme, unit_id: int | None, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        choice_field(self, "target").queryset = Target.objects.filter(programme=programme).order_by("order", "code")
        choice_field(self, "target").label_from_instance = lambda t: f"{t.code} — {t.name} ({t.unit})"  # type: ignore[method-assign,assignment]
        # The districts of the user's reach (a Bắc Ninh form lists no Hà Nội district).
        units = visible_units(user, AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)).order_by("name")
        if unit_id is not None:
            # An officer's own unit, a district or (after 1/7/2025) a commune.
            units = AdministrativeUnit.objects.filter(pk=unit_id)
            self.fields["administrative_unit"].required = True
            choice_field(self, "administrative_unit").empty_label = None
        choice_field(self, "administrative_unit").queryset = units
        choice_field(self, "organisation").queryset = Organisation.objects.order_by("name")
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year not in self.programme.years:
            raise forms.ValidationError(
                _("Năm phải trong giai đoạn %(first)s–%(last)s của chương trình.")
                % {"first": self.programme.first_year, "last": self.programme.last_year}
            )
        return year


class TargetForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = [
            "content",
            "code",
            "name",
            "unit",
            "kind",
            "value",
            "low",
            "high",
            "target_year",
            "effect_measure",
            "source_wording",
        ]
        widgets = {"source_wording": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        choice_field(self, "content").queryset = programme.contents.order_by("sort_key")
