"""Programme pages: list, detail with the content tree, the annual plan grid, results and year locks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from khuyencong.concurrency import ConcurrentEditError
from khuyencong.forms import add_concurrency_error
from khuyencong.history_display import object_history
from policy.access import (
    SignedInRequest,
    district_unit_id,
    get_programme_for,
    get_result_for,
    managed_programmes,
    may,
    require,
    visible_projects,
    visible_results,
)
from programs import selectors
from programs.forms import PlanGridForm, ResultForm, TargetForm
from programs.models import AnnualPlan, Programme
from programs.services import (
    LockNotAllowed,
    PlanOverProgrammeBudget,
    YearLocked,
    YearOutsideProgramme,
    annual_plan_save_grid,
    annual_plan_set_lock,
    result_save,
    target_add,
)


@login_required
@require_safe
def programme_list(request: SignedInRequest) -> HttpResponse:
    require(request.user, "programs.view_programme")
    return render(request, "programs/programme_list.html", {"programmes": selectors.programme_list(request.user)})


@login_required
@require_safe
def programme_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    nodes, objectives = selectors.programme_tree(
        programme, projects=visible_projects(request.user), results=visible_results(request.user)
    )
    context = {
        "programme": programme,
        "nodes": nodes,
        "objectives": objectives,
        "has_targets": bool(objectives) or any(node.targets for node in nodes),
        "plans": selectors.annual_plans(programme),
        "versions": programme.versions.order_by("number"),
        "history": object_history(programme),
    }
    return render(request, "programs/programme_detail.html", context)


def _plan_for(programme: Programme, year: int) -> AnnualPlan:
    if year not in programme.years:
        raise Http404("Năm nằm ngoài giai đoạn của chương trình.")
    plan = AnnualPlan.objects.filter(programme=programme, year=year).first()
    if plan is None:
        # Not saved until someone enters figures: a GET writes nothing.
        plan = AnnualPlan(programme=programme, year=year)
    plan.programme = programme
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def plan_grid(request: SignedInRequest, pk: int, year: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    if request.method == "POST":
        require(request.user, "programs.change_annualplan", programme)
    plan = _plan_for(programme, year)
    grid = selectors.plan_grid(plan)
    form = PlanGridForm(request.POST or None, grid=grid)
    if request.method == "POST" and form.is_valid():
        if plan.pk is None:
            plan, _created = AnnualPlan.objects.get_or_create(programme=programme, year=year)
            plan.programme = programme
        try:
            annual_plan_save_grid(
                plan=plan,
                expected_version=form.cleaned_data["lock_version"],
                quantities=form.quantities(),
                budgets=form.budgets(),
                user=request.user,
            )
        except ConcurrentEditError as error:
            add_concurrency_error(form, error)
            form = _rebound_grid(request, plan, form)
        except (YearLocked, YearOutsideProgramme, PlanOverProgrammeBudget) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu kế hoạch năm %(year)s.") % {"year": year})
            return redirect("programs:plan", pk=programme.pk, year=year)
    context = {
        "programme": programme,
        "plan": plan,
        "form": form,
        "grid": grid,
        "can_edit": not plan.is_locked and may(request.user, "programs.change_annualplan", programme),
        "history": object_history(plan) if plan.pk else [],
    }
    return render(request, "programs/plan_grid.html", context)


def _rebound_grid(request: HttpRequest, plan: AnnualPlan, old_form: PlanGridForm) -> PlanGridForm:
    """After a refused save, show the newest figures with the refusal message kept."""
    plan.refresh_from_db()
    form = PlanGridForm(grid=selectors.plan_grid(plan))
    form._errors = old_form.errors  # noqa: SLF001 — keep the message beside the fresh figures
    return form


@login_required
@require_safe
def result_list(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    require(request.user, "programs.view_programme", programme)
    results = selectors.results_for(programme, visible_results(request.user)).order_by("-year", "target__order")
    return render(request, "programs/result_list.html", {"programme": programme, "results": results[:500]})


@login_required
@require_http_methods(["GET", "POST"])
def result_create(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    require(request.user, "programs.add_result", programme)
    unit_id = district_unit_id(request.user)
    form = ResultForm(request.POST or None, programme=programme, unit_id=unit_id, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            result_save(result=form.instance, expected_version=None, user=request.user)
        except (YearLocked, YearOutsideProgramme) as error:
            form.add_error("year", str(error))
        else:
            messages.success(request, _("Đã ghi nhận kết quả thực hiện."))
            return redirect("programs:results", pk=programme.pk)
    return render(request, "programs/result_form.html", {"programme": programme, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    result = get_result_for(request.user, pk)
    if request.method == "POST":
        require(request.user, "programs.change_result", result)
    programme = result.target.programme
    form = ResultForm(
        request.POST or None,
        instance=result,
        programme=programme,
        unit_id=district_unit_id(request.user),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            result_save(
                result=form.instance, expected_version=form.cleaned_data["lock_version"] or 0, user=request.user
            )
        except ConcurrentEditError as error:
            add_concurrency_error(form, error)
        except (YearLocked, YearOutsideProgramme) as error:
            form.add_error("year", str(error))
        else:
            messages.success(request, _("Đã lưu kết quả thực hiện."))
            return redirect("programs:results", pk=programme.pk)
    context = {"programme": programme, "form": form, "result": result, "history": object_history(result)}
    return render(request, "programs/result_form.html", context)


@login_required
@require_safe
def year_locks(request: SignedInRequest) -> HttpResponse:
    require(request.user, "programs.lock_year")
    # Only the plans of the programmes this user may lock: their province's, or the national ones.
    lockable = managed_programmes(request.user)
    plans = (
        AnnualPlan.objects.filter(programme__in=lockable)
        .select_related("programme", "locked_by")
        .order_by("-programme__first_year", "programme__code", "year")
    )
    return render(request, "programs/year_locks.html", {"plans": plans})


@login_required
@require_POST
def year_lock_set(request: SignedInRequest, pk: int, year: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk, perm="programs.lock_year")
    if year not in programme.years:
        raise Http404("Năm nằm ngoài giai đoạn của chương trình.")
    locked = request.POST.get("locked") == "1"
    try:
        annual_plan_set_lock(programme=programme, year=year, locked=locked, user=request.user)
    except LockNotAllowed as error:
        raise PermissionDenied(str(error)) from error
    template = (
        _("Đã khóa số liệu năm %(year)s của chương trình %(code)s.")
        if locked
        else _("Đã mở khóa số liệu năm %(year)s của chương trình %(code)s.")
    )
    messages.success(request, template % {"year": year, "code": programme.code})
    return redirect("programs:locks")


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request: SignedInRequest, pk: int) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    require(request.user, "programs.add_target", programme)
    form = TargetForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        target_add(target=form.instance, user=request.user)
        messages.success(request, _("Đã thêm chỉ tiêu."))
        return redirect("programs:detail", pk=programme.pk)
    return render(request, "programs/target_form.html", {"programme": programme, "form": form})
