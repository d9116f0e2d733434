"""Django admin's autocomplete widget, made safe against a hand-crafted value.

When a form with an autocomplete field (ModelAdmin.autocomplete_fields) is shown
again after an error, the widget looks the posted value up with a plain
`filter(pk__in=...)`; a value such as "abc" for an integer key then raises
ValueError while rendering, a server error instead of the form's own message.
Values the key field cannot hold are dropped before that lookup: the form has
already said they are invalid.
"""

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

_original_optgroups = AutocompleteMixin.optgroups


def _storable(field, value) -> bool:
    try:
        field.get_prep_value(field.to_python(value))
    except (ValueError, TypeError, OverflowError, ValidationError):
        return False
    return True


def optgroups(self, name, value, attr=None):
    remote_opts = self.field.remote_field.model._meta
    key = remote_opts.get_field(getattr(self.field.remote_field, "field_name", remote_opts.pk.attname))
    return _original_optgroups(self, name, [v for v in value if _storable(key, v)], attr)


def install() -> None:
    AutocompleteMixin.optgroups = optgroups  # type: ignore[method-assign]
