from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from policy.access import SignedInRequest, district_unit_id, may, visible_projects
from programs.models import AnnualPlan, AnnualPlanStatus
from programs.selectors import programme_list
from projects.models import ProjectStatus

WAITING_BY_ROLE = {
    "projects.appraise_project": (ProjectStatus.PROPOSED,),
    "projects.approve_project": (ProjectStatus.APPRAISED_DEPARTMENT, ProjectStatus.APPRAISED_MINISTRY),
    "projects.propose_project": (ProjectStatus.DRAFT, ProjectStatus.RETURNED),
}


@login_required
@require_safe
def home(request: SignedInRequest) -> HttpResponse:
    """The start page: programmes, and the projects waiting for this user's decision."""
    if request.user.is_beneficiary:
        return redirect("portal:home")
    statuses: list[str] = []
    for perm, waiting in WAITING_BY_ROLE.items():
        # Department staff may also propose, but drafts are the districts' work in progress.
        proposer_only = perm == "projects.propose_project"
        if (district_unit_id(request.user) is not None) == proposer_only and may(request.user, perm):
            statuses.extend(waiting)
    waiting_projects = (
        visible_projects(request.user)
        .filter(status__in=statuses)
        .select_related("administrative_unit")
        .order_by("-year", "code")[:10]
        if statuses
        else []
    )
    programmes = programme_list(request.user)
    # Today's work: the plans still being prepared for this year or later (the real date, not the seeds' years).
    preparing = (
        AnnualPlan.objects.filter(
            programme__in=programmes, status=AnnualPlanStatus.DRAFT, year__gte=timezone.localdate().year
        )
        .select_related("programme")
        .order_by("year", "programme__code")
    )
    context = {"programmes": programmes, "waiting": waiting_projects, "preparing": preparing}
    return render(request, "home.html", context)
