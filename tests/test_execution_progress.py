"""Monthly progress reports: one per project and month, photos keep their EXIF date and GPS, due by the rule."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from execution.models import ExecutionRule, Inspection, ProgressReport
from execution.rules import report_due_on
from execution.services import ProgressReportInvalid, inspection_record, progress_report_submit
from projects.models import Project
from tests import hostile_files
from tests.execution_support import UNDER_WAY, client_for, pdf_upload

pytestmark = pytest.mark.django_db
SEPTEMBER = dt.date(2026, 9, 1)
GPS = ((20, 57, 36), (105, 40, 30))  # Phú Nghĩa, Hà Nội


def _photo(name: str = "may-dan.jpg") -> SimpleUploadedFile:
    data = hostile_files.jpeg(taken="2026:09:12 09:30:00", gps=GPS, size=(640, 480), exif_script=True)
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.fixture
def project(demo):
    project = Project.objects.get(code=UNDER_WAY)
    # The demo carries two reports already: each test starts from a project with none.
    ProgressReport.objects.filter(project=project).delete()
    return project


def _submit(project, user, **changes):
    fields = {
        "project": project,
        "month": SEPTEMBER,
        "percent_done": Decimal("40"),
        "delivered": "Lắp đặt 2 máy đan mây tự động.",
        "photos": [_photo()],
        "user": user,
    }
    fields.update(changes)
    return progress_report_submit(**fields)


def test_a_report_keeps_its_photos_with_the_exif_date_and_position_and_nothing_else(project, personas):
    report = _submit(project, personas.doanhnghiep)
    photo = report.photos.get()
    assert photo.kind.code == "photo"
    assert timezone.localtime(photo.taken_at).strftime("%d/%m/%Y %H:%M") == "12/09/2026 09:30"
    assert photo.latitude == Decimal("20.960000")
    assert photo.longitude == Decimal("105.675000")
    with photo.file.open("rb") as stored:
        data = stored.read()
    assert data.startswith(b"\xff\xd8")
    assert b"<script" not in data
    assert b"php" not in data
    with photo.thumbnail.open("rb") as thumb:
        assert thumb.read().startswith(b"\xff\xd8")
    assert (photo.width, photo.height) == (640, 480)


def test_the_report_page_shows_each_photo_with_its_date_and_gps(project, personas):
    report = _submit(project, personas.doanhnghiep)
    page = client_for(personas.doanhnghiep).get(reverse("execution:progress_detail", args=[report.pk])).content.decode()
    assert "12/09/2026 09:30" in page
    assert "20,96, 105,675" in page
    assert reverse("attachments:thumbnail", args=[report.photos.get().pk]) in page
    assert "40%" in page


def test_the_deadline_day_is_reference_data(project):
    assert report_due_on(project, SEPTEMBER) == dt.date(2026, 9, 25)
    ExecutionRule.objects.filter(valid_from=dt.date(2026, 1, 1)).update(report_deadline_day=20)
    assert report_due_on(project, SEPTEMBER) == dt.date(2026, 9, 20)


def test_a_report_after_the_deadline_is_taken_and_marked_late(project, personas):
    report = _submit(project, personas.doanhnghiep, month=dt.date(2026, 3, 1))
    assert report.due_on == dt.date(2026, 3, 25)
    assert report.submitted_late


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"percent_done": Decimal("101")}, "percent_done", "Tỷ lệ hoàn thành phải từ 0 đến 100%."),
        ({"percent_done": None}, "percent_done", "Cần ghi tỷ lệ hoàn thành."),
        ({"delivered": "  "}, "delivered", "Cần ghi khối lượng đã thực hiện trong tháng."),
        ({"month": None}, "month", "Cần ghi tháng báo cáo (tháng/năm, ví dụ 06/2026)."),
        ({"month": dt.date(2099, 1, 1)}, "month", "Không báo cáo trước cho tháng chưa đến."),
        ({"month": dt.date(2026, 1, 1)}, "month", "Tháng báo cáo trước khi đề án bắt đầu."),
    ],
)
def test_a_report_is_refused_with_its_message(project, personas, changes, field, message):
    with pytest.raises(ProgressReportInvalid) as refused:
        _submit(project, personas.doanhnghiep, **changes)
    assert refused.value.errors[field] == message
    assert not ProgressReport.objects.filter(project=project).exists()


def test_one_report_per_project_and_month(project, personas):
    _submit(project, personas.doanhnghiep)
    with pytest.raises(ProgressReportInvalid, match="Đề án đã có báo cáo tiến độ tháng 09/2026."):
        _submit(project, personas.staff, percent_done=Decimal(50))


def test_the_percentage_does_not_go_back(project, personas):
    _submit(project, personas.doanhnghiep)
    with pytest.raises(ProgressReportInvalid, match=r"không được thấp hơn tháng 09/2026 \(40%\)"):
        _submit(project, personas.doanhnghiep, month=dt.date(2026, 10, 1), percent_done=Decimal(30))


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_kept(project, personas):
    before = project.attachments.count()
    with pytest.raises(ProgressReportInvalid, match="Ảnh «bien-ban.pdf»"):
        _submit(project, personas.doanhnghiep, photos=[_photo(), pdf_upload()])
    assert project.attachments.count() == before
    assert not ProgressReport.objects.filter(project=project).exists()


def test_a_proposal_not_under_way_has_no_progress_report(demo, personas):
    proposal = Project.objects.get(code="HN2027-PN-DN2")
    with pytest.raises(ProgressReportInvalid, match="Chỉ báo cáo tiến độ đề án đang thực hiện."):
        _submit(proposal, personas.doanhnghiep)


def test_the_inspection_shows_the_last_reported_percentage(project, personas):
    Inspection.objects.filter(project=project).delete()
    _submit(project, personas.doanhnghiep)
    _submit(project, personas.doanhnghiep, month=dt.date(2026, 10, 1), percent_done=Decimal("62.5"), photos=[])
    inspection = inspection_record(
        project=project,
        inspected_on=dt.date(2026, 10, 20),
        verified_percent=Decimal(60),
        findings="",
        minutes_file=pdf_upload(),
        user=personas.staff,
    )
    assert inspection.reported_percent == Decimal("62.50")


def test_the_beneficiary_sends_a_report_with_photos_through_the_page(project, personas):
    client = client_for(personas.doanhnghiep)
    url = reverse("execution:progress_create", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "month": "09/2026",
            "percent_done": "45,5",
            "delivered": "Chạy thử máy",
            "photos": [_photo(), _photo("b.jpg")],
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(project=project)
    assert report.percent_done == Decimal("45.5")
    assert report.photos.count() == 2
    assert report.reported_by == personas.doanhnghiep
    project_page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "09/2026" in project_page
    assert "45,5%" in project_page


def test_the_page_marks_a_bad_month(project, personas):
    url = reverse("execution:progress_create", args=[project.pk])
    page = client_for(personas.doanhnghiep).post(url, {"month": "13/2026", "percent_done": "10", "delivered": "x"})
    assert "Tháng không hợp lệ: hãy nhập tháng/năm, ví dụ 06/2026." in page.content.decode()


def test_who_may_send_a_report(project, personas):
    url = reverse("execution:progress_create", args=[project.pk])
    assert client_for(personas.staff).get(url).status_code == 200
    assert client_for(personas.xa).get(url).status_code == 200  # the commune officer, for the enterprise
    assert client_for(personas.viewer).get(url).status_code == 403
    assert client_for(personas.bacninh).get(url).status_code == 404
    assert client_for(personas.officer_b).get(url).status_code == 404


def test_another_beneficiarys_and_another_provinces_report_and_photo_answer_404(project, personas):
    report = _submit(project, personas.doanhnghiep)
    photo = report.photos.get()
    for user in (personas.bacninh, personas.officer_b):
        client = client_for(user)
        assert client.get(reverse("execution:progress_detail", args=[report.pk])).status_code == 404
        assert client.get(reverse("attachments:thumbnail", args=[photo.pk])).status_code == 404
        assert client.get(reverse("attachments:download", args=[photo.pk])).status_code == 404
    other = Project.objects.get(code="HN2020-CM-001")
    outsider = ProgressReport.objects.create(
        project=other,
        month=dt.date(2020, 5, 1),
        percent_done=10,
        delivered="x",
        reported_at=report.reported_at,
    )
    url = reverse("execution:progress_detail", args=[outsider.pk])
    assert client_for(personas.doanhnghiep).get(url).status_code == 404
