from django import forms
from django.utils.translation import gettext_lazy as _

from attachments.models import AttachmentKind


class AttachmentForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Loại tệp"), queryset=AttachmentKind.objects.all(), empty_label=None, to_field_name="code"
    )
    file = forms.FileField(label=_("Tệp"), allow_empty_file=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)
