"""Project and beneficiary pages. Every object comes through an access helper in policy.access."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import AdministrativeUnit
from attachments.forms import AttachmentForm
from budgets.services import DISBURSABLE_STATUSES
from khuyencong.concurrency import ConcurrentEditError
from khuyencong.forms import add_concurrency_error
from khuyencong.history_display import object_history
from policy.access import (
    SignedInRequest,
    district_unit_id,
    get_beneficiary_for,
    get_project_for,
    may,
    require,
    visible_units,
)
from programs.services import YearLocked, YearOutsideProgramme
from projects import selectors
from projects.filters import ProjectFilter
from projects.forms import PICKABLE_LEVELS, BeneficiaryForm, OutputsForm, ProjectForm, TransitionForm
from projects.lifecycle import ACTIONS
from projects.models import Beneficiary, Project
from projects.plain_status import plain_status
from projects.services import (
    ProjectInvalid,
    ProjectNotEditable,
    ProjectTransitionError,
    available_actions,
    beneficiary_save,
    project_create,
    project_outputs_save,
    project_transition,
    project_update,
)

PAGE_SIZE = 25


def _apply_errors(form: forms.BaseForm, error: ProjectInvalid) -> None:
    for problem in error.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)


@login_required
@require_safe
def project_list(request: SignedInRequest) -> HttpResponse:
    require(request.user, "programs.view_programme")
    sort = request.GET.get("sort", "")
    filterset = ProjectFilter(
        request.GET or None,
        queryset=selectors.project_list(request.user, sort=sort),
        unit_id=district_unit_id(request.user),
        organisation_id=request.user.organisation_id,
        user=request.user,
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    context = {
        "filter": filterset,
        "page": page,
        "sort": sort,
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
    }
    return render(request, "projects/project_list.html", context)


@login_required
@require_safe
def project_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk)
    actions = [
        ACTIONS[name] for name in available_actions(project) if may(request.user, f"projects.{name}_project", project)
    ]
    context = {
        "project": project,
        "beneficiaries": project.beneficiaries.all(),
        "outputs": selectors.project_outputs(project),
        "transitions": project.transitions.select_related("actor"),
        "disbursements": selectors.project_disbursements(request.user, project),
        "actions": actions,
        "can_edit": may(request.user, "projects.change_project", project),
        "can_edit_proposal": may(request.user, "portal.change_proposal", project),
        "can_outputs": may(request.user, "projects.change_projectoutput", project),
        "can_disburse": may(request.user, "budgets.add_disbursement") and project.status in DISBURSABLE_STATUSES,
        "history": object_history(project),
        "attachments": project.attachments.select_related("kind", "uploaded_by"),
        # A beneficiary reads its status in plain words, not the Department's steps.
        "plain_status": plain_status(project) if request.user.is_beneficiary else None,
        "can_attach": may(request.user, "attachments.add_attachment", project),
        "attachment_form": AttachmentForm(),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create_view(request: SignedInRequest) -> HttpResponse:
    require(request.user, "projects.add_project")
    unit_id = district_unit_id(request.user)
    form = ProjectForm(request.POST or None, user=request.user, unit_id=unit_id, instance=Project())
    if request.method == "POST" and form.is_valid():
        try:
            project = project_create(
                project=form.instance, beneficiaries=form.cleaned_data["beneficiaries"], user=request.user
            )
        except ProjectInvalid as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã tạo đề án %(code)s (bản nháp).") % {"code": project.code})
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, perm="projects.change_project")
    form = ProjectForm(
        request.POST or None, user=request.user, unit_id=district_unit_id(request.user), instance=project
    )
    if request.method == "POST" and form.is_valid():
        try:
            project_update(
                project=form.instance,
                expected_version=form.cleaned_data["lock_version"] or 0,
                beneficiaries=form.cleaned_data["beneficiaries"],
                user=request.user,
            )
        except ProjectInvalid as error:
            _apply_errors(form, error)
        except ConcurrentEditError as error:
            add_concurrency_error(form, error)
        except (ProjectNotEditable, YearLocked, YearOutsideProgramme) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu đề án."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_action(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("Thao tác không tồn tại.")
    project = get_project_for(request.user, pk, perm=f"projects.{action}_project")
    form = TransitionForm(request.POST, action=action)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("projects:detail", pk=project.pk)
    try:
        project_transition(
            project=project,
            action=action,
            user=request.user,
            comment=form.cleaned_data["comment"],
            settled_amount=form.cleaned_data.get("settled_amount"),
        )
    except ProjectTransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Đã %(action)s đề án %(code)s: %(status)s.")
            % {"action": ACTIONS[action].label.lower(), "code": project.code, "status": project.get_status_display()},
        )
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_http_methods(["GET", "POST"])
def project_outputs(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk)
    if request.method == "POST":
        require(request.user, "projects.change_projectoutput", project)
    existing = {o.target_id: (o.planned, o.delivered) for o in project.outputs.all()}
    form = OutputsForm(
        request.POST or None, project=project, targets=selectors.project_targets(project), outputs=existing
    )
    if request.method == "POST" and form.is_valid():
        try:
            project_outputs_save(
                project=project,
                expected_version=form.cleaned_data["lock_version"],
                figures=form.figures(),
                user=request.user,
            )
        except ConcurrentEditError as error:
            add_concurrency_error(form, error)
        except (YearLocked, YearOutsideProgramme) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu sản phẩm đầu ra của đề án."))
            return redirect("projects:detail", pk=project.pk)
    context = {
        "project": project,
        "form": form,
        "can_edit": may(request.user, "projects.change_projectoutput", project),
    }
    return render(request, "projects/project_outputs.html", context)


@login_required
@require_safe
def beneficiary_list(request: SignedInRequest) -> HttpResponse:
    require(request.user, "programs.view_programme")
    q = request.GET.get("q", "")
    page = Paginator(selectors.beneficiary_list(request.user, q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/beneficiary_list.html", {"page": page, "q": q})


@login_required
@require_safe
def beneficiary_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    beneficiary = get_beneficiary_for(request.user, pk)
    from policy.access import visible_projects

    projects = visible_projects(request.user, beneficiary.projects.select_related("programme")).order_by("-year")
    context = {"beneficiary": beneficiary, "projects": projects, "history": object_history(beneficiary)}
    return render(request, "projects/beneficiary_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def beneficiary_create(request: SignedInRequest) -> HttpResponse:
    require(request.user, "projects.add_beneficiary")
    form = BeneficiaryForm(
        request.POST or None, user=request.user, unit_id=district_unit_id(request.user), instance=Beneficiary()
    )
    if request.method == "POST" and form.is_valid():
        try:
            beneficiary = beneficiary_save(beneficiary=form.instance, expected_version=None, user=request.user)
        except ProjectInvalid as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": beneficiary.name})
            return redirect("projects:beneficiary_detail", pk=beneficiary.pk)
    return render(request, "projects/beneficiary_form.html", {"form": form, "beneficiary": None})


@login_required
@require_http_methods(["GET", "POST"])
def beneficiary_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    beneficiary = get_beneficiary_for(request.user, pk, perm="projects.change_beneficiary")
    form = BeneficiaryForm(
        request.POST or None, user=request.user, unit_id=district_unit_id(request.user), instance=beneficiary
    )
    if request.method == "POST" and form.is_valid():
        try:
            beneficiary_save(
                beneficiary=form.instance, expected_version=form.cleaned_data["lock_version"] or 0, user=request.user
            )
        except ProjectInvalid as error:
            _apply_errors(form, error)
        except ConcurrentEditError as error:
            add_concurrency_error(form, error)
        else:
            messages.success(request, _("Đã lưu đối tượng thụ hưởng."))
            return redirect("projects:beneficiary_detail", pk=beneficiary.pk)
    return render(request, "projects/beneficiary_form.html", {"form": form, "beneficiary": beneficiary})


UNIT_SEARCH_LIMIT = 20


@login_required
@require_safe
def unit_search(request: SignedInRequest) -> JsonResponse:
    """The unit picker's search: the user's units matching the text without diacritics, in force on
    the record's date when the form has one (`on`, dd/mm/yyyy or yyyy-mm-dd, or a year)."""
    units = visible_units(request.user, AdministrativeUnit.objects.filter(level__in=PICKABLE_LEVELS))
    units = units.search(request.GET.get("q", "")[:100])
    day = _search_day(request.GET.get("on", ""))
    if day is not None:
        units = units.valid_on(day)
    found = units.select_related("parent").order_by("-valid_to", "name")[:UNIT_SEARCH_LIMIT]
    results = [{"id": unit.pk, "label": str(unit), "parent": unit.parent.name if unit.parent else ""} for unit in found]
    return JsonResponse({"results": results})


def _search_day(text: str) -> dt.date | None:
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if text.isdigit() and 1990 <= int(text) <= 2100:
        # A year without a date: the units in force on its last day (a 2025 record may name a new commune).
        return dt.date(int(text), 12, 31)
    return None
