"""Beneficiaries online: registration by tax code, activation against the registry, own records only, plain statuses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AdministrativeUnit, Role, UnitLevel, User
from attachments.models import AttachmentKind
from attachments.services import attachment_upload
from khuyencong.taxcode import TaxCodeInvalid, normalize_tax_code
from portal.models import Registration, RegistrationStatus
from portal.services import RegistrationData, registration_activate, registration_problems, registration_submit
from projects.models import Beneficiary, Project, ProjectStatus
from projects.plain_status import plain_status
from projects.services import project_transition
from tests import hostile_files

NEW_TAX_CODE = "0108877117"
RETURN_REASON = "Thiếu báo giá thứ ba của dây chuyền sấy mây tre (cần ít nhất ba báo giá)."


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def phu_nghia(demo):
    return AdministrativeUnit.objects.valid_on(timezone.localdate()).get(
        name="Xã Phú Nghĩa", level=UnitLevel.COMMUNE, parent__code="01"
    )


def _form(unit, **changes) -> dict:
    data = {
        "tax_code": NEW_TAX_CODE,
        "name": "Công ty TNHH Gốm Bát Tràng Xanh",
        "kind": "enterprise",
        "address": "Số 5, thôn Giang Cao",
        "administrative_unit": unit.pk,
        "representative": "Nguyễn Thị Gốm",
        "phone": "0912 345 678",
        "email": "gom@example.com",
        "username": "gomxanh",
        "password": "Men-gom-2027!",
    }
    data.update(changes)
    return data


def _data(unit, **changes) -> RegistrationData:
    fields = _form(unit, **changes)
    fields["administrative_unit"] = unit
    return RegistrationData(**fields)


# --- The tax code --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0100109106", "0100109106"), ("0100109106-001", "0100109106-001"), (" 0100 109 106 001 ", "0100109106-001")],
)
def test_a_valid_tax_code_is_stored_in_one_form(typed, stored):
    assert normalize_tax_code(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0100109107", "sai chữ số kiểm tra"),  # Viettel's code with its last digit changed
        ("010010910", "10 hoặc 13 chữ số"),
        ("01001091061", "10 hoặc 13 chữ số"),
        ("01001O9106", "10 hoặc 13 chữ số"),
        ("0100109106-000", "từ 001 đến 999"),
    ],
)
def test_a_wrong_tax_code_is_refused_with_the_reason(typed, message):
    with pytest.raises(TaxCodeInvalid, match=message):
        normalize_tax_code(typed)


# --- Registration and activation -----------------------------------------------------------------


def test_a_registration_waits_and_its_account_cannot_sign_in(client, phu_nghia):
    response = client.post(reverse("portal:register"), _form(phu_nghia))
    assert response.status_code == 200
    assert "đang chờ Sở Công Thương kiểm tra và kích hoạt" in response.content.decode()
    registration = Registration.objects.get(tax_code=NEW_TAX_CODE)
    assert registration.status == RegistrationStatus.PENDING
    assert registration.user.role == Role.BENEFICIARY
    assert not registration.user.is_active
    assert not Client().login(username="gomxanh", password="Men-gom-2027!")


def test_the_page_refuses_a_wrong_check_digit_on_the_field(client, phu_nghia):
    response = client.post(reverse("portal:register"), _form(phu_nghia, tax_code="0108877118"))
    assert "Mã số thuế 0108877118 sai chữ số kiểm tra" in response.content.decode()
    assert not Registration.objects.exists()
    assert not User.objects.filter(username="gomxanh").exists()


def test_a_commune_abolished_on_1_7_2025_is_refused(demo):
    old = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to__isnull=False).first()
    problems = registration_problems(_data(old))
    assert [p.field for p in problems] == ["administrative_unit"]
    assert "đang có hiệu lực" in problems[0].message


def test_a_second_registration_of_a_waiting_tax_code_is_refused(phu_nghia):
    registration_submit(data=_data(phu_nghia))
    problems = registration_problems(_data(phu_nghia, username="gomxanh2", tax_code="0108877117"))
    assert [p.message for p in problems] == ["Mã số thuế này đã có một đăng ký đang chờ Sở kích hoạt."]


def test_activation_creates_the_beneficiary_once_for_a_new_tax_code(phu_nghia, personas):
    registration = registration_submit(data=_data(phu_nghia))
    before = Beneficiary.objects.count()
    client = _client(personas.staff)
    assert client.get(reverse("portal:registration_list")).content.decode().count(NEW_TAX_CODE) == 1
    client.post(reverse("portal:registration_activate", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACTIVATED
    assert Beneficiary.objects.count() == before + 1
    beneficiary = Beneficiary.objects.get(tax_code=NEW_TAX_CODE)
    assert beneficiary.administrative_unit == phu_nghia
    assert beneficiary.representative == "Nguyễn Thị Gốm"
    assert User.objects.get(username="gomxanh").beneficiary == beneficiary
    assert Client().login(username="gomxanh", password="Men-gom-2027!")


def test_activation_links_to_the_registry_beneficiary_of_the_same_tax_code(phu_nghia, personas):
    existing = personas.doanhnghiep.beneficiary
    registration = registration_submit(data=_data(phu_nghia, tax_code=existing.tax_code, name="Phú Vinh (kế toán)"))
    page = _client(personas.staff).get(reverse("portal:registration_detail", args=[registration.pk]))
    assert "đã có trong danh sách đối tượng thụ hưởng: Công ty TNHH Mây tre đan Phú Vinh" in page.content.decode()
    before = Beneficiary.objects.count()
    registration_activate(registration=registration, user=personas.staff)
    assert Beneficiary.objects.count() == before
    assert User.objects.get(username="gomxanh").beneficiary == existing


def test_another_provinces_registration_answers_404_and_stays_pending(phu_nghia, personas):
    registration = registration_submit(data=_data(phu_nghia))
    client = _client(personas.bacninh)
    assert client.get(reverse("portal:registration_detail", args=[registration.pk])).status_code == 404
    assert client.post(reverse("portal:registration_activate", args=[registration.pk])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert NEW_TAX_CODE not in client.get(reverse("portal:registration_list")).content.decode()


def test_a_refusal_needs_a_reason(phu_nghia, personas):
    registration = registration_submit(data=_data(phu_nghia))
    client = _client(personas.staff)
    response = client.post(reverse("portal:registration_refuse", args=[registration.pk]), follow=True)
    assert "Cần ghi rõ lý do không chấp nhận." in response.content.decode()
    client.post(reverse("portal:registration_refuse", args=[registration.pk]), {"refusal_reason": "Sai địa chỉ"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REFUSED
    assert registration.refusal_reason == "Sai địa chỉ"
    assert not registration.user.is_active


# --- A beneficiary sees its own records only -----------------------------------------------------


def test_the_beneficiary_sees_its_own_projects_and_nothing_else(personas):
    client = _client(personas.doanhnghiep)
    listing = client.get(reverse("projects:list")).content.decode()
    assert "HN2026-PN-DN1" in listing
    assert "HN2027-PN-DN2" in listing
    assert "HN2020-CM-001" not in listing
    assert "HN2027-PN-001" not in listing
    other = Project.objects.get(code="HN2027-PN-001")  # same commune, another establishment's proposal
    assert client.get(reverse("projects:detail", args=[other.pk])).status_code == 404
    others = Beneficiary.objects.exclude(pk=personas.doanhnghiep.beneficiary_id).first()
    assert client.get(reverse("projects:beneficiary_detail", args=[others.pk])).status_code == 404
    beneficiaries = client.get(reverse("projects:beneficiary_list")).content.decode()
    assert "Mây tre đan Phú Vinh" in beneficiaries
    assert others.name not in beneficiaries
    assert "HN-2016-2020" not in client.get(reverse("programs:list")).content.decode()
    assert client.get(reverse("reports:overview", args=["HN-2016-2020"])).status_code == 404


def test_another_beneficiarys_file_answers_404(phu_nghia, personas):
    registration = registration_submit(data=_data(phu_nghia))
    registration_activate(registration=registration, user=personas.staff)
    other = User.objects.get(username="gomxanh")
    project = Project.objects.get(code="HN2026-PN-DN1")
    photo = AttachmentKind.objects.get(code="photo")
    attachment = attachment_upload(
        project=project, kind=photo, upload=SimpleUploadedFile("a.png", hostile_files.png()), user=personas.doanhnghiep
    )
    url = reverse("attachments:download", args=[attachment.pk])
    assert _client(other).get(url).status_code == 404
    assert _client(other).get(reverse("projects:detail", args=[project.pk])).status_code == 404
    assert _client(personas.doanhnghiep).get(url).status_code == 200


def test_the_beneficiary_uploads_evidence_to_its_own_project_only(personas):
    client = _client(personas.doanhnghiep)
    own = Project.objects.get(code="HN2027-PN-DN2")
    other = Project.objects.get(code="HN2027-PN-001")
    for project, status in ((own, 302), (other, 404)):
        upload = SimpleUploadedFile("bao-gia-3.pdf", hostile_files.pdf())
        response = client.post(reverse("attachments:upload", args=[project.pk]), {"kind": "quotation", "file": upload})
        assert response.status_code == status
    assert list(own.attachments.values_list("original_name", flat=True)) == ["bao-gia-3.pdf"]
    assert not other.attachments.exists()


# --- Plain statuses ------------------------------------------------------------------------------


def test_every_status_has_plain_words(demo):
    project = Project.objects.get(code="HN2027-PN-DN2")
    for status in ProjectStatus.values:
        project.status = status
        assert plain_status(project)


def test_the_beneficiarys_page_speaks_plain_words(personas):
    html = _client(personas.doanhnghiep).get(reverse("portal:home")).content.decode()
    assert f"Cần bổ sung hồ sơ: {RETURN_REASON}" in html
    assert "Đang thực hiện (kế hoạch năm 2026)" in html
    assert "Yêu cầu bổ sung" not in html
    assert "Bộ đã thẩm định" not in html  # the internal words


def test_the_statuses_follow_the_life_cycle(personas):
    project = Project.objects.get(code="HN2027-PN-DN2")
    for kind, count in (("dossier", 1), ("quotation", 3)):
        for _n in range(count):
            upload = SimpleUploadedFile("bao-gia.pdf", hostile_files.pdf())
            attachment_upload(project=project, kind=AttachmentKind.objects.get(code=kind), upload=upload, user=None)
    project_transition(project=project, action="propose", user=personas.xa, comment="Đã bổ sung báo giá")
    assert plain_status(project) == "Đang chờ Sở thẩm định"
    # The appraisal of a 2027 project is recorded with its checklist and minutes (tests/test_execution_appraisal.py).
    from decimal import Decimal

    from execution.rules import criteria_in_force
    from execution.services import CriterionAnswer, appraisal_record

    appraisal_record(
        project=project,
        mode="officer",
        answers={c.pk: CriterionAnswer(met=True, points=Decimal(c.max_points)) for c in criteria_in_force(project)},
        conclusion="passed",
        minutes_file=SimpleUploadedFile("bien-ban.pdf", hostile_files.pdf()),
        user=personas.staff,
    )
    project_transition(project=project, action="approve", user=personas.leader, comment="")
    project.refresh_from_db()
    assert plain_status(project) == "Đã được phê duyệt trong kế hoạch năm 2027"
    page = _client(personas.doanhnghiep).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Đã được phê duyệt trong kế hoạch năm 2027" in page
    assert "Các bước xử lý" not in page  # the Department's internal steps stay internal


def test_the_home_page_sends_the_beneficiary_to_its_file(personas):
    response = _client(personas.doanhnghiep).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
