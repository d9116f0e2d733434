"""Nghị định 235/2025/NĐ-CP: content catalogues and eligibility rules by the date they are in force."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import AdministrativeUnit
from programs.models import Content, ContentCatalogue, LawContentType, Programme, ProgrammeLevel, ProgrammeStatus
from projects.eligibility import eligibility_problems
from projects.models import Beneficiary, BeneficiaryKind, Project, ProjectStatus
from reports.selectors import build_report


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _catalogue(year: int) -> ContentCatalogue:
    return ContentCatalogue.objects.get(name=f"Danh mục nội dung khuyến công {year}")


def _programme(demo, code: str, first: int, last: int, decided: dt.date) -> Programme:
    hn = demo.hn2011
    return Programme.objects.create(
        code=code,
        name=f"Chương trình khuyến công thành phố Hà Nội giai đoạn {first}-{last}",
        level=ProgrammeLevel.LOCAL,
        administrative_unit=hn.administrative_unit,
        owner=hn.owner,
        first_year=first,
        last_year=last,
        decision_number="1/QĐ-UBND",
        decision_date=decided,
        status=ProgrammeStatus.APPROVED,
    )


def _content(programme: Programme, catalogue: ContentCatalogue, code: int = 1) -> Content:
    law_type = LawContentType.objects.get(catalogue=catalogue, code=code)
    return Content.objects.create(programme=programme, number="1", title=law_type.name, law_type=law_type)


def _ward(name: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(name=name, valid_from=dt.date(2025, 7, 1), parent__code="01")


def _household(craft_village: str = "") -> Beneficiary:
    return Beneficiary.objects.create(
        name="Hộ kinh doanh Nguyễn Văn Hàng",
        kind=BeneficiaryKind.HOUSEHOLD,
        administrative_unit=_ward("Phường Hoàn Kiếm"),
        craft_village=craft_village,
    )


def _form(programme: Programme, content: Content, beneficiary: Beneficiary, year: int, **changes) -> dict:
    data = {
        "code": f"HN{year}-HK-001",
        "title": "Hỗ trợ máy móc cho hộ kinh doanh",
        "programme": programme.pk,
        "year": year,
        "content": content.pk,
        "kind": "pilot",
        "implementing_organisation": programme.owner_id,
        # A commune of today the Department's form offers (the ward of the beneficiary is judged, not this one).
        "administrative_unit": AdministrativeUnit.objects.get(code="10030", valid_to__isnull=True).pk,
        "beneficiaries": [beneficiary.pk],
        "support_national": 0,
        "support_local": 50_000_000,
        "counterpart": 50_000_000,
        "total_cost": 100_000_000,
        "start_date": "",
        "end_date": "",
        "description": "",
        "lock_version": 0,
    }
    data.update(changes)
    return data


def test_the_catalogue_in_force_changes_on_15_october_2025(demo):
    assert ContentCatalogue.in_force_on(dt.date(2025, 10, 14)) == _catalogue(2012)
    assert ContentCatalogue.in_force_on(dt.date(2025, 10, 15)) == _catalogue(2025)
    new = set(_catalogue(2025).entries.values_list("name_en", flat=True)) - set(
        _catalogue(2012).entries.values_list("name_en", flat=True)
    )
    assert new == {"Sustainable production and consumption", "Digital transformation"}
    # The nine types of 2012 keep their comparison key in 2025.
    assert set(_catalogue(2012).entries.values_list("key", flat=True)) == set(range(1, 10))
    assert set(_catalogue(2025).entries.values_list("key", flat=True)) == set(range(1, 12))


def test_an_existing_programmes_contents_belong_to_the_2012_catalogue(demo):
    for programme in (demo.hn2011, demo.hn2016, demo.national):
        assert programme.catalogue == _catalogue(2012)
        assert programme.contents.exists()
        assert not programme.contents.exclude(law_type__catalogue=_catalogue(2012)).exists()
    content = demo.hn2011.contents.first()
    content.law_type = LawContentType.objects.get(catalogue=_catalogue(2025), code=10)
    with pytest.raises(ValidationError) as error:
        content.full_clean()
    assert "không thuộc danh mục" in str(error.value)


def test_a_household_in_a_ward_of_hanoi_is_refused_with_the_basis_on_the_page(demo, personas):
    programme = _programme(demo, "HN-2026-2030", 2026, 2030, dt.date(2025, 12, 20))
    assert programme.catalogue == _catalogue(2025)
    content = _content(programme, _catalogue(2025))
    beneficiary = _household()
    response = _client(personas.staff).post(reverse("projects:create"), _form(programme, content, beneficiary, 2026))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "beneficiaries" in errors, errors
    message = errors["beneficiaries"][0]
    assert "không thuộc đối tượng được hỗ trợ theo Nghị định 235/2025/NĐ-CP" in message
    assert "Phường Hoàn Kiếm" in message
    assert "làng nghề" in message
    assert "Nghị định 235/2025/NĐ-CP" in response.content.decode()
    assert not Project.objects.filter(code="HN2026-HK-001").exists()


def test_the_same_household_in_a_craft_village_is_accepted(demo, personas):
    programme = _programme(demo, "HN-2026-2030", 2026, 2030, dt.date(2025, 12, 20))
    content = _content(programme, _catalogue(2025))
    beneficiary = _household(craft_village="Làng nghề kim hoàn Định Công")
    response = _client(personas.staff).post(reverse("projects:create"), _form(programme, content, beneficiary, 2026))
    assert response.status_code == 302, response.context["form"].errors
    assert Project.objects.get(code="HN2026-HK-001").beneficiaries.get() == beneficiary


def test_an_approved_project_under_the_old_rules_is_not_judged_again(demo, personas):
    programme = _programme(demo, "HN-2021-2025", 2021, 2025, dt.date(2020, 12, 1))
    content = _content(programme, _catalogue(2012))
    # A rural establishment in a ward of Hà Nội: allowed by Nghị định 45/2012, not by 235/2025.
    beneficiary = Beneficiary.objects.create(
        name="Cơ sở mộc Hoàn Kiếm",
        kind=BeneficiaryKind.RURAL_ESTABLISHMENT,
        administrative_unit=_ward("Phường Hoàn Kiếm"),
    )
    project = Project.objects.create(
        code="HN2024-HK-001",
        title="Hỗ trợ máy móc 2024",
        programme=programme,
        year=2024,
        content=content,
        implementing_organisation=programme.owner,
        administrative_unit=beneficiary.administrative_unit,
        support_local=50_000_000,
        counterpart=50_000_000,
        total_cost=100_000_000,
        status=ProjectStatus.APPROVED,
    )
    project.beneficiaries.set([beneficiary])
    # Moving its start past 15/10/2025 would put a new proposal under Nghị định 235/2025 …
    project.start_date = dt.date(2025, 11, 1)
    draft = Project(**{f.attname: getattr(project, f.attname) for f in Project._meta.concrete_fields})
    draft.pk, draft.status = None, ProjectStatus.DRAFT
    assert eligibility_problems(draft, [beneficiary])
    # … but the approved project keeps the rules it was approved under.
    assert eligibility_problems(project) == []
    data = _form(
        programme,
        content,
        beneficiary,
        2024,
        code=project.code,
        start_date="2025-11-01",
        administrative_unit=project.administrative_unit_id,
    )
    data["lock_version"] = project.lock_version
    response = _client(personas.staff).post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.start_date == dt.date(2025, 11, 1)


def test_priority_marks_are_saved_and_shown(demo, personas):
    client = _client(personas.staff)
    data = {
        "name": "Công ty TNHH Thổ cẩm Mường",
        "kind": BeneficiaryKind.ENTERPRISE,
        "administrative_unit": Project.objects.get(code="HN2020-CM-001").administrative_unit_id,
        "owned_by_women": "on",
        "owned_by_ethnic_minority": "on",
    }
    response = client.post(reverse("projects:beneficiary_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    beneficiary = Beneficiary.objects.get(name=data["name"])
    assert beneficiary.owned_by_women
    assert beneficiary.owned_by_ethnic_minority
    page = client.get(reverse("projects:beneficiary_detail", args=[beneficiary.pk])).content.decode()
    assert "Do phụ nữ làm chủ" in page
    assert "Do người dân tộc thiểu số làm chủ" in page
    project = Project.objects.get(code="HN2020-CM-001")
    project.beneficiaries.add(beneficiary)
    listing = client.get(reverse("projects:list"), {"q": project.code}).content.decode()
    assert project.code in listing
    assert "Do phụ nữ làm chủ" in listing


def test_the_trend_compares_a_content_type_across_the_two_catalogues(demo, personas):
    programme = _programme(demo, "HN-2026-2030", 2026, 2030, dt.date(2025, 12, 20))
    content = _content(programme, _catalogue(2025), code=1)
    Project.objects.create(
        code="HN2026-TN-001",
        title="Truyền nghề 2026",
        programme=programme,
        year=2026,
        content=content,
        implementing_organisation=programme.owner,
        administrative_unit=demo.hn2011.administrative_unit,
        support_local=70_000_000,
        total_cost=70_000_000,
        status=ProjectStatus.APPROVED,
    )
    report = build_report("trend", programme=demo.hn2011, user=personas.staff, filters={"law_type": "1"})
    rows = {(row.cells["programme"], row.cells["year"]): row.cells for row in report.rows}
    assert rows[("HN-2026-2030", 2026)]["count"] == 1
    assert rows[("HN-2026-2030", 2026)]["support"] == 70_000_000
    assert any(code == "HN-2011-2015" for code, _year in rows)
    note = report.tables[0].note
    assert "HN-2011-2015: Danh mục nội dung khuyến công 2012" in note
    assert "HN-2026-2030: Danh mục nội dung khuyến công 2025" in note
    # The new contents of 2025 have no 2012 counterpart.
    digital = build_report("trend", programme=demo.hn2011, user=personas.staff, filters={"law_type": "11"})
    assert digital.tables[0].totals[0].cells["count"] == 0
