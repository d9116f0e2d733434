"""Pages of a project under way. Thin: fetch through the access helpers, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from execution.forms import AppraisalForm, EffectForm, InspectionForm, ProgressReportForm, ProjectPartyForm
from execution.rules import criteria_in_force, report_due_on
from execution.selectors import project_effect
from execution.services import (
    EFFECT_FIELDS,
    AppraisalInvalid,
    EffectInvalid,
    InspectionInvalid,
    ProgressReportInvalid,
    ProjectPartyInvalid,
    appraisal_record,
    effect_save,
    inspection_record,
    progress_report_submit,
    project_party_add,
)
from khuyencong.problems import RecordInvalid
from policy.access import (
    SignedInRequest,
    get_appraisal_for,
    get_inspection_for,
    get_progress_report_for,
    get_project_for,
)


def _apply_problems(form, error: RecordInvalid) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, perm="execution.add_inspection")
    form = InspectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = inspection_record(
                project=project,
                inspected_on=form.cleaned_data["inspected_on"],
                verified_percent=form.cleaned_data["verified_percent"],
                findings=form.cleaned_data["findings"],
                minutes_file=form.cleaned_data["minutes"],
                user=request.user,
            )
        except InspectionInvalid as error:
            _apply_problems(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi kết quả kiểm tra hiện trường ngày %(day)s.") % {"day": f"{inspection.inspected_on:%d/%m/%Y}"},
            )
            return redirect("projects:detail", pk=project.pk)
    return render(request, "execution/inspection_form.html", {"form": form, "project": project})


@login_required
@require_safe
def inspection_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk)
    return render(
        request, "execution/inspection_detail.html", {"inspection": inspection, "project": inspection.project}
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_create(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, perm="execution.add_progressreport")
    form = ProgressReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = progress_report_submit(
                project=project,
                month=form.cleaned_data["month"],
                percent_done=form.cleaned_data["percent_done"],
                delivered=form.cleaned_data["delivered"],
                photos=form.cleaned_data["photos"],
                user=request.user,
            )
        except ProgressReportInvalid as error:
            _apply_problems(form, error)
        else:
            messages.success(request, _("Đã gửi báo cáo tiến độ tháng %(month)s.") % {"month": f"{report.month:%m/%Y}"})
            return redirect("execution:progress_detail", pk=report.pk)
    today = timezone.localdate()
    context = {"form": form, "project": project, "due_on": report_due_on(project, today.replace(day=1))}
    return render(request, "execution/progress_form.html", context)


@login_required
@require_safe
def progress_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    report = get_progress_report_for(request.user, pk)
    context = {"report": report, "project": report.project, "photos": report.photos.select_related("kind")}
    return render(request, "execution/progress_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def effect_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, perm="execution.change_effect")
    current = project_effect(project)
    initial = {name: getattr(current, name) for name in EFFECT_FIELDS} if current else None
    form = EffectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            effect_save(project=project, figures=form.cleaned_data, user=request.user)
        except EffectInvalid as error:
            _apply_problems(form, error)
        else:
            messages.success(request, _("Đã ghi hiệu quả đề án %(code)s.") % {"code": project.code})
            return redirect("projects:detail", pk=project.pk)
    return render(request, "execution/effect_form.html", {"form": form, "project": project})


@login_required
@require_http_methods(["GET", "POST"])
def appraisal_create(request: SignedInRequest, pk: int) -> HttpResponse:
    # The same rule as the life cycle's «Thẩm định» step: the Department first, the ministry second.
    project = get_project_for(request.user, pk, perm="projects.appraise_project")
    criteria = criteria_in_force(project)
    form = AppraisalForm(request.POST or None, request.FILES or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            appraisal = appraisal_record(
                project=project,
                mode=form.cleaned_data["mode"],
                council_decision_number=form.cleaned_data["council_decision_number"],
                council_decision_date=form.cleaned_data["council_decision_date"],
                council_members=form.cleaned_data["council_members"],
                answers=form.answers(),
                conclusion=form.cleaned_data["conclusion"],
                opinion=form.cleaned_data["opinion"],
                minutes_file=form.cleaned_data["minutes"],
                user=request.user,
            )
        except AppraisalInvalid as error:
            _apply_problems(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi phiếu thẩm định (%(level)s): %(conclusion)s.")
                % {"level": appraisal.get_level_display(), "conclusion": appraisal.get_conclusion_display()},
            )
            return redirect("execution:appraisal_detail", pk=appraisal.pk)
    return render(request, "execution/appraisal_form.html", {"form": form, "project": project})


@login_required
@require_safe
def appraisal_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    appraisal = get_appraisal_for(request.user, pk)
    answers = appraisal.answers.select_related("criterion")
    context = {"appraisal": appraisal, "project": appraisal.project, "answers": answers}
    return render(request, "execution/appraisal_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def party_create(request: SignedInRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, perm="execution.add_projectparty")
    form = ProjectPartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            party = project_party_add(project=project, user=request.user, **form.cleaned_data)
        except ProjectPartyInvalid as error:
            _apply_problems(form, error)
        else:
            messages.success(request, _("Đã ghi %(party)s.") % {"party": party})
            return redirect("projects:detail", pk=project.pk)
    return render(request, "execution/party_form.html", {"form": form, "project": project})
