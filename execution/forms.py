"""Forms validate and convert only; the rules are in execution.validation, called by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyencong.forms import BootstrapFormMixin, QuantityField, VietDateField


class InspectionForm(BootstrapFormMixin, forms.Form):
    inspected_on = VietDateField(label=_("Ngày kiểm tra"), required=False)
    verified_percent = QuantityField(label=_("Tỷ lệ khối lượng đã xác minh (%)"), required=False)
    findings = forms.CharField(
        label=_("Nhận xét"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.FileField(label=_("Biên bản kiểm tra hiện trường (PDF, JPEG, PNG)"), required=False)
