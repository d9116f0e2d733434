"""Background export jobs: ask for one, watch its progress, download the file.

Every view looks the job up among the requesting user's own jobs, so another
user's job is a 404, never a file.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from policy.access import SignedInRequest
from reports.exports import EXPORT_KINDS
from reports.models import ExportJob, ExportJobStatus
from reports.tasks import ExportKindUnknown, export_job_create

MAX_LISTED = 50


def _own_job(request: SignedInRequest, pk: int) -> ExportJob:
    """Only the requester's own jobs: another user's job is a 404 whatever its id."""
    try:
        return ExportJob.objects.get(pk=pk, requested_by=request.user)
    except ExportJob.DoesNotExist:
        raise Http404(_("Không tìm thấy.")) from None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def job_list(request: SignedInRequest) -> HttpResponse:
    """The user's recent jobs; a POST asks for a new one."""
    if request.method == "POST":
        return _job_create(request)
    jobs = ExportJob.objects.filter(requested_by=request.user)[:MAX_LISTED]
    return render(request, "reports/job_list.html", {"jobs": jobs})


def _job_create(request: SignedInRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    fmt = request.POST.get("format", "")
    filters = {key: request.POST[key] for key in ("programme", "year", "status", "unit") if request.POST.get(key)}
    parameters: dict = {"filters": filters}
    if kind.startswith("report."):
        parameters = {
            "programme": request.POST.get("programme"),
            "year": int(request.POST["year"]) if request.POST.get("year", "").isdigit() else None,
            "until": request.POST.get("until") or None,
            "filters": {k: v for k, v in filters.items() if k not in ("programme", "year")},
        }
    try:
        job = export_job_create(kind=kind, fmt=fmt, parameters=parameters, user=request.user)
    except ExportKindUnknown as error:
        return HttpResponse(str(error), status=400)
    return redirect("reports:job_detail", pk=job.pk)


@login_required
@require_safe
def job_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    return render(request, "reports/job_detail.html", {"job": job, "kinds": EXPORT_KINDS})


@login_required
@require_safe
def job_status(request: SignedInRequest, pk: int) -> JsonResponse:
    """Progress for the page to poll."""
    job = _own_job(request, pk)
    return JsonResponse(
        {
            "id": job.pk,
            "status": job.status,
            "status_display": job.get_status_display(),
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.percent,
            "error": job.error,
            "download_url": reverse("reports:job_download", args=[job.pk])
            if job.status == ExportJobStatus.DONE
            else None,
        }
    )


@login_required
@require_safe
def job_download(request: SignedInRequest, pk: int) -> HttpResponseBase:
    job = _own_job(request, pk)
    if job.status != ExportJobStatus.DONE or not job.file:
        return redirect("reports:job_detail", pk=job.pk)  # not ready: back to its progress
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
