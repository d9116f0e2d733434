"""The demo's project under way: two monthly reports with real photos (EXIF date and GPS kept), an inspection."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from tests.execution_support import UNDER_WAY, client_for

pytestmark = pytest.mark.django_db


def test_the_enterprises_project_has_two_reports_with_photos_and_an_inspection(demo, personas):
    project = Project.objects.get(code=UNDER_WAY)
    reports = list(project.progress_reports.order_by("month"))
    assert [(f"{r.month:%m/%Y}", r.percent_done, r.submitted_late) for r in reports] == [
        ("05/2026", Decimal(30), False),
        ("06/2026", Decimal(55), False),
    ]
    for report in reports:
        assert report.reported_by == personas.doanhnghiep
        photos = list(report.photos.all())
        assert len(photos) == 2
        for photo in photos:
            assert timezone.localtime(photo.taken_at).strftime("%m/%Y") == f"{report.month:%m/%Y}"
            assert Decimal("20.95") < photo.latitude < Decimal("20.96")
            assert photo.thumbnail
            assert photo.content_type == "image/jpeg"
    inspection = project.inspections.get()
    assert (inspection.reported_percent, inspection.verified_percent) == (Decimal(55), Decimal(50))
    assert inspection.minutes.content_type == "application/pdf"
    assert project.parties.get().name == "Công ty CP Cơ khí Phú Xuyên"
    page = client_for(personas.doanhnghiep).get(reverse("execution:progress_detail", args=[reports[0].pk]))
    assert page.status_code == 200
    assert "20,95" in page.content.decode()
