from django import forms

from imports.models import ImportKind
from programs.models import Programme


class TemplateForm(forms.Form):
    programme = forms.ModelChoiceField(
        label="Chương trình", queryset=Programme.objects.order_by("-first_year", "code"), to_field_name="code"
    )
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    kind = forms.ChoiceField(label="Loại mẫu", choices=ImportKind.choices)

    def clean(self):
        data = super().clean()
        programme, year = data.get("programme"), data.get("year")
        if programme and year and year not in programme.years:
            self.add_error("year", f"Năm phải trong giai đoạn {programme.first_year}–{programme.last_year}.")
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)")
