"""Where each step of the guide happens: a target key resolved to a URL against the demo data, as one user sees it.

Objects are picked within the user's own scope (a district officer gets a
project of their district), so the screenshot shows what that person would see.
A target with nothing to show for that user resolves to None and the step keeps
its placeholder.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from accounts.models import User
from policy.access import visible_beneficiaries, visible_projects
from programs.models import Programme

DEMO_PROGRAMME = "HN-2016-2020"
DEMO_YEAR = 2020


def _programme(national: bool = False) -> Programme | None:
    if national:
        return Programme.objects.filter(level="national").order_by("-first_year").first()
    return Programme.objects.filter(code=DEMO_PROGRAMME).first() or Programme.objects.first()


def _project(user: User, *statuses: str, national: bool = False) -> str | None:
    projects = visible_projects(user).order_by("-year", "code")
    if national:
        projects = projects.filter(programme__level="national")
    project = projects.filter(status__in=statuses).first() if statuses else projects.first()
    return reverse("projects:detail", args=[project.pk]) if project else None


def _with_programme(name: str, national: bool = False, **extra: int) -> Callable[[User], str | None]:
    def resolve(user: User) -> str | None:
        programme = _programme(national)
        return reverse(name, kwargs={"pk": programme.pk, **extra}) if programme else None

    return resolve


def _outputs(user: User) -> str | None:
    project = visible_projects(user).filter(status__in=("approved", "under_way")).order_by("-year", "code").first()
    return reverse("projects:outputs", args=[project.pk]) if project else None


def _beneficiary(user: User) -> str | None:
    beneficiary = visible_beneficiaries(user).order_by("name").first()
    return reverse("projects:beneficiary_detail", args=[beneficiary.pk]) if beneficiary else None


def _fixed(name: str, **kwargs: str) -> Callable[[User], str | None]:
    return lambda user: reverse(name, kwargs=kwargs or None)


TARGETS: dict[str, Callable[[User], str | None]] = {
    "login": _fixed("login"),
    "home": _fixed("home"),
    "admin": _fixed("admin:index"),
    "programme_list": _fixed("programs:list"),
    "programme": _with_programme("programs:detail"),
    "national_programme": _with_programme("programs:detail", national=True),
    "plan": _with_programme("programs:plan", year=DEMO_YEAR),
    "result_list": _with_programme("programs:results"),
    "locks": _fixed("programs:locks"),
    "project_list": _fixed("projects:list"),
    "project_create": _fixed("projects:create"),
    "project_draft": lambda user: _project(user, "draft", "returned"),
    "project_proposed": lambda user: _project(user, "proposed"),
    "project_appraised": lambda user: _project(user, "appraised_department", "appraised_ministry"),
    "project_approved": lambda user: _project(user, "approved", "under_way", "accepted"),
    "national_project": lambda user: (
        _project(user, "appraised_department", "proposed", national=True) or _project(user, national=True)
    ),
    "project_outputs": _outputs,
    "beneficiary_list": _fixed("projects:beneficiary_list"),
    "beneficiary_detail": _beneficiary,
    "allocation_list": _fixed("budgets:allocation_list"),
    "disbursement_list": _fixed("budgets:disbursement_list"),
    "report_index": _fixed("reports:index"),
    "report_summary": lambda user: reverse("reports:report", kwargs={"code": DEMO_PROGRAMME, "kind": "summary"}),
    "imports": _fixed("imports:index"),
    "api_tokens": _fixed("api_tokens"),
    "register": _fixed("portal:register"),
    "portal_home": _fixed("portal:home"),
    "proposal_create": _fixed("portal:proposal_create"),
}


def resolve(target: str, user: User) -> str | None:
    return TARGETS[target](user)
