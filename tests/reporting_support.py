"""Helpers for the reporting-round tests: a round of the national programme 2026-2030, figures to report."""

from __future__ import annotations

from decimal import Decimal

from accounts.models import Organisation, OrganisationKind, Role, User
from programs.models import Programme, Result, Target
from reporting.models import PeriodKind, Round, Sender
from reporting.services import round_open, sender_draft, sender_sign_off, submission_create

NATIONAL_2026 = "KCQG-2026-2030"


def national_2026() -> Programme:
    return Programme.objects.get(code=NATIONAL_2026)


def department(province_name_part: str) -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.DEPARTMENT, name__icontains=province_name_part)


def leader_of(organisation: Organisation) -> User:
    """The centre leader under a Department (Bắc Ninh's is made for the tests if the demo has none)."""
    found = User.objects.filter(role=Role.CENTRE_LEADER, organisation__parent=organisation).first()
    if found:
        return found
    centre = Organisation.objects.get(parent=organisation, kind=OrganisationKind.EXTENSION_CENTRE)
    return User.objects.create_user(
        username=f"lanhdao-{organisation.pk}", role=Role.CENTRE_LEADER, organisation=centre, first_name="Lãnh đạo"
    )


def target(code: str = "QG26-LOP", value: int = 100, content_number: str = "1") -> Target:
    programme = national_2026()
    found, _ = Target.objects.get_or_create(
        programme=programme,
        code=code,
        defaults={
            "name": f"Chỉ tiêu kiểm thử {code}",
            "unit": "lớp",
            "value": value,
            "content": programme.contents.get(number=content_number),
        },
    )
    return found


def report_result(organisation: Organisation, quantity: int, code: str = "QG26-LOP", year: int = 2026) -> Result:
    return Result.objects.create(
        target=target(code), year=year, quantity=Decimal(quantity), administrative_unit=organisation.administrative_unit
    )


def open_round(bo: User, code: str = "so-quy-bo", number: int = 1, year: int = 2026) -> Round:
    return round_open(
        period_kind=PeriodKind.objects.get(code=code),
        year=year,
        number=number,
        programme=national_2026(),
        organisations=[department("Hà Nội"), department("Bắc Ninh")],
        user=bo,
    )


def sender_of(round: Round, province: str) -> Sender:
    return round.senders.get(organisation=department(province))


def submit(sender: Sender, staff: User):
    """Draft, the leader's sign-off, submission: the sender's whole way."""
    sender_draft(sender=sender, user=staff)
    sender_sign_off(sender=sender, user=leader_of(sender.organisation))
    return submission_create(sender=sender, user=staff)
