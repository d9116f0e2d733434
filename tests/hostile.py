"""Hypothesis strategies for hostile input: Vietnamese in both Unicode normal forms,
huge and negative numbers, dates out of range, and form data built from a form's fields."""

import datetime as dt
import unicodedata
from html.parser import HTMLParser
from typing import Any

from django import forms
from hypothesis import strategies as st

VIETNAMESE = [
    "Khuyến công",
    "Đề án truyền nghề Chương Mỹ, Ứng Hòa",
    "Hợp tác xã mây tre đan Phú Vinh",
    "Quyết định số 1288/QĐ-TTg",
    "Nguyễn Thị Hằng",
    "Làng nghề gốm Bát Tràng",
    "Ỷ Lan",
    "ấp ủ, ưỡn ẹo, ỗ ồ",
]
# NFD splits "ế" into e + combining marks: the same word, more code points and another byte string.
vietnamese = st.sampled_from(VIETNAMESE).flatmap(
    lambda text: st.sampled_from([unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)])
)
# Anything that can travel in UTF-8 (no lone surrogates); NUL and other control characters included.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
hostile_text = st.one_of(
    vietnamese,
    st.lists(vietnamese, min_size=1, max_size=40).map(" ".join),  # long
    any_text,
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "'; DROP TABLE x; --", "ﾠ", "\u202e"]),
)
hostile_int = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 2**15, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**40]),
)
hostile_number_text = st.one_of(
    hostile_int.map(str),
    st.sampled_from(["1.000.000", "1,5", "1e309", "NaN", "-0", "١٢٣", "１２３", " 12 ", "0x10", "9" * 400]),
    hostile_text,
)
hostile_date = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
hostile_date_text = st.one_of(
    hostile_date.map(lambda d: d.isoformat()),
    hostile_date.map(lambda d: d.strftime("%d/%m/") + f"{d.year:04d}"),
    st.sampled_from(
        ["0000-00-00", "2020-02-30", "31/02/2020", "2020-13-01", "99999-01-01", "-2020-01-01", "10000-01-01", ""]
    ),
    hostile_text,
)


def _pks(field: Any, limit: int) -> list[str]:
    return [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:limit]]


def _choice_values(field: Any) -> list[str]:
    return [str(value) for value, label in field.choices if not isinstance(label, list | tuple)]


def field_value(field: Any) -> st.SearchStrategy:
    """A hostile value for one form field, as a browser would post it."""
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return st.sampled_from(["on", "", "true", "false", "x"])
    if isinstance(field, forms.ModelMultipleChoiceField):
        valid = _pks(field, 20)
        return st.lists(st.sampled_from(valid + ["0", "-1", "abc", str(2**70)]), max_size=3)
    if isinstance(field, forms.ModelChoiceField):
        valid = _pks(field, 50)
        return st.one_of(st.sampled_from(valid), st.sampled_from(["", "0", "-1", "abc", str(2**70)]), hostile_text)
    if isinstance(field, forms.ChoiceField):
        valid = _choice_values(field)
        return st.one_of(st.sampled_from(valid or [""]), hostile_text)
    if isinstance(field, forms.DateTimeField | forms.SplitDateTimeField):
        return hostile_date_text
    if isinstance(field, forms.DateField):
        return hostile_date_text
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return hostile_number_text
    return hostile_text


def form_data(form_class: Any) -> st.SearchStrategy[dict]:
    fields = form_class.base_fields
    return st.fixed_dictionaries({name: field_value(field) for name, field in fields.items()})


# ------------------------------------------------------- forms read from the page


class _FormParser(HTMLParser):
    """The fields of each <form method="post"> of a page, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: dict | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            self._form["fields"].append({"name": a["name"], "kind": kind, "value": a.get("value", ""), "attrs": a})
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "kind": "select", "options": [], "attrs": a}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._form["fields"].append({"name": a["name"], "kind": "textarea", "attrs": a})

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def page_forms(html: str, method: str = "post") -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    return [form for form in parser.forms if form["method"] == method]


def main_form(html: str, method: str = "post") -> dict:
    """The page's own form: the one with the most visible fields (not the header's log-out or language form)."""
    forms_ = page_forms(html, method)
    return max(forms_, key=lambda f: sum(1 for field in f["fields"] if field["kind"] != "hidden"))


def page_field_value(field: dict) -> st.SearchStrategy:
    kind, attrs, name = field["kind"], field["attrs"], field["name"]
    if kind == "hidden":
        return st.just(field["value"])
    if kind in {"checkbox", "radio"}:
        return st.sampled_from([field["value"] or "on", None])
    if kind == "select":
        options = [o for o in field["options"]] or [""]
        choice = st.one_of(st.sampled_from(options), hostile_text)
        return st.lists(choice, max_size=3) if "multiple" in attrs else choice
    hint = " ".join([name, attrs.get("inputmode", ""), attrs.get("placeholder", ""), kind]).lower()
    if kind == "date" or "date" in hint or "ngày" in hint:
        return hostile_date_text
    if kind == "number" or "numeric" in hint or "decimal" in hint:
        return hostile_number_text
    return st.one_of(hostile_text, hostile_number_text, hostile_date_text)


def page_form_data(form: dict) -> st.SearchStrategy[dict]:
    strategies = {field["name"]: page_field_value(field) for field in form["fields"]}
    return st.fixed_dictionaries(strategies).map(lambda data: {k: v for k, v in data.items() if v is not None})
