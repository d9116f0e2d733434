"""Contractor and supervising units: records on a project, entered by the Department's staff."""

import datetime as dt

import pytest
from django.urls import reverse

from execution.models import ProjectParty
from execution.services import ProjectPartyInvalid, project_party_add
from projects.models import Project
from tests.execution_support import UNDER_WAY, client_for

pytestmark = pytest.mark.django_db
CONTRACTOR = {
    "role": "contractor",
    "name": "Công ty TNHH Thiết bị Mây tre Việt",
    "tax_code": "0103887658",
    "contract_number": "21/2026/HĐKT",
    "contract_date": dt.date(2026, 4, 2),
}


def test_the_department_records_a_contractor_and_a_supervisor(demo, personas):
    project = Project.objects.get(code=UNDER_WAY)
    contractor = project_party_add(project=project, user=personas.staff, **CONTRACTOR)
    supervisor = project_party_add(
        project=project, user=personas.staff, **{**CONTRACTOR, "role": "supervisor", "name": "Công ty Tư vấn"}
    )
    assert (contractor.tax_code, contractor.recorded_by) == ("0103887658", personas.staff)
    assert supervisor.get_role_display() == "Đơn vị giám sát"
    page = client_for(personas.doanhnghiep).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Công ty TNHH Thiết bị Mây tre Việt" in page
    assert "21/2026/HĐKT, 02/04/2026" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"tax_code": "0100109107"}, "tax_code", "Mã số thuế"),
        ({"tax_code": "12"}, "tax_code", "Mã số thuế gồm 10 hoặc 13 chữ số (ví dụ 0100109106 hoặc 0100109106-001)."),
        ({"name": " "}, "name", "Cần ghi tên đơn vị."),
        ({"contract_number": ""}, "contract_number", "Cần ghi số hợp đồng."),
        ({"contract_date": None}, "contract_date", "Cần ghi ngày hợp đồng."),
        ({"contract_date": dt.date(2099, 1, 1)}, "contract_date", "Ngày hợp đồng không được sau hôm nay."),
        ({"role": "owner"}, "role", "Chọn vai trò: đơn vị thi công, cung cấp hoặc đơn vị giám sát."),
    ],
)
def test_a_unit_is_refused_with_its_message(demo, personas, changes, field, message):
    project = Project.objects.get(code=UNDER_WAY)
    with pytest.raises(ProjectPartyInvalid) as refused:
        project_party_add(project=project, user=personas.staff, **{**CONTRACTOR, **changes})
    assert refused.value.errors[field].startswith(message)
    assert not ProjectParty.objects.filter(project=project, name=CONTRACTOR["name"]).exists()


def test_the_same_unit_is_recorded_once_per_role(demo, personas):
    project = Project.objects.get(code=UNDER_WAY)
    project_party_add(project=project, user=personas.staff, **CONTRACTOR)
    with pytest.raises(ProjectPartyInvalid, match="đã được ghi cho đề án với vai trò này"):
        project_party_add(project=project, user=personas.staff, **{**CONTRACTOR, "tax_code": "010 388 7658"})


def test_the_page_records_a_unit_and_only_the_department_may(demo, personas):
    project = Project.objects.get(code=UNDER_WAY)
    url = reverse("execution:party_create", args=[project.pk])
    data = {**CONTRACTOR, "contract_date": "02/04/2026"}
    assert client_for(personas.doanhnghiep).post(url, data).status_code == 403
    assert client_for(personas.xa).post(url, data).status_code == 403
    assert client_for(personas.bacninh).post(url, data).status_code == 404
    assert client_for(personas.staff).post(url, data).status_code == 302
    assert ProjectParty.objects.filter(project=project, name=CONTRACTOR["name"]).count() == 1
