"""Registration of a beneficiary's account, and the Department's decision on it."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AdministrativeUnit, Role, UnitLevel, User
from khuyencong.problems import Problem, RecordInvalid
from khuyencong.taxcode import TaxCodeInvalid, normalize_tax_code
from portal.models import Registration, RegistrationStatus
from projects.models import Beneficiary


class RegistrationInvalid(RecordInvalid):
    pass


class RegistrationNotPending(Exception):
    """The registration was decided already."""


@dataclass(frozen=True)
class RegistrationData:
    username: str
    password: str
    tax_code: str
    name: str
    kind: str
    address: str
    administrative_unit: AdministrativeUnit
    representative: str
    phone: str
    email: str


def registration_problems(data: RegistrationData) -> list[Problem]:
    """Every problem of a registration (the page shows each on its field)."""
    problems: list[Problem] = []
    try:
        tax_code = normalize_tax_code(data.tax_code)
    except TaxCodeInvalid as error:
        problems.append(Problem("tax_code", str(error)))
    else:
        if Registration.objects.filter(tax_code=tax_code, status=RegistrationStatus.PENDING).exists():
            problems.append(Problem("tax_code", _("Mã số thuế này đã có một đăng ký đang chờ Sở kích hoạt.")))
    unit = data.administrative_unit
    today = timezone.localdate()
    in_force = AdministrativeUnit.objects.valid_on(today).filter(pk=unit.pk, level=UnitLevel.COMMUNE).exists()
    if not in_force:
        problems.append(
            Problem("administrative_unit", _("Hãy chọn xã, phường đang có hiệu lực (sau sắp xếp từ 1/7/2025)."))
        )
    if User.objects.filter(username__iexact=data.username).exists():
        problems.append(Problem("username", _("Tên đăng nhập này đã có người dùng.")))
    return problems


@transaction.atomic
def registration_submit(*, data: RegistrationData) -> Registration:
    """A pending account: it cannot sign in until the Department activates it."""
    problems = registration_problems(data)
    if problems:
        raise RegistrationInvalid(problems)
    first, _sep, last = data.representative.strip().rpartition(" ")
    user = User(
        username=data.username,
        email=data.email,
        first_name=last,
        last_name=first,
        role=Role.BENEFICIARY,
        is_active=False,
    )
    user.set_password(data.password)
    user.save()
    return Registration.objects.create(
        user=user,
        tax_code=normalize_tax_code(data.tax_code),
        name=data.name.strip(),
        kind=data.kind,
        address=data.address.strip(),
        administrative_unit=data.administrative_unit,
        representative=data.representative.strip(),
        phone=data.phone.strip(),
        email=data.email,
    )


def registry_match(registration: Registration) -> Beneficiary | None:
    """The beneficiary the registry already holds for this tax code (the branch's own code for a branch)."""
    return Beneficiary.objects.filter(tax_code=registration.tax_code).first()


@transaction.atomic
def registration_activate(*, registration: Registration, user: User) -> Beneficiary:
    """Link the account to the registry's beneficiary for its tax code (created if none) and let it sign in."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise RegistrationNotPending(_("Đăng ký này đã được xử lý."))
    beneficiary = registry_match(registration)
    if beneficiary is None:
        beneficiary = Beneficiary.objects.create(
            name=registration.name,
            kind=registration.kind,
            tax_code=registration.tax_code,
            address=registration.address,
            administrative_unit=registration.administrative_unit,
            representative=registration.representative,
            phone=registration.phone,
        )
    registration.status = RegistrationStatus.ACTIVATED
    registration.beneficiary = beneficiary
    registration.decided_by = user
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "beneficiary", "decided_by", "decided_at"])
    account = registration.user
    account.beneficiary = beneficiary
    account.is_active = True
    account.save(update_fields=["beneficiary", "is_active"])
    return beneficiary


@transaction.atomic
def registration_refuse(*, registration: Registration, user: User, reason: str) -> None:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise RegistrationNotPending(_("Đăng ký này đã được xử lý."))
    if not reason.strip():
        raise RegistrationInvalid([Problem("refusal_reason", _("Cần ghi rõ lý do không chấp nhận."))])
    registration.status = RegistrationStatus.REFUSED
    registration.refusal_reason = reason.strip()
    registration.decided_by = user
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
