"""Proposals online: the beneficiary writes, the one validator answers field by field, the dossier is complete
before it is sent, and a return comes back to the level that asked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from attachments.models import AttachmentKind
from attachments.services import attachment_upload
from projects.models import Project, ProjectStatus
from projects.services import DocumentsMissing, project_transition
from tests import hostile_files


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _attach(project, kind: str, count: int, user=None) -> None:
    for n in range(count):
        upload = SimpleUploadedFile(f"{kind}-{n + 1}.pdf", hostile_files.pdf())
        attachment_upload(project=project, kind=AttachmentKind.objects.get(code=kind), upload=upload, user=user)


@pytest.fixture
def today_programme(demo):
    from programs.models import Programme

    return Programme.objects.get(code="HN-KCDP-2026-2030")


def _proposal(programme, beneficiary, **changes) -> dict:
    data = {
        "programme": programme.pk,
        "year": 2027,
        "content": programme.contents.get(number="3").pk,
        "kind": "pilot",
        "title": "Hỗ trợ máy chuốt nan tự động",
        "administrative_unit": beneficiary.administrative_unit_id,
        "support_national": 0,
        "support_local": 150_000_000,
        "counterpart": 150_000_000,
        "total_cost": 300_000_000,
        "start_date": "2027-03-01",
        "end_date": "2027-10-31",
        "description": "",
    }
    data.update(changes)
    return data


def test_the_validator_answers_field_by_field_before_the_proposal_is_saved(personas, today_programme):
    client = _client(personas.doanhnghiep)
    beneficiary = personas.doanhnghiep.beneficiary
    before = Project.objects.count()
    page = client.post(
        reverse("portal:proposal_create"), _proposal(today_programme, beneficiary, total_cost=200_000_000)
    ).content.decode()
    assert "Tổng chi phí đề án phải bằng kinh phí hỗ trợ cộng vốn đối ứng (300.000.000 đồng)." in page
    page = client.post(
        reverse("portal:proposal_create"), _proposal(today_programme, beneficiary, end_date="2027-01-01")
    ).content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page
    too_much = _proposal(
        today_programme, beneficiary, support_local=5_000_000_000, counterpart=5_000_000_000, total_cost=10_000_000_000
    )
    page = client.post(reverse("portal:proposal_create"), too_much).content.decode()
    assert "vượt mức tối đa" in page
    assert Project.objects.count() == before
    response = client.post(reverse("portal:proposal_create"), _proposal(today_programme, beneficiary))
    assert response.status_code == 302
    project = Project.objects.get(title="Hỗ trợ máy chuốt nan tự động")
    assert project.status == ProjectStatus.DRAFT
    assert list(project.beneficiaries.all()) == [beneficiary]
    assert project.created_by == personas.doanhnghiep
    assert project.implementing_organisation == today_programme.owner


def test_a_machinery_proposal_is_not_sent_without_three_quotations(personas):
    project = Project.objects.get(code="HN2027-PN-DN2")  # returned for its missing quotation
    client = _client(personas.doanhnghiep)
    url = reverse("projects:action", args=[project.pk, "propose"])
    page = client.post(url, follow=True).content.decode()
    assert "Chưa gửi được, hồ sơ còn thiếu: Hồ sơ đề án: cần ít nhất 1, đã có 0" in page
    assert "Báo giá: cần ít nhất 3, đã có 0" in page
    _attach(project, "dossier", 1, personas.doanhnghiep)
    _attach(project, "quotation", 2, personas.doanhnghiep)
    page = client.post(url, follow=True).content.decode()
    assert "Báo giá: cần ít nhất 3, đã có 2" in page
    project.refresh_from_db()
    assert project.status == ProjectStatus.RETURNED
    _attach(project, "quotation", 1, personas.doanhnghiep)
    client.post(url)
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED  # returned by the Department: back to its appraisal
    assert project.transitions.order_by("-at", "-id").first().actor == personas.doanhnghiep


def test_the_rule_holds_for_every_way_in(personas):
    project = Project.objects.get(code="HN2027-PN-DN2")
    with pytest.raises(DocumentsMissing):
        project_transition(project=project, action="propose", user=personas.staff)


def test_a_return_by_the_ministry_comes_back_to_the_ministry(personas):
    project = Project.objects.get(code="KCQG2016-HN-003")
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.APPRAISED_DEPARTMENT)
    project.refresh_from_db()
    client = _client(personas.bo)
    client.post(reverse("projects:action", args=[project.pk, "return"]), {"comment": "Bổ sung thuyết minh công nghệ"})
    project.refresh_from_db()
    assert project.status == ProjectStatus.RETURNED
    project_transition(project=project, action="propose", user=personas.staff, comment="Đã bổ sung")
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPRAISED_DEPARTMENT


def test_a_return_by_the_department_comes_back_to_the_department(personas):
    project = Project.objects.get(code="HN2027-PN-001")  # proposed by the commune
    project_transition(project=project, action="return", user=personas.staff, comment="Thiếu danh sách học viên")
    project_transition(project=project, action="propose", user=personas.xa, comment="")
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED


def test_the_beneficiary_edits_only_its_own_drafts_and_returned_proposals(personas):
    client = _client(personas.doanhnghiep)
    returned = Project.objects.get(code="HN2027-PN-DN2")
    under_way = Project.objects.get(code="HN2026-PN-DN1")
    other = Project.objects.get(code="HN2027-PN-002")
    assert client.get(reverse("portal:proposal_edit", args=[returned.pk])).status_code == 200
    assert client.get(reverse("portal:proposal_edit", args=[under_way.pk])).status_code == 403
    assert client.get(reverse("portal:proposal_edit", args=[other.pk])).status_code == 404
    assert _client(personas.staff).get(reverse("portal:proposal_edit", args=[returned.pk])).status_code == 403


def test_acceptance_is_refused_until_the_acceptance_minutes_are_attached(personas):
    project = Project.objects.get(code="HN2026-PN-DN1")  # under way
    client = _client(personas.staff)
    url = reverse("projects:action", args=[project.pk, "accept"])
    page = client.post(url, follow=True).content.decode()
    assert "Chưa nghiệm thu được, hồ sơ còn thiếu: Biên bản nghiệm thu: cần ít nhất 1, đã có 0" in page
    _attach(project, "inspection_minutes", 1, personas.staff)  # another kind of minutes does not do
    client.post(url)
    project.refresh_from_db()
    assert project.status == ProjectStatus.UNDER_WAY
    _attach(project, "acceptance_minutes", 1, personas.staff)
    # The minutes alone do not do either: the Department's field inspection is recorded first
    # (tests/test_execution_inspection.py).
    from execution.models import Inspection

    Inspection.objects.filter(project=project).delete()
    client.post(url)
    project.refresh_from_db()
    assert project.status == ProjectStatus.UNDER_WAY
    Inspection.objects.create(
        project=project,
        inspected_on=project.start_date,
        verified_percent=100,
        minutes=project.attachments.filter(kind__code="inspection_minutes").first(),
        recorded_by=personas.staff,
    )
    client.post(url)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED


def test_the_proposal_form_reads_money_and_dates_as_vietnamese_write_them(personas, today_programme):
    beneficiary = personas.doanhnghiep.beneficiary
    typed = _proposal(
        today_programme,
        beneficiary,
        support_national="",
        support_local="150.000.000",
        counterpart="150.000.000",
        total_cost="300.000.000",
        start_date="01/03/2027",
        end_date="31/10/2027",
    )
    response = _client(personas.doanhnghiep).post(reverse("portal:proposal_create"), typed)
    assert response.status_code == 302
    project = Project.objects.get(title="Hỗ trợ máy chuốt nan tự động")
    assert (project.support_national, project.support_local, project.total_cost) == (0, 150_000_000, 300_000_000)
    assert (project.start_date.isoformat(), project.end_date.isoformat()) == ("2027-03-01", "2027-10-31")
    page = _client(personas.doanhnghiep).get(reverse("portal:proposal_edit", args=[project.pk])).content.decode()
    assert 'value="150.000.000"' in page
    assert 'value="01/03/2027"' in page
