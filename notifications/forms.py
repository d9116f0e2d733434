from django import forms

from notifications.models import NotificationKind


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind of notification: checked means the notification also comes by e-mail."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.BooleanField(label=kind.label, required=False)
