"""Money forms: allocations and disbursements (conversion only; the checks are in budgets/services.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from budgets.models import Allocation, FundingSource
from budgets.services import DISBURSABLE_STATUSES
from khuyencong.forms import (
    BootstrapFormMixin,
    MoneyField,
    ProgrammeTaggedSelect,
    VietDateInput,
    choice_field,
    choices_of,
    label_choices,
)
from policy.access import managed_programmes, visible_programmes, visible_projects
from programs.models import Content, Programme
from projects.models import Project


def _content_label(content: Content) -> str:
    return f"{content.programme.code} · {content.number}. {content.title[:70]}"


def _project_label(project: Project) -> str:
    return f"{project.code} — {project.title[:70]}"


def _content_field() -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Nội dung"),
        widget=ProgrammeTaggedSelect(),
        queryset=Content.objects.select_related("programme").order_by("programme__code", "sort_key"),
        error_messages={"required": _("Hãy chọn nội dung."), "invalid_choice": _("Nội dung không hợp lệ.")},
    )
    label_choices(field, _content_label)
    return field


class AllocationForm(BootstrapFormMixin, forms.ModelForm):
    amount = MoneyField(label=_("Số tiền (đồng)"))
    content = _content_field()
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Allocation
        fields = [
            "programme",
            "year",
            "funding_source",
            "content",
            "amount",
            "decision_number",
            "decision_date",
            "note",
        ]
        widgets = {"decision_date": VietDateInput(), "note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "programme": {"required": _("Hãy chọn chương trình."), "invalid_choice": _("Chương trình không hợp lệ.")},
            "year": {"required": _("Hãy nhập năm."), "invalid": _("Năm phải là số, ví dụ 2020.")},
            "funding_source": {
                "required": _("Hãy chọn nguồn kinh phí."),
                "invalid_choice": _("Nguồn kinh phí không hợp lệ."),
            },
            "decision_number": {"required": _("Hãy nhập số quyết định giao dự toán.")},
            "decision_date": {"required": _("Hãy nhập ngày quyết định."), "invalid": _("Ngày không hợp lệ.")},
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only a programme whose money this user manages: their province's local ones, or the
        # national ones for the ministry officer.
        programmes = managed_programmes(user, Programme.objects.order_by("-first_year", "code"))
        choice_field(self, "programme").queryset = programmes
        choice_field(self, "content").queryset = choices_of(self, "content").filter(programme__in=programmes)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        programme, content, year = data.get("programme"), data.get("content"), data.get("year")
        if programme and content and content.programme_id != programme.pk:
            self.add_error("content", _("Nội dung không thuộc chương trình đã chọn."))
        if programme and year is not None and year not in programme.years:
            self.add_error(
                "year",
                _("Năm phải trong giai đoạn %(first)s–%(last)s của chương trình.")
                % {"first": programme.first_year, "last": programme.last_year},
            )
        return data

    def _post_clean(self) -> None:
        forms.models.construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


class DisbursementForm(BootstrapFormMixin, forms.Form):
    project: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Đề án"),
        queryset=None,
        required=False,
        help_text=_("Để trống nếu là khoản chi không thuộc đề án nào."),
        error_messages={"invalid_choice": _("Đề án không hợp lệ hoặc chưa được giải ngân.")},
    )
    programme = forms.ModelChoiceField(
        label=_("Chương trình"),
        queryset=Programme.objects.order_by("-first_year", "code"),
        required=False,
        help_text=_("Tự lấy theo đề án khi chọn đề án."),
        error_messages={"invalid_choice": _("Chương trình không hợp lệ.")},
    )
    content = _content_field()
    year = forms.IntegerField(
        label=_("Năm ngân sách"),
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": _("Hãy nhập năm ngân sách."),
            "invalid": _("Năm phải là số, ví dụ 2020."),
            "min_value": _("Năm không hợp lệ."),
            "max_value": _("Năm không hợp lệ."),
        },
    )
    funding_source = forms.ChoiceField(
        label=_("Nguồn kinh phí"),
        choices=[
            (FundingSource.NATIONAL, FundingSource.NATIONAL.label),
            (FundingSource.LOCAL, FundingSource.LOCAL.label),
        ],
        error_messages={"required": _("Hãy chọn nguồn kinh phí."), "invalid_choice": _("Nguồn kinh phí không hợp lệ.")},
    )
    date = forms.DateField(
        label=_("Ngày chứng từ"),
        widget=VietDateInput(),
        error_messages={"required": _("Hãy nhập ngày chứng từ."), "invalid": _("Ngày không hợp lệ.")},
    )
    voucher_number = forms.CharField(
        label=_("Số chứng từ"), max_length=60, error_messages={"required": _("Hãy nhập số chứng từ.")}
    )
    amount = MoneyField(label=_("Số tiền (đồng)"), min_value=1)
    is_advance = forms.BooleanField(label=_("Tạm ứng (trước nghiệm thu)"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_advance = forms.BooleanField(
        label=_("Tôi xác nhận tạm ứng vượt 70% kinh phí hỗ trợ"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        projects = visible_projects(user).filter(status__in=DISBURSABLE_STATUSES).select_related("programme")
        programmes = visible_programmes(user, Programme.objects.order_by("-first_year", "code"))
        choice_field(self, "programme").queryset = programmes
        choice_field(self, "content").queryset = choices_of(self, "content").filter(programme__in=programmes)
        choice_field(self, "project").queryset = projects.order_by("-year", "code")
        label_choices(choice_field(self, "project"), _project_label)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        project, programme, content = data.get("project"), data.get("programme"), data.get("content")
        if project is not None:
            data["programme"] = project.programme
            if content is not None and content.programme_id != project.programme_id:
                self.add_error("content", _("Nội dung không thuộc chương trình của đề án."))
        elif programme is None:
            if "programme" not in self.errors:
                self.add_error("programme", _("Hãy chọn đề án hoặc chương trình."))
        elif content is not None and content.programme_id != programme.pk:
            self.add_error("content", _("Nội dung không thuộc chương trình đã chọn."))
        day, year = data.get("date"), data.get("year")
        if day and year and abs(day.year - year) > 1:
            self.add_error("date", _("Ngày chứng từ phải thuộc năm ngân sách (lệch tối đa một năm)."))
        return data
