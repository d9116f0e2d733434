"""Appraisal by an officer or a council: a dated checklist, a score, a conclusion and signed minutes; a passed
appraisal takes the life cycle's «Thẩm định» step (the Department's, then the ministry's for a national project)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from execution.models import Appraisal, AppraisalCriterion
from execution.rules import criteria_in_force
from execution.services import AppraisalInvalid, CriterionAnswer, appraisal_record
from projects.models import Project, ProjectStatus
from projects.services import AppraisalMissing, project_transition
from tests.execution_support import client_for, pdf_upload

pytestmark = pytest.mark.django_db
MEMBERS = (
    "Nguyễn Văn An — Phó Giám đốc Sở, Chủ tịch\nTrần Thị Bình — Trung tâm Khuyến công\nLê Văn Cường — Phòng Tài chính"
)


@pytest.fixture
def proposed(demo, personas):
    """A 2027 proposal waiting for the Department's appraisal (the checklist of 2026 on applies)."""
    project = Project.objects.get(code="HN2027-PN-002")
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.PROPOSED)
    project.refresh_from_db()
    return project


def _answers(project, *, points=None, met=True):
    return {
        c.pk: CriterionAnswer(met=met, points=Decimal(points if points is not None else c.max_points - 2), note="")
        for c in criteria_in_force(project)
    }


def _record(project, user, **changes):
    fields = {
        "project": project,
        "mode": "council",
        "council_decision_number": "125/QĐ-SCT",
        "council_decision_date": dt.date(2026, 11, 2),
        "council_members": MEMBERS,
        "answers": _answers(project),
        "conclusion": "passed",
        "opinion": "Đề án khả thi.",
        "minutes_file": pdf_upload("bien-ban-tham-dinh.pdf"),
        "user": user,
    }
    fields.update(changes)
    return appraisal_record(**fields)


def test_the_checklist_is_versioned_data(proposed):
    codes = [c.code for c in criteria_in_force(proposed)]
    assert codes == ["doi-tuong", "kha-thi", "doi-ung", "dinh-muc", "bao-gia", "moi-truong"]
    AppraisalCriterion.objects.filter(code="moi-truong").update(valid_to=dt.date(2026, 12, 31))
    assert "moi-truong" not in [c.code for c in criteria_in_force(proposed)]


def test_a_council_appraisal_moves_the_project_and_keeps_its_record(proposed, personas):
    appraisal = _record(proposed, personas.staff)
    proposed.refresh_from_db()
    assert proposed.status == ProjectStatus.APPRAISED_DEPARTMENT
    assert appraisal.level == "department"
    assert appraisal.transition.action == "appraise"
    assert appraisal.transition.actor == personas.staff
    assert appraisal.score == Decimal(100 - 12)
    assert appraisal.max_score == Decimal(100)
    assert appraisal.answers.count() == 6
    assert appraisal.minutes.kind.code == "minutes"
    assert appraisal.members[0].startswith("Nguyễn Văn An")


def test_the_appraise_step_is_refused_without_its_record(proposed, personas):
    with pytest.raises(AppraisalMissing, match="Chưa thẩm định được: cần ghi phiếu thẩm định"):
        project_transition(project=proposed, action="appraise", user=personas.staff)
    page = client_for(personas.staff).post(reverse("projects:action", args=[proposed.pk, "appraise"]), follow=True)
    assert "Chưa thẩm định được: cần ghi phiếu thẩm định" in page.content.decode()


def test_older_projects_are_appraised_without_a_record(demo, personas):
    project = Project.objects.get(code="HN2020-CM-001")
    project_transition(project=project, action="propose", user=personas.officer_a)
    project_transition(project=project, action="appraise", user=personas.staff)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPRAISED_DEPARTMENT


def test_a_failed_appraisal_is_recorded_and_leaves_the_project_waiting(proposed, personas):
    appraisal = _record(proposed, personas.staff, conclusion="failed", answers=_answers(proposed, met=False, points=3))
    proposed.refresh_from_db()
    assert proposed.status == ProjectStatus.PROPOSED
    assert appraisal.transition is None
    with pytest.raises(AppraisalMissing):
        project_transition(project=proposed, action="appraise", user=personas.staff)


def test_a_national_project_carries_the_departments_appraisal_and_then_the_ministrys(demo, personas):
    project = Project.objects.filter(programme__code="KCQG-2014-2018").first()
    # A national project of 2026 on: the rule in force asks for both records.
    Project.objects.filter(pk=project.pk).update(
        status=ProjectStatus.PROPOSED,
        settled_amount=None,
        year=2026,
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 11, 30),
    )
    project.refresh_from_db()
    assert project.needs_ministry_appraisal
    _record(project, personas.staff, mode="officer", council_decision_number="", council_members="")
    with pytest.raises(AppraisalMissing):
        project_transition(project=project, action="appraise", user=personas.bo)
    _record(project, personas.bo)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPRAISED_MINISTRY
    assert list(project.appraisals.values_list("level", "mode")) == [("department", "officer"), ("ministry", "council")]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"council_decision_number": ""}, "council_decision_number", "Cần ghi số quyết định thành lập hội đồng."),
        ({"council_decision_date": None}, "council_decision_date", "Cần ghi ngày quyết định thành lập hội đồng."),
        (
            {"council_members": "Nguyễn Văn An\nTrần Thị Bình"},
            "council_members",
            "Hội đồng cần ít nhất 3 thành viên, mỗi dòng một người.",
        ),
        ({"conclusion": ""}, "conclusion", "Cần ghi kết luận thẩm định."),
        ({"minutes_file": None}, "minutes", "Cần đính kèm biên bản thẩm định có chữ ký."),
        ({"mode": "x"}, "mode", "Chọn hình thức thẩm định: cán bộ hoặc hội đồng."),
    ],
)
def test_an_appraisal_is_refused_with_its_message(proposed, personas, changes, field, message):
    with pytest.raises(AppraisalInvalid) as refused:
        _record(proposed, personas.staff, **changes)
    assert refused.value.errors[field] == message
    assert not Appraisal.objects.filter(project=proposed).exists()


def test_every_criterion_is_answered_within_its_points(proposed, personas):
    answers = _answers(proposed)
    first, second = list(answers)[:2]
    del answers[first]
    answers[second] = CriterionAnswer(met=True, points=Decimal(99))
    with pytest.raises(AppraisalInvalid) as refused:
        _record(proposed, personas.staff, answers=answers)
    assert (
        refused.value.errors[f"criterion_{first}_points"]
        == "Chưa đánh giá tiêu chí «Đúng đối tượng và ngành nghề được hỗ trợ»."
    )
    assert (
        refused.value.errors[f"criterion_{second}_points"] == "Điểm tiêu chí «Tính khả thi của đề án» phải từ 0 đến 20."
    )


def test_a_pass_with_a_failed_criterion_is_refused(proposed, personas):
    answers = _answers(proposed)
    key = list(answers)[0]
    answers[key] = CriterionAnswer(met=False, points=Decimal(0))
    with pytest.raises(AppraisalInvalid, match="Kết luận «Đạt» khi còn tiêu chí không đạt"):
        _record(proposed, personas.staff, answers=answers)


def test_the_page_records_a_council_appraisal(proposed, personas):
    client = client_for(personas.staff)
    url = reverse("execution:appraisal_create", args=[proposed.pk])
    assert client.get(url).status_code == 200
    data = {
        "mode": "council",
        "council_decision_number": "125/QĐ-SCT",
        "council_decision_date": "02/11/2026",
        "council_members": MEMBERS,
        "conclusion": "passed",
        "opinion": "Đạt",
        "minutes": pdf_upload(),
    }
    for c in criteria_in_force(proposed):
        data[f"criterion_{c.pk}_met"] = "1"
        data[f"criterion_{c.pk}_points"] = str(c.max_points)
    response = client.post(url, data)
    assert response.status_code == 302
    appraisal = Appraisal.objects.get(project=proposed)
    page = client_for(personas.staff).get(reverse("execution:appraisal_detail", args=[appraisal.pk])).content.decode()
    assert "125/QĐ-SCT" in page
    assert "100 / 100" in page


def test_who_may_appraise_and_read_an_appraisal(proposed, personas):
    url = reverse("execution:appraisal_create", args=[proposed.pk])
    assert client_for(personas.officer_a).get(url).status_code in (403, 404)
    assert client_for(personas.xa).get(url).status_code == 403
    assert client_for(personas.bacninh).get(url).status_code == 404
    appraisal = _record(proposed, personas.staff)
    detail = reverse("execution:appraisal_detail", args=[appraisal.pk])
    assert client_for(personas.bacninh).get(detail).status_code == 404
    assert client_for(personas.doanhnghiep).get(detail).status_code == 404  # another enterprise's proposal
    assert client_for(personas.officer_b).get(detail).status_code == 404
    assert client_for(personas.viewer).get(detail).status_code == 200
