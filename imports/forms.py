from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from imports.models import ImportKind
from programs.models import Programme


class TemplateForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Chương trình"), queryset=Programme.objects.order_by("-first_year", "code"), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    kind = forms.ChoiceField(label=_("Loại mẫu"), choices=ImportKind.choices)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        programme, year = data.get("programme"), data.get("year")
        if programme and year and year not in programme.years:
            self.add_error(
                "year",
                _("Năm phải trong giai đoạn %(first)s–%(last)s.")
                % {"first": programme.first_year, "last": programme.last_year},
            )
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
