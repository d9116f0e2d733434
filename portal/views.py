"""The beneficiary's pages (register, its own file) and the Department's activation of accounts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from policy.access import (
    SignedInRequest,
    get_project_for,
    get_registration_for,
    is_beneficiary,
    require,
    visible_disbursements,
    visible_projects,
    visible_registrations,
)
from portal.forms import ProposalForm, RefusalForm, RegistrationForm
from portal.models import RegistrationStatus
from portal.services import (
    RegistrationData,
    RegistrationInvalid,
    RegistrationNotPending,
    registration_activate,
    registration_refuse,
    registration_submit,
    registry_match,
)
from projects.models import Project, ProjectKind, ProjectTransition
from projects.plain_status import plain_status
from projects.services import project_create, project_update
from projects.validation import ProjectInvalid


@require_http_methods(["GET", "POST"])
def register(request) -> HttpResponse:
    """Public: an establishment asks for an account with its tax code."""
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration_submit(data=RegistrationData(**form.cleaned_data))
        except RegistrationInvalid as error:
            for problem in error.problems:
                form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        else:
            return render(request, "portal/registered.html", {"name": form.cleaned_data["name"]})
    return render(request, "portal/register.html", {"form": form})


@login_required
@require_safe
def my_file(request: SignedInRequest) -> HttpResponse:
    """A beneficiary's own proposals, projects and payments, each status in plain words."""
    if not is_beneficiary(request.user):
        return redirect("home")
    last_comment = (
        ProjectTransition.objects.filter(project=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-at", "-id")
        .values("comment")[:1]
    )
    projects = list(
        visible_projects(request.user)
        .select_related("programme", "content", "administrative_unit")
        .annotate(last_comment=Subquery(last_comment))
        .order_by("-year", "code")
    )
    rows = [(project, plain_status(project)) for project in projects]
    payments = visible_disbursements(request.user).select_related("project").order_by("-date")
    context = {"rows": rows, "payments": payments, "beneficiary": request.user.beneficiary}
    return render(request, "portal/my_file.html", context)


@login_required
@require_safe
def registration_list(request: SignedInRequest) -> HttpResponse:
    require(request.user, "portal.decide_registration")
    registrations = visible_registrations(request.user).select_related("administrative_unit", "beneficiary")
    pending = [r for r in registrations if r.status == RegistrationStatus.PENDING]
    decided = [r for r in registrations if r.status != RegistrationStatus.PENDING][:50]
    return render(request, "portal/registration_list.html", {"pending": pending, "decided": decided})


@login_required
@require_safe
def registration_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    context = {"registration": registration, "match": registry_match(registration), "refusal_form": RefusalForm()}
    return render(request, "portal/registration_detail.html", context)


@login_required
@require_POST
def registration_activate_view(request: SignedInRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    try:
        beneficiary = registration_activate(registration=registration, user=request.user)
    except RegistrationNotPending as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Đã kích hoạt tài khoản %(username)s cho %(name)s.")
            % {"username": registration.user.username, "name": beneficiary.name},
        )
    return redirect("portal:registration_detail", pk=registration.pk)


@login_required
@require_POST
def registration_refuse_view(request: SignedInRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    try:
        registration_refuse(registration=registration, user=request.user, reason=request.POST.get("refusal_reason", ""))
    except (RegistrationInvalid, RegistrationNotPending) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã ghi không chấp nhận đăng ký."))
    return redirect("portal:registration_detail", pk=registration.pk)


def _open_programmes(user):
    """The local programmes of the beneficiary's province that prepare a plan for this year or later."""
    from programs.models import AnnualPlanStatus, Programme, ProgrammeLevel

    beneficiary = user.beneficiary
    if beneficiary is None:
        return Programme.objects.none()
    province = beneficiary.administrative_unit.province_on(timezone.localdate())
    # By the province's code: the province's row of today and the row a programme was entered on may differ.
    return Programme.objects.filter(
        level=ProgrammeLevel.LOCAL,
        administrative_unit__level=province.level,
        administrative_unit__code=province.code,
        annual_plans__status=AnnualPlanStatus.DRAFT,
        annual_plans__year__gte=timezone.localdate().year,
    ).distinct()


def _proposal_page(request: SignedInRequest, project: Project | None) -> HttpResponse:
    beneficiary = request.user.beneficiary
    if beneficiary is None:  # an account not yet linked to its establishment writes nothing
        raise Http404(_("Không tìm thấy."))
    programmes = _open_programmes(request.user)
    instance = project or Project(kind=ProjectKind.PILOT, administrative_unit_id=beneficiary.administrative_unit_id)
    form = ProposalForm(request.POST or None, instance=instance, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        draft = form.instance
        draft.implementing_organisation = draft.programme.owner
        try:
            if project is None:
                draft.code = f"DX{draft.year}-{request.user.beneficiary_id}-{Project.objects.count() + 1}"
                project_create(project=draft, beneficiaries=[beneficiary], user=request.user)
            else:
                project_update(
                    project=draft,
                    expected_version=project.lock_version,
                    beneficiaries=[beneficiary],
                    user=request.user,
                )
        except ProjectInvalid as error:
            for problem in error.problems:
                form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        else:
            messages.success(request, _("Đã lưu đề xuất. Đính kèm hồ sơ rồi bấm «Đề xuất» để gửi Sở Công Thương."))
            return redirect("projects:detail", pk=draft.pk)
    return render(request, "portal/proposal_form.html", {"form": form, "project": project})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: SignedInRequest) -> HttpResponse:
    require(request.user, "portal.add_proposal")
    return _proposal_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, perm="portal.change_proposal")
    return _proposal_page(request, project)
