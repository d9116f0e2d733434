"""Form fields that read numbers as Vietnamese write them (90.000.000 · 1.234,5)."""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from khuyencong.formatting import format_money


def _clean_digits(text: str) -> str:
    return text.strip().replace(" ", "").replace("\u00a0", "")


class MoneyField(forms.CharField):
    """Whole đồng; accepts 90.000.000 or 90000000; never negative."""

    def __init__(self, *, min_value: int = 0, **kwargs):
        self.min_value = min_value
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("maxlength", "30")

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_money(value)
        return value

    def to_python(self, value):
        text = _clean_digits(super().to_python(value) or "")
        if not text:
            return None
        if "," in text:
            raise forms.ValidationError(_("Số tiền tính bằng đồng, không có phần thập phân."), code="decimal")
        text = text.replace(".", "")
        if text.startswith("-"):
            raise forms.ValidationError(_("Số tiền không được âm."), code="negative")
        # isdigit() alone also accepts "¹" or "①", which int() refuses.
        if not (text.isascii() and text.isdigit()):
            raise forms.ValidationError(_("Hãy nhập số tiền bằng chữ số, ví dụ 90.000.000."), code="invalid")
        amount = int(text)
        if amount < self.min_value:
            raise forms.ValidationError(
                _("Số tiền phải từ %(amount)s đồng trở lên.") % {"amount": format_money(self.min_value)}
            )
        if amount > 10**15:
            raise forms.ValidationError(_("Số tiền quá lớn."), code="too_large")
        return amount


class QuantityField(forms.CharField):
    """A non-negative quantity; accepts 1.234,5 or 1234.5."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("maxlength", "30")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            from khuyencong.formatting import format_number

            return format_number(value, 4)
        return value

    def to_python(self, value):
        text = _clean_digits(super().to_python(value) or "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
            text = text.replace(".", "")  # 1.234 is one thousand two hundred and thirty-four
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Hãy nhập một số, ví dụ 1.200 hoặc 12,5."), code="invalid") from None
        if not number.is_finite():
            raise forms.ValidationError(_("Hãy nhập một số, ví dụ 1.200 hoặc 12,5."), code="invalid")
        if number < 0:
            raise forms.ValidationError(_("Số lượng không được âm."), code="negative")
        if number >= Decimal(10) ** 15:
            raise forms.ValidationError(_("Số lượng quá lớn."), code="too_large")
        return number.quantize(Decimal("0.0001"))


DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_INVALID = _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/05/2020.")


class VietDateInput(forms.DateInput):
    """Dates as Vietnamese write them: 15/05/2020 (a browser's date picker would follow the machine's locale)."""

    def __init__(self, **kwargs):
        # data-kc-date: static/js/datepicker.js adds a Vietnamese calendar button beside the field.
        attrs = {
            "placeholder": _("ngày/tháng/năm"),
            "autocomplete": "off",
            "inputmode": "numeric",
            "data-kc-date": "",
            **kwargs.pop("attrs", {}),
        }
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


class VietDateField(forms.DateField):
    widget = VietDateInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        messages = {"invalid": DATE_INVALID}
        messages.update(kwargs.pop("error_messages", {}))
        super().__init__(error_messages=messages, **kwargs)


class BootstrapFormMixin:
    """Give every widget Bootstrap's classes."""

    fields: dict[str, forms.Field]  # the form's, set by the form class this mixes into

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = _("— Chọn —")
            if isinstance(field, forms.DateField) and not isinstance(field, VietDateField):
                field.input_formats = DATE_INPUT_FORMATS
                field.widget = VietDateInput()
                field.error_messages["invalid"] = DATE_INVALID
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


def add_concurrency_error(form: forms.BaseForm, error) -> None:
    """Tell the user what another person changed while they were editing."""
    from khuyencong.history_display import _display

    model = type(error.current)
    lines = []
    for name in error.changed_fields:
        model_field = model._meta.get_field(name)
        theirs_value = getattr(error.current, model_field.attname)
        lines.append(
            _("%(field)s: hiện là «%(value)s»")
            % {"field": str(model_field.verbose_name).capitalize(), "value": _display(model_field, theirs_value, {})}
        )
    detail = "; ".join(lines) if lines else _("một số trường")
    form.add_error(
        None,
        _(
            "Người khác đã lưu thay đổi trong lúc bạn sửa, nên lần lưu này bị từ chối. "
            "Đã thay đổi: %(detail)s. Trang dưới đây hiện số liệu mới nhất; hãy xem lại và lưu lại nếu cần."
        )
        % {"detail": detail},
    )


def choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A form's model choice field, typed as such (to narrow its queryset or labels)."""
    return cast(forms.ModelChoiceField, form.fields[name])


def choices_of(form: forms.BaseForm, name: str) -> QuerySet:
    """The queryset a model choice field offers now (to narrow it further)."""
    queryset = choice_field(form, name).queryset
    if queryset is None:
        raise ImproperlyConfigured(f"The field {name} offers no queryset yet.")
    return queryset


def label_choices[M: Model](field: forms.ModelChoiceField, label: Callable[[M], str]) -> None:
    """Name each option of a model choice field by `label` instead of the record's str()."""
    # Django documents overriding label_from_instance; an instance attribute does it without a subclass.
    field.label_from_instance = label  # type: ignore[method-assign,assignment]  # a callable of the instance, as Django calls it


class ProgrammeTaggedSelect(forms.Select):
    """A select of contents whose options name their programme, so the page can offer only the chosen programme's."""

    def __init__(self, *, programme_field: str = "id_programme", **kwargs):
        super().__init__(**kwargs)
        self.attrs["data-filter-by"] = programme_field

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-programme"] = instance.programme_id
        return option
