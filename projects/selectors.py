"""Reads for the project and beneficiary pages."""

from django.db.models import Exists, F, OuterRef, QuerySet

from accounts.models import User
from budgets.models import Disbursement
from policy.access import visible_beneficiaries, visible_disbursements, visible_projects
from programs.models import Target
from projects.filters import SORTS
from projects.models import Beneficiary, Project, ProjectOutput


def project_list(user: User, *, sort: str | None) -> QuerySet[Project]:
    queryset = visible_projects(user).select_related("programme", "content", "administrative_unit")
    # The priority marks of Nghị định 235/2025 as two EXISTS columns of the same statement.
    owned = Beneficiary.objects.filter(projects=OuterRef("pk"))
    queryset = queryset.annotate(
        support_sum=F("support_national") + F("support_local"),
        women_owned=Exists(owned.filter(owned_by_women=True)),
        minority_owned=Exists(owned.filter(owned_by_ethnic_minority=True)),
    )
    return queryset.order_by(SORTS.get(sort or "", "-year"), "code")


def project_targets(project: Project) -> QuerySet[Target]:
    """The targets a project may report against: those of its content and the content's sub-contents."""
    return Target.objects.filter(
        programme_id=project.programme_id, content__sort_key__startswith=project.content.sort_key
    ).order_by("order", "code")


def project_outputs(project: Project) -> QuerySet[ProjectOutput]:
    return project.outputs.select_related("target").order_by("target__order", "target__code")


def project_disbursements(user: User, project: Project) -> QuerySet[Disbursement]:
    return visible_disbursements(user).filter(project=project).order_by("date", "voucher_number")


def beneficiary_list(user: User, q: str = "") -> QuerySet[Beneficiary]:
    queryset = visible_beneficiaries(user).select_related("administrative_unit").order_by("name")
    q = q.strip()
    if q:
        from django.db.models import Q

        queryset = queryset.filter(
            Q(name__unaccent__icontains=q) | Q(tax_code__startswith=q) | Q(sector__unaccent__icontains=q)
        )
    return queryset
