"""Allocation (dự toán giao) and disbursement (giải ngân) pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from budgets import selectors
from budgets.forms import AllocationForm, DisbursementForm
from budgets.models import Allocation, Disbursement
from budgets.services import AdvanceNeedsConfirmation, DisbursementRefused, allocation_save, disbursement_create
from khuyencong.concurrency import ConcurrentEditError
from khuyencong.forms import add_concurrency_error
from khuyencong.history_display import object_history
from policy.access import (
    SignedInRequest,
    get_allocation_for,
    get_disbursement_for,
    may,
    require,
    visible_programmes,
    visible_projects,
)
from programs.models import Programme
from programs.services import YearLocked, YearOutsideProgramme

PAGE_SIZE = 50


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _list_context(request: SignedInRequest, queryset: QuerySet[Allocation] | QuerySet[Disbursement]) -> dict:
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        "programmes": visible_programmes(request.user, Programme.objects.order_by("-first_year", "code")),
        "programme_id": _int(request.GET.get("programme")),
        "year": _int(request.GET.get("year")),
        "query": query.urlencode(),
    }


@login_required
@require_safe
def allocation_list(request: SignedInRequest) -> HttpResponse:
    require(request.user, "budgets.view_allocation")
    queryset = selectors.allocation_list(
        request.user, programme_id=_int(request.GET.get("programme")), year=_int(request.GET.get("year"))
    )
    return render(request, "budgets/allocation_list.html", _list_context(request, queryset))


@login_required
@require_http_methods(["GET", "POST"])
def allocation_create(request: SignedInRequest) -> HttpResponse:
    require(request.user, "budgets.add_allocation")
    form = AllocationForm(request.POST or None, user=request.user, instance=Allocation())
    if request.method == "POST" and form.is_valid():
        try:
            allocation_save(allocation=form.instance, expected_version=None, user=request.user)
        except (YearLocked, YearOutsideProgramme) as error:
            form.add_error("year", str(error))
        except DisbursementRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi dự toán giao."))
            return redirect("budgets:allocation_list")
    return render(request, "budgets/allocation_form.html", {"form": form, "allocation": None})


@login_required
@require_http_methods(["GET", "POST"])
def allocation_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    allocation = get_allocation_for(request.user, pk)
    if request.method == "POST":
        require(request.user, "budgets.change_allocation", allocation)
    form = AllocationForm(request.POST or None, user=request.user, instance=allocation)
    if request.method == "POST" and form.is_valid():
        try:
            allocation_save(
                allocation=form.instance, expected_version=form.cleaned_data["lock_version"] or 0, user=request.user
            )
        except ConcurrentEditError as error:
            add_concurrency_error(form, error)
        except (YearLocked, YearOutsideProgramme) as error:
            form.add_error("year", str(error))
        except DisbursementRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu dự toán giao."))
            return redirect("budgets:allocation_list")
    context = {
        "form": form,
        "allocation": allocation,
        "can_edit": may(request.user, "budgets.change_allocation", allocation),
        "history": object_history(allocation),
    }
    return render(request, "budgets/allocation_form.html", context)


@login_required
@require_safe
def disbursement_list(request: SignedInRequest) -> HttpResponse:
    require(request.user, "programs.view_programme")
    queryset = selectors.disbursement_list(
        request.user, programme_id=_int(request.GET.get("programme")), year=_int(request.GET.get("year"))
    )
    return render(request, "budgets/disbursement_list.html", _list_context(request, queryset))


@login_required
@require_safe
def disbursement_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    disbursement = get_disbursement_for(request.user, pk)
    context = {"disbursement": disbursement, "history": object_history(disbursement)}
    return render(request, "budgets/disbursement_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def disbursement_create_view(request: SignedInRequest) -> HttpResponse:
    require(request.user, "budgets.add_disbursement")
    initial = {}
    project_id = _int(request.GET.get("project"))
    if project_id:
        project = visible_projects(request.user).select_related("programme").filter(pk=project_id).first()
        if project is not None:
            initial = {
                "project": project,
                "programme": project.programme,
                "content": project.content_id,
                "year": project.year,
                "funding_source": "national" if project.support_national else "local",
            }
    form = DisbursementForm(request.POST or None, user=request.user, initial=initial)
    needs_confirmation = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            disbursement = disbursement_create(
                programme=data["programme"],
                year=data["year"],
                content=data["content"],
                funding_source=data["funding_source"],
                date=data["date"],
                voucher_number=data["voucher_number"].strip(),
                amount=data["amount"],
                user=request.user,
                project=data["project"],
                is_advance=data["is_advance"],
                note=data["note"],
                confirm_advance_over_limit=data["confirm_advance"],
            )
        except AdvanceNeedsConfirmation as error:
            needs_confirmation = True
            form.add_error("is_advance", str(error))
        except DisbursementRefused as error:
            form.add_error("amount", str(error))
        except (YearLocked, YearOutsideProgramme) as error:
            form.add_error("year", str(error))
        else:
            messages.success(
                request, _("Đã ghi nhận giải ngân chứng từ %(voucher)s.") % {"voucher": disbursement.voucher_number}
            )
            return redirect("budgets:disbursement_detail", pk=disbursement.pk)
    return render(request, "budgets/disbursement_form.html", {"form": form, "needs_confirmation": needs_confirmation})
