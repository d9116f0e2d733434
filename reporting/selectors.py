"""Reads of reporting rounds, scoped by the user through policy.access (the province scope).

A sender's report is seen by the sender's own people (its organisation and the units under
it), by its province's readers, and by the nationwide roles; another province's answers 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import Organisation, OrganisationKind, Role, UnitLevel, User
from policy.access import is_beneficiary, is_nationwide, is_unit_confined, province_units
from programs.models import Programme, ProgrammeLevel
from reporting.models import PeriodKind, Round, Sender, SenderLevel, SenderStatus, Submission

# Who works for a sender: drafts, submits, is told of returns and reminders.
SENDER_ROLES = (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER, Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER)
# Unit-level senders under a Department: the centre and other implementing units, the communes.
UNIT_SENDER_KINDS = (
    OrganisationKind.EXTENSION_CENTRE,
    OrganisationKind.DISTRICT_OFFICE,
    OrganisationKind.PEOPLES_COMMITTEE,
)


def visible_senders(user: User, queryset: QuerySet[Sender] | None = None) -> QuerySet[Sender]:
    queryset = Sender.objects.all() if queryset is None else queryset
    if not user.is_authenticated or is_beneficiary(user):
        return queryset.none()
    if is_nationwide(user):
        return queryset
    if is_unit_confined(user):
        return queryset.filter(organisation_id=user.organisation_id or -1)
    return queryset.filter(organisation__administrative_unit_id__in=province_units(user))


def visible_rounds(user: User, queryset: QuerySet[Round] | None = None) -> QuerySet[Round]:
    """Rounds with a sender the user sees, and the rounds their own office opened."""
    queryset = Round.objects.all() if queryset is None else queryset
    if not user.is_authenticated or is_beneficiary(user):
        return queryset.none()
    if is_nationwide(user):
        return queryset
    return queryset.filter(
        Q(pk__in=visible_senders(user).values("round_id")) | Q(receiver_organisation_id=user.organisation_id or -1)
    ).distinct()


def visible_submissions(user: User, queryset: QuerySet[Submission] | None = None) -> QuerySet[Submission]:
    queryset = Submission.objects.all() if queryset is None else queryset
    return queryset.filter(sender__in=visible_senders(user))


def is_member(user: User, organisation: Organisation) -> bool:
    """The user works for the organisation or for a unit under it (the centre under its Department)."""
    own = user.organisation
    return own is not None and (own.pk == organisation.pk or own.parent_id == organisation.pk)


def sender_staff(sender: Sender) -> QuerySet[User]:
    organisation = sender.organisation_id
    return User.objects.filter(
        Q(organisation_id=organisation) | Q(organisation__parent_id=organisation),
        is_active=True,
        role__in=SENDER_ROLES,
    )


def receives(user: User, round: Round) -> bool:
    """The user decides on the round's reports: the receiver's role, in the receiver's reach."""
    if not user.is_authenticated or user.role != round.period_kind.receiver_role:
        return False
    if is_nationwide(user):
        return True
    return Organisation.objects.filter(
        pk=round.receiver_organisation_id, administrative_unit_id__in=province_units(user)
    ).exists()


def oversees(user: User, round: Round) -> bool:
    """The user may see every sender of the round at once (the matrix row, the roll-up)."""
    if not user.is_authenticated or is_beneficiary(user) or is_unit_confined(user):
        return False
    if is_nationwide(user):
        return True
    if round.period_kind.receiver_role == Role.MINISTRY_OFFICER:
        return False  # a province sees its own report to the ministry, never the others'
    return Organisation.objects.filter(
        pk=round.receiver_organisation_id, administrative_unit_id__in=province_units(user)
    ).exists()


def openable_kinds(user: User) -> QuerySet[PeriodKind]:
    return (
        PeriodKind.objects.filter(is_active=True, receiver_role=user.role)
        if user.is_authenticated
        else PeriodKind.objects.none()
    )


def candidate_programmes(kind: PeriodKind, user: User) -> QuerySet[Programme]:
    """A ministry round is about a national programme; a Department's about its own province's."""
    if kind.receiver_role == Role.MINISTRY_OFFICER:
        return Programme.objects.filter(level=ProgrammeLevel.NATIONAL)
    return Programme.objects.filter(level=ProgrammeLevel.LOCAL, administrative_unit_id__in=province_units(user))


def candidate_senders(kind: PeriodKind, user: User) -> QuerySet[Organisation]:
    """Who may be asked to send a round of this kind by this user."""
    departments = Organisation.objects.filter(kind=OrganisationKind.DEPARTMENT)
    if kind.sender_level == SenderLevel.DEPARTMENT:
        if kind.receiver_role == Role.MINISTRY_OFFICER:
            return departments
        return departments.filter(administrative_unit_id__in=province_units(user))
    return Organisation.objects.filter(
        kind__in=UNIT_SENDER_KINDS, administrative_unit_id__in=province_units(user)
    ).exclude(administrative_unit__level=UnitLevel.PROVINCE, kind=OrganisationKind.PEOPLES_COMMITTEE)


def latest_version(sender: Sender) -> Submission | None:
    return sender.versions.order_by("-version").first()


def accepted_version(sender: Sender) -> Submission | None:
    return sender.versions.filter(decision="accepted").order_by("-version").first()


@dataclass(frozen=True)
class StateView:
    """A sender's state as shown: words always (never colour alone), a css class for the colour."""

    code: str
    text: str
    css: str


STATE_CSS = {
    SenderStatus.NOT_STARTED: "secondary",
    SenderStatus.DRAFT: "info",
    SenderStatus.SUBMITTED: "primary",
    SenderStatus.RETURNED: "warning",
    SenderStatus.ACCEPTED: "success",
}


def state_of(sender: Sender, today: dt.date) -> StateView:
    label = str(SenderStatus(sender.status).label)
    if sender.is_late(today):
        return StateView("late", f"Chậm nộp ({label.lower()})", "danger")
    return StateView(sender.status, label, STATE_CSS[SenderStatus(sender.status)])


@dataclass
class MatrixRow:
    organisation: Organisation
    cells: list[tuple[Round, Sender | None, StateView | None]]


def tracking_matrix(user: User, today: dt.date, kind: PeriodKind | None = None) -> tuple[list[Round], list[MatrixRow]]:
    """Senders × rounds for the rounds the user sees (the user's own senders only, unless they oversee)."""
    rounds = list(
        visible_rounds(user, Round.objects.select_related("period_kind", "programme", "receiver_organisation"))
        .filter(**({"period_kind": kind} if kind else {}))
        .order_by("-year", "-number", "period_kind__order", "pk")
    )
    senders = visible_senders(
        user, Sender.objects.filter(round__in=rounds).select_related("organisation", "round__period_kind")
    )
    by_key = {(s.round_id, s.organisation_id): s for s in senders}
    organisations = sorted({s.organisation for s in by_key.values()}, key=lambda o: o.name)
    rows = []
    for organisation in organisations:
        cells = []
        for round in rounds:
            sender = by_key.get((round.pk, organisation.pk))
            cells.append((round, sender, state_of(sender, today) if sender else None))
        rows.append(MatrixRow(organisation, cells))
    return rounds, rows
