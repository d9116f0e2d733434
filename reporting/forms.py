from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from programs.models import Programme
from reporting.models import PeriodKind
from reporting.selectors import candidate_programmes, candidate_senders, openable_kinds


class RoundOpenForm(forms.Form):
    """Converts only: the rules (who, which programme, which senders) are round_open's."""

    period_kind = forms.ModelChoiceField(label=_("Loại kỳ báo cáo"), queryset=PeriodKind.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Kỳ số"),
        min_value=1,
        max_value=12,
        help_text=_("Tháng (1-12), quý (1-4), nửa năm (1-2); 1 với kỳ năm."),
    )
    programme = forms.ModelChoiceField(label=_("Chương trình"), queryset=Programme.objects.none())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phải gửi báo cáo"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kinds = openable_kinds(user)
        cast(forms.ModelChoiceField, self.fields["period_kind"]).queryset = kinds
        programmes = Programme.objects.none()
        senders = Organisation.objects.none()
        for kind in kinds:
            programmes = programmes | candidate_programmes(kind, user)
            senders = senders | candidate_senders(kind, user)
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = programmes.distinct().order_by(
            "-first_year", "code"
        )
        candidates = senders.distinct().order_by("name")
        cast(forms.ModelMultipleChoiceField, self.fields["organisations"]).queryset = candidates
        self.fields["organisations"].initial = list(candidates)
        for name, field in self.fields.items():
            if name != "organisations":
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = css


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
