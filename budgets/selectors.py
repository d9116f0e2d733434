"""Reads for the money pages."""

from django.db.models import QuerySet

from accounts.models import User
from budgets.models import Allocation, Disbursement
from policy.access import visible_allocations, visible_disbursements


def allocation_list(user: User, *, programme_id: int | None, year: int | None) -> QuerySet[Allocation]:
    queryset = (
        visible_allocations(user)
        .select_related("programme", "content")
        .order_by("-year", "programme__code", "content__sort_key")
    )
    if programme_id:
        queryset = queryset.filter(programme_id=programme_id)
    if year:
        queryset = queryset.filter(year=year)
    return queryset


def disbursement_list(user: User, *, programme_id: int | None, year: int | None) -> QuerySet[Disbursement]:
    queryset = visible_disbursements(user).select_related("programme", "project", "content").order_by("-date", "-id")
    if programme_id:
        queryset = queryset.filter(programme_id=programme_id)
    if year:
        queryset = queryset.filter(year=year)
    return queryset
