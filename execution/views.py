"""Pages of a project under way. Thin: fetch through the access helpers, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import SignedInRequest, get_inspection_for, get_project_for
from execution.forms import InspectionForm
from execution.services import InspectionInvalid, inspection_record
from khuyencong.problems import RecordInvalid


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
