"""The unit picker: today's communes offered, old units searched without diacritics on the record's date,
never another province's; the validator holds the place to the project's period, on the page and in the import."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AdministrativeUnit
from projects.forms import BeneficiaryForm, ProjectForm
from projects.models import Beneficiary, Project

PHU_NGHIA = "10030"


def _search(user, **params) -> list[dict]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("projects:unit_search"), params)
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def chuong_my(personas) -> AdministrativeUnit:
    return personas.officer_a.organisation.administrative_unit


def test_it_finds_a_commune_of_today_typed_without_diacritics(demo, personas):
    labels = [unit["label"] for unit in _search(personas.staff, q="phu nghia", on="2026")]
    assert "Xã Phú Nghĩa" in labels
    assert all("(đến " not in label for label in labels), "only units in force in 2026"


def test_on_a_date_before_the_reform_it_offers_the_old_units_only(demo, personas, chuong_my):
    labels = [unit["label"] for unit in _search(personas.staff, q="chuong my", on="15/05/2020")]
    assert str(chuong_my) in labels
    assert "(đến 30/06/2025)" in str(chuong_my)
    assert not [label for label in _search(personas.staff, q="phu nghia", on="15/05/2020") if label == "Xã Phú Nghĩa"]


def test_another_province_and_a_beneficiary_find_nothing_of_hanoi(demo, personas):
    assert _search(personas.bacninh, q="phu nghia", on="2026") == []
    assert _search(personas.doanhnghiep, q="phu nghia") == []


def test_the_project_form_offers_todays_communes_of_the_province_and_accepts_an_old_one(demo, personas, chuong_my):
    form = ProjectForm(user=personas.staff, unit_id=None, instance=Project())
    offered = {label for value, label in form.fields["administrative_unit"].widget.choices if value}
    assert "Xã Phú Nghĩa" in offered
    assert all("(đến " not in label for label in offered)
    accepted = form.fields["administrative_unit"].queryset
    assert accepted.filter(pk=chuong_my.pk).exists(), "an old district is accepted for an old record"
    assert not accepted.filter(name="Phường Kinh Bắc").exists(), "never a unit of Bắc Ninh"
    assert 'data-unit-search="/projects/units/"' in str(form["administrative_unit"])


def test_the_beneficiary_form_no_longer_lists_another_provinces_units(demo, personas):
    form = BeneficiaryForm(user=personas.bacninh, unit_id=None, instance=Beneficiary())
    hanoi = AdministrativeUnit.objects.get(code=PHU_NGHIA, valid_to__isnull=True)
    assert not form.fields["administrative_unit"].queryset.filter(pk=hanoi.pk).exists()


def test_a_project_of_2026_on_an_abolished_district_is_refused(demo, personas, chuong_my):
    from projects.validation import ProjectRules

    project = Project.objects.filter(programme__code="HN-KCDP-2026-2030").first()
    assert project is not None
    project.administrative_unit = chuong_my
    problem = ProjectRules(project.programme).unit_problem(project)
    assert problem is not None
    assert problem.field == "administrative_unit"
    assert "Huyện Chương Mỹ" in problem.message
    assert "đã hết hiệu lực từ sau ngày 30/06/2025" in problem.message


def test_the_page_refuses_a_commune_of_today_for_a_project_of_2020(demo, personas):
    template = Project.objects.get(code="HN2020-CM-004")
    phu_nghia = AdministrativeUnit.objects.get(code=PHU_NGHIA, valid_to__isnull=True)
    client = Client()
    client.force_login(personas.staff)
    response = client.post(
        reverse("projects:create"),
        {
            "code": "HN2020-UNIT-001",
            "title": "Đề án thử địa bàn",
            "programme": template.programme_id,
            "year": 2020,
            "content": template.content_id,
            "kind": template.kind,
            "implementing_organisation": template.implementing_organisation_id,
            "administrative_unit": phu_nghia.pk,
            "support_national": "0",
            "support_local": "200.000.000",
            "counterpart": "300.000.000",
            "total_cost": "500.000.000",
            "start_date": "01/05/2020",
            "end_date": "30/11/2020",
            "lock_version": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["administrative_unit"] == [
        "Đơn vị hành chính «Xã Phú Nghĩa» chỉ có hiệu lực từ ngày 01/07/2025, sau thời gian thực hiện đề án."
    ]
    assert not Project.objects.filter(code="HN2020-UNIT-001").exists()


def test_the_import_reads_a_unit_code_as_it_was_during_the_year(demo, personas):
    from imports.kinds import units_of_year
    from policy.access import visible_units

    in_2026 = units_of_year(visible_units(personas.staff), 2026)
    assert in_2026[PHU_NGHIA].valid_to is None
    assert units_of_year(visible_units(personas.bacninh), 2026).get(PHU_NGHIA) is None or (
        units_of_year(visible_units(personas.bacninh), 2026)[PHU_NGHIA].name != "Xã Phú Nghĩa"
    )
