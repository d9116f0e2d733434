"""Field inspection: recorded by the Department with its minutes; acceptance waits for it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from execution.models import Inspection
from execution.services import InspectionInvalid, inspection_record
from projects.models import Project, ProjectStatus
from projects.services import InspectionMissing, project_transition
from tests.execution_support import DAY, UNDER_WAY, attach, client_for, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(demo):
    project = Project.objects.get(code=UNDER_WAY)
    # The demo may carry an inspection already: each test starts from a project not yet inspected.
    Inspection.objects.filter(project=project).delete()
    return project


def _record(project, user, **changes):
    fields = {
        "project": project,
        "inspected_on": DAY,
        "verified_percent": Decimal("55.5"),
        "findings": "Máy đã lắp đặt, đang chạy thử.",
        "minutes_file": pdf_upload(),
        "user": user,
    }
    fields.update(changes)
    return inspection_record(**fields)


def test_acceptance_is_refused_until_an_inspection_is_recorded(project, personas):
    attach(project, "acceptance_minutes", personas.staff)
    with pytest.raises(InspectionMissing, match="Chưa nghiệm thu được: Sở chưa ghi kết quả kiểm tra hiện trường"):
        project_transition(project=project, action="accept", user=personas.leader)
    project.refresh_from_db()
    assert project.status == ProjectStatus.UNDER_WAY
    _record(project, personas.staff)
    project_transition(project=project, action="accept", user=personas.leader)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED


def test_an_inspection_alone_does_not_replace_the_acceptance_minutes(project, personas):
    _record(project, personas.staff)
    with pytest.raises(Exception, match="Biên bản nghiệm thu: cần ít nhất 1, đã có 0"):
        project_transition(project=project, action="accept", user=personas.leader)


def test_the_acceptance_page_says_the_inspection_is_missing(project, personas):
    attach(project, "acceptance_minutes", personas.staff)
    page = client_for(personas.staff).post(reverse("projects:action", args=[project.pk, "accept"]), follow=True)
    assert "Sở chưa ghi kết quả kiểm tra hiện trường" in page.content.decode()
    project.refresh_from_db()
    assert project.status == ProjectStatus.UNDER_WAY


def test_projects_before_the_rule_are_accepted_without_an_inspection(demo, personas):
    project = Project.objects.filter(programme=demo.hn2016, status=ProjectStatus.UNDER_WAY).first()
    assert project is not None
    project_transition(project=project, action="accept", user=personas.leader)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED


def test_an_inspection_keeps_the_reported_and_verified_percentages_and_its_minutes(project, personas):
    inspection = _record(project, personas.staff)
    inspection.refresh_from_db()
    assert inspection.verified_percent == Decimal("55.50")
    assert inspection.minutes.kind.code == "inspection_minutes"
    assert inspection.minutes.project_id == project.pk
    assert inspection.recorded_by == personas.staff
    with inspection.minutes.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"minutes_file": None}, "minutes", "Cần đính kèm biên bản kiểm tra hiện trường."),
        ({"verified_percent": Decimal("100.5")}, "verified_percent", "Tỷ lệ xác minh phải từ 0 đến 100%."),
        ({"verified_percent": Decimal("-1")}, "verified_percent", "Tỷ lệ xác minh phải từ 0 đến 100%."),
        ({"verified_percent": None}, "verified_percent", "Cần ghi tỷ lệ khối lượng đã xác minh."),
        ({"inspected_on": None}, "inspected_on", "Cần ghi ngày kiểm tra."),
        ({"inspected_on": DAY.replace(year=2099)}, "inspected_on", "Ngày kiểm tra không được sau hôm nay."),
        ({"inspected_on": DAY.replace(month=1)}, "inspected_on", "Ngày kiểm tra không được trước ngày bắt đầu đề án."),
    ],
)
def test_an_inspection_is_refused_with_its_message(project, personas, changes, field, message):
    with pytest.raises(InspectionInvalid) as refused:
        _record(project, personas.staff, **changes)
    assert refused.value.errors[field] == message
    assert not Inspection.objects.filter(project=project).exists()


def test_a_proposal_not_under_way_is_not_inspected(demo, personas):
    proposal = Project.objects.get(code="HN2027-PN-DN2")
    with pytest.raises(InspectionInvalid, match="Chỉ kiểm tra hiện trường đề án đang thực hiện."):
        _record(proposal, personas.staff)


def test_the_page_records_an_inspection_with_its_minutes(project, personas):
    client = client_for(personas.staff)
    url = reverse("execution:inspection_create", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"inspected_on": "10/06/2026", "verified_percent": "60", "findings": "Đạt", "minutes": pdf_upload()},
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(project=project)
    assert inspection.verified_percent == Decimal(60)
    detail = client_for(personas.doanhnghiep).get(reverse("execution:inspection_detail", args=[inspection.pk]))
    assert detail.status_code == 200
    assert "60%" in detail.content.decode()


def test_the_page_shows_a_refusal_beside_its_field(project, personas):
    url = reverse("execution:inspection_create", args=[project.pk])
    page = client_for(personas.staff).post(url, {"inspected_on": "10/06/2026", "verified_percent": "120"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tỷ lệ xác minh phải từ 0 đến 100%." in text
    assert "Cần đính kèm biên bản kiểm tra hiện trường." in text


def test_only_the_department_records_an_inspection(project, personas):
    url = reverse("execution:inspection_create", args=[project.pk])
    assert client_for(personas.doanhnghiep).post(url).status_code == 403
    assert client_for(personas.xa).post(url).status_code == 403
    assert client_for(personas.bacninh).post(url).status_code == 404


def test_another_beneficiarys_and_another_provinces_inspection_answer_404(project, personas):
    inspection = _record(project, personas.staff)
    url = reverse("execution:inspection_detail", args=[inspection.pk])
    assert client_for(personas.bacninh).get(url).status_code == 404
    assert client_for(personas.officer_b).get(url).status_code == 404
    other = Project.objects.get(code="HN2020-CM-001")
    outsider = Inspection.objects.create(
        project=other, inspected_on=DAY, verified_percent=10, minutes=attach(other, "inspection_minutes")
    )
    assert (
        client_for(personas.doanhnghiep).get(reverse("execution:inspection_detail", args=[outsider.pk])).status_code
        == 404
    )
