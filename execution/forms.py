"""Forms validate and convert only; the rules are in execution.validation, called by the services."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from execution.models import AppraisalConclusion, AppraisalMode, PartyRole
from khuyencong.forms import BootstrapFormMixin, MoneyField, QuantityField, VietDateField


class InspectionForm(BootstrapFormMixin, forms.Form):
    inspected_on = VietDateField(label=_("Ngày kiểm tra"), required=False)
    verified_percent = QuantityField(label=_("Tỷ lệ khối lượng đã xác minh (%)"), required=False)
    findings = forms.CharField(
        label=_("Nhận xét"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.FileField(label=_("Biên bản kiểm tra hiện trường (PDF, JPEG, PNG)"), required=False)


class MonthField(forms.CharField):
    """A month as Vietnamese write it: 06/2026 (also 6/2026 or 2026-06)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "7")
        self.widget.attrs.setdefault("placeholder", _("tháng/năm"))
        self.widget.attrs.setdefault("inputmode", "numeric")

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return f"{value:%m/%Y}"
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        for pattern in ("%m/%Y", "%Y-%m"):
            try:
                return dt.datetime.strptime(text, pattern).date().replace(day=1)
            except ValueError:
                continue
        raise forms.ValidationError(_("Tháng không hợp lệ: hãy nhập tháng/năm, ví dụ 06/2026."), code="invalid")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ProgressReportForm(BootstrapFormMixin, forms.Form):
    month = MonthField(label=_("Tháng báo cáo (tháng/năm)"), required=False)
    percent_done = QuantityField(label=_("Tỷ lệ hoàn thành đến cuối tháng (%)"), required=False)
    delivered = forms.CharField(
        label=_("Khối lượng đã thực hiện trong tháng"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photos = MultipleFileField(label=_("Ảnh hiện trường (JPEG, PNG; chọn được nhiều ảnh)"), required=False)


class CountField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")


class EffectForm(BootstrapFormMixin, forms.Form):
    jobs_created = CountField(label=_("Lao động được tạo việc làm (người)"))
    average_income = MoneyField(label=_("Thu nhập bình quân (đồng/người/tháng)"), required=False)
    revenue_before = MoneyField(label=_("Doanh thu năm trước đề án (đồng)"), required=False)
    revenue_after = MoneyField(label=_("Doanh thu năm sau đề án (đồng)"), required=False)
    production_value_before = MoneyField(label=_("Giá trị sản xuất trước đề án (đồng)"), required=False)
    production_value_after = MoneyField(label=_("Giá trị sản xuất sau đề án (đồng)"), required=False)
    budget_contribution = MoneyField(label=_("Nộp ngân sách (đồng/năm)"), required=False)
    new_products = CountField(label=_("Sản phẩm mới"))
    female_share = QuantityField(label=_("Tỷ lệ lao động nữ (%)"), required=False)
    disabled_share = QuantityField(label=_("Tỷ lệ lao động khuyết tật (%)"), required=False)


class AppraisalForm(BootstrapFormMixin, forms.Form):
    mode = forms.ChoiceField(label=_("Hình thức thẩm định"), choices=AppraisalMode.choices, required=False)
    council_decision_number = forms.CharField(
        label=_("Số quyết định thành lập hội đồng"), max_length=100, required=False
    )
    council_decision_date = VietDateField(label=_("Ngày quyết định"), required=False)
    council_members = forms.CharField(
        label=_("Thành viên hội đồng (mỗi dòng một người)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            key = f"criterion_{criterion.pk}"
            self.fields[f"{key}_met"] = forms.ChoiceField(
                label=_("%(name)s: đạt hay không") % {"name": criterion.name},
                choices=[("", _("— Chọn —")), ("1", _("Đạt")), ("0", _("Không đạt"))],
                required=False,
            )
            self.fields[f"{key}_points"] = QuantityField(
                label=_("%(name)s: điểm (tối đa %(max)s)") % {"name": criterion.name, "max": criterion.max_points},
                required=False,
            )
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("%(name)s: nhận xét") % {"name": criterion.name}, max_length=500, required=False
            )
        self.fields["conclusion"] = forms.ChoiceField(
            label=_("Kết luận"), choices=[("", _("— Chọn —")), *AppraisalConclusion.choices], required=False
        )
        self.fields["opinion"] = forms.CharField(
            label=_("Ý kiến thẩm định"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
        )
        self.fields["minutes"] = forms.FileField(
            label=_("Biên bản thẩm định có chữ ký (PDF, JPEG, PNG)"), required=False
        )
        # The fields added after the mixin styled the declared ones.
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def answers(self) -> dict:
        from execution.services import CriterionAnswer

        out = {}
        for criterion in self.criteria:
            key = f"criterion_{criterion.pk}"
            met = self.cleaned_data.get(f"{key}_met")
            out[criterion.pk] = CriterionAnswer(
                met=None if met in (None, "") else met == "1",
                points=self.cleaned_data.get(f"{key}_points"),
                note=self.cleaned_data.get(f"{key}_note") or "",
            )
        return out


class ProjectPartyForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", _("— Chọn —")), *PartyRole.choices], required=False)
    name = forms.CharField(label=_("Tên đơn vị"), max_length=300, required=False)
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=20, required=False)
    contract_number = forms.CharField(label=_("Số hợp đồng"), max_length=100, required=False)
    contract_date = VietDateField(label=_("Ngày hợp đồng"), required=False)
