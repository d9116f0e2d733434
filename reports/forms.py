"""Report filters and the export form (the narrative and the document's particulars, edited before export)."""

from __future__ import annotations

from typing import Any, TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AdministrativeUnit, User
from budgets.models import FundingSource
from khuyencong.forms import VietDateField
from policy.access import is_unit_confined, officer_units, visible_projects
from programs.models import LawContentType, Programme
from projects.models import ProjectStatus
from reports.scope import UNITS_AS_RECORDED, UNITS_AS_TODAY


class Edits(TypedDict):
    narrative: list[str]
    number: str
    signer_title: str
    signer_name: str
    recipients: str


FORMATS = [("xlsx", "Excel (.xlsx)"), ("pdf", "PDF"), ("csv", "CSV"), ("json", "JSON"), ("html", "HTML")]


class ReportFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    # dd/mm/yyyy typed and shown (the browser's own date field follows the machine's locale: mm/dd/yyyy);
    # links built by the pages carry the ISO date, which the field still reads.
    until = VietDateField(label=_("Số liệu đến ngày"), required=False)
    unit = forms.TypedChoiceField(label=_("Địa bàn"), required=False, coerce=int, empty_value=None)
    content = forms.ChoiceField(label=_("Nội dung"), required=False)
    source = forms.ChoiceField(label=_("Nguồn kinh phí"), required=False)
    status = forms.ChoiceField(label=_("Trạng thái đề án"), required=False)
    target = forms.ChoiceField(label=_("Chỉ tiêu"), required=False)
    law_type = forms.TypedChoiceField(
        label=_("Loại nội dung (theo luật)"), required=False, coerce=int, empty_value=None
    )
    # The units report: by the unit each project was recorded with, or by today's units (after 1/7/2025).
    units_as = forms.ChoiceField(
        label=_("Gộp theo địa bàn"),
        required=False,
        choices=[
            (UNITS_AS_RECORDED, _("Như đã ghi trên đề án")),
            (UNITS_AS_TODAY, _("Theo đơn vị hành chính hiện nay")),
        ],
    )

    def __init__(self, *args: Any, programme: Programme, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("— Tất cả —"))]
        self._choices("year", everyone + [(y, str(y)) for y in programme.years])
        units = AdministrativeUnit.objects.filter(
            pk__in=visible_projects(user).filter(programme=programme).values("administrative_unit")
        ).order_by("name")
        if is_unit_confined(user):
            # Their commune and the old units it took over: `xa` may filter by old Chương Mỹ.
            units = units.filter(pk__in=officer_units(user))
        self._choices("unit", everyone + [(u.pk, u.name) for u in units])
        self._choices(
            "content",
            everyone + [(c.number, f"{c.number}. {c.title}") for c in programme.contents.order_by("sort_key")],
        )
        self._choices("source", everyone + list(FundingSource.choices))
        self._choices("status", everyone + list(ProjectStatus.choices))
        self._choices("target", everyone + [(t.code, f"{t.name} ({t.unit})") for t in programme.targets.all()])
        self._choices("law_type", everyone + [(t.code, str(t)) for t in LawContentType.objects.all()])
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

    def _choices(self, name: str, choices: list) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101  typing narrowing: declared above
        field.choices = choices

    def filters(self) -> dict[str, str]:
        keys = ("unit", "content", "source", "status", "target", "law_type", "units_as")
        chosen = {k: str(self.cleaned_data[k]) for k in keys if self.cleaned_data.get(k) not in (None, "")}
        if chosen.get("units_as") == UNITS_AS_RECORDED:
            del chosen["units_as"]  # the default: the same report, the same cached file
        return chosen


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Định dạng"), choices=FORMATS)
    number = forms.CharField(label=_("Số văn bản"), required=False, max_length=20)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=120)
    signer_name = forms.CharField(label=_("Họ tên người ký"), required=False, max_length=120)
    recipients = forms.CharField(label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    narrative = forms.CharField(
        label=_("Nội dung báo cáo (mỗi dòng một ý)"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )

    def edits(self) -> Edits:
        data = self.cleaned_data
        return {
            "narrative": [line.strip() for line in data["narrative"].splitlines() if line.strip()],
            "number": data["number"].strip(),
            "signer_title": data["signer_title"].strip(),
            "signer_name": data["signer_name"].strip(),
            "recipients": data["recipients"].strip(),
        }
