"""The project list's filters: year, content, unit, status, funding source, beneficiary and text."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import AdministrativeUnit, Organisation, UnitLevel, User
from budgets.models import FundingSource
from policy.access import visible_programmes, visible_units
from programs.models import Content, Programme
from projects.models import Project, ProjectStatus

SORTS = {
    "code": "code",
    "-code": "-code",
    "year": "year",
    "-year": "-year",
    "title": "title",
    "-title": "-title",
    "support": "support_sum",
    "-support": "-support_sum",
    "status": "status",
    "-status": "-status",
    "unit": "administrative_unit__name",
    "-unit": "-administrative_unit__name",
}


def _select(**attrs: str) -> forms.Select:
    return forms.Select(attrs={"class": "form-select form-select-sm", **attrs})


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="search",
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": _("Mã, tên đề án (gõ có dấu hoặc không dấu)"),
            }
        ),
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Chương trình"),
        queryset=Programme.objects.order_by("-first_year", "code"),
        widget=_select(),
        empty_label=_("Tất cả"),
    )
    year = django_filters.NumberFilter(
        label=_("Năm"),
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1990, "max": 2100}),
    )
    content = django_filters.ModelChoiceFilter(
        label=_("Nội dung"),
        queryset=Content.objects.select_related("programme").order_by("programme__code", "sort_key"),
        widget=_select(),
        empty_label=_("Tất cả"),
    )
    administrative_unit = django_filters.ModelChoiceFilter(
        label=_("Địa bàn"),
        queryset=AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT).order_by("name"),
        widget=_select(),
        empty_label=_("Tất cả"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=ProjectStatus.choices, widget=_select(), empty_label=_("Tất cả")
    )
    funding_source = django_filters.ChoiceFilter(
        label=_("Nguồn kinh phí"),
        choices=[
            (FundingSource.NATIONAL, FundingSource.NATIONAL.label),
            (FundingSource.LOCAL, FundingSource.LOCAL.label),
        ],
        method="filter_funding_source",
        widget=_select(),
        empty_label=_("Tất cả"),
    )
    beneficiary = django_filters.CharFilter(
        label=_("Đối tượng thụ hưởng"),
        method="filter_beneficiary",
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "placeholder": _("Tên hoặc mã số thuế")}
        ),
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(
        self,
        *args: Any,
        unit_id: int | None = None,
        organisation_id: int | None = None,
        user: User | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            # Another province's programmes are neither listed nor accepted (an invalid choice).
            programmes = visible_programmes(user, self.filters["programme"].queryset)
            self.filters["programme"].queryset = programmes
            self.filters["content"].queryset = self.filters["content"].queryset.filter(programme__in=programmes)
        # A national installation holds thousands of contents and hundreds of districts: the
        # choices are narrowed in SQL to what the chosen programme or the user's province needs.
        programme_id = self._chosen_programme_id()
        if programme_id is not None:
            self.filters["content"].queryset = self.filters["content"].queryset.filter(programme_id=programme_id)
        if unit_id is not None:
            # A district officer filters within their own unit only.
            self.filters["administrative_unit"].queryset = AdministrativeUnit.objects.filter(pk=unit_id)
        else:
            province: QuerySet
            if programme_id is not None:
                # Only a programme the user may see names the province (another's id lists nothing of it).
                chosen = self.filters["programme"].queryset.filter(pk=programme_id)
                province = chosen.values("administrative_unit_id")
            else:
                province = Organisation.objects.filter(pk=organisation_id or 0).values("administrative_unit_id")
            districts = self.filters["administrative_unit"].queryset
            if user is not None:
                districts = visible_units(user, districts)  # never another province's districts
            # The province's districts; every district where the province has none on record.
            self.filters["administrative_unit"].queryset = districts.filter(
                Q(parent_id__in=province) | ~Exists(districts.filter(parent_id__in=province))
            )
        self.filters["content"].field.label_from_instance = lambda c: f"{c.programme.code} · {c.number}. {c.title[:60]}"

    def _chosen_programme_id(self) -> int | None:
        value = (self.data or {}).get("programme")
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            return None
        return number if 0 < number < 2**31 else None

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__unaccent__icontains=value)
            | Q(title__unaccent__icontains=value)
            | Q(description__unaccent__icontains=value)
        )

    def filter_funding_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == FundingSource.NATIONAL:
            return queryset.filter(support_national__gt=0)
        if value == FundingSource.LOCAL:
            return queryset.filter(support_local__gt=0)
        return queryset

    def filter_beneficiary(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        matching = Project.beneficiaries.through.objects.filter(
            Q(beneficiary__name__unaccent__icontains=value) | Q(beneficiary__tax_code=value)
        ).values("project_id")
        return queryset.filter(pk__in=matching)
