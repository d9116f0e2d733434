"""Tenancy: a province sees its own, the ministry reads all, a commune officer their commune and its predecessors.

Every page, export and report that lists records goes through the province scope
(policy.access): as Hà Nội's staff no Bắc Ninh record appears anywhere, and as
Bắc Ninh's staff no Hà Nội record does.
"""

import io

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AdministrativeUnit, UnitLevel
from imports.kinds import KINDS
from imports.services import ImportNotAllowed, check_may_import
from policy.access import visible_beneficiaries, visible_programmes, visible_projects
from programs.models import Programme
from projects.models import Beneficiary, Project, ProjectStatus
from projects.services import project_transition
from reports.exports import project_rows, write_report

# What only Bắc Ninh's records print, and what only Hà Nội's do.
BAC_NINH_MARKS = ("BN-BCSP", "BN2019-TS-", "Đồng Kỵ", "Thị xã Từ Sơn")
HANOI_MARKS = ("HN-2016-2020", "HN-2011-2015", "HN2020-", "KCQG2016-HN-", "Chương Mỹ")

LIST_URLS: list[tuple[str, dict]] = [
    ("home", {}),
    ("programs:list", {}),
    ("projects:list", {}),
    ("projects:beneficiary_list", {}),
    ("budgets:allocation_list", {}),
    ("budgets:disbursement_list", {}),
    ("reports:index", {}),
    ("reporting:index", {}),
    ("imports:index", {}),
    ("projects:create", {}),
    ("budgets:disbursement_create", {}),
    ("budgets:allocation_create", {}),
]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _assert_absent(response, marks, label):
    assert response.status_code == 200, f"{label}: {response.status_code}"
    text = response.content.decode()
    for mark in marks:
        assert mark not in text, f"{label}: «{mark}» leaked"


@pytest.mark.parametrize(("name", "kwargs"), LIST_URLS, ids=[n for n, _k in LIST_URLS])
def test_no_list_page_shows_another_provinces_records(name, kwargs, personas):
    url = reverse(name, kwargs=kwargs)
    _assert_absent(_client(personas.staff).get(url), BAC_NINH_MARKS, f"canbo {url}")
    _assert_absent(_client(personas.bacninh).get(url), HANOI_MARKS, f"bacninh {url}")


def test_the_national_programmes_reports_show_a_province_only_its_own_projects(demo, personas):
    client = _client(personas.bacninh)
    for kind in ("summary", "projects", "units"):
        url = reverse("reports:report", kwargs={"code": demo.national.code, "kind": kind})
        _assert_absent(client.get(url), ("KCQG2016-HN-",), f"bacninh {url}")


def test_a_search_or_filter_for_another_provinces_programme_finds_nothing(demo, personas):
    bn = Programme.objects.get(code="BN-BCSP")
    response = _client(personas.staff).get(reverse("projects:list"), {"programme": bn.pk, "q": "BN2019"})
    assert "BN2019-TS-" not in response.content.decode()
    response = _client(personas.staff).get(reverse("budgets:disbursement_list"), {"programme": bn.pk})
    assert "BN-BCSP" not in response.content.decode()


def test_exports_and_background_jobs_keep_to_the_province(demo, personas):
    rows, total = project_rows(personas.staff)
    codes = {row[0] for row in rows}
    assert total == len(codes)
    assert not any(code.startswith("BN") for code in codes)
    rows, _total = project_rows(personas.bacninh)
    assert {row[0] for row in rows} == {"BN2019-TS-001", "BN2019-TS-002"}
    # A job asked for another province's programme builds nothing.
    with pytest.raises(Programme.DoesNotExist):
        write_report("summary", "xlsx", {"programme": demo.hn2016.pk}, personas.bacninh, io.BytesIO())


def test_another_provinces_import_template_answers_404(demo, personas):
    response = _client(personas.staff).get(
        reverse("imports:template"), {"programme": "BN-BCSP", "year": 2019, "kind": "results"}
    )
    assert response.status_code == 404


def test_hanois_leader_cannot_unlock_bac_ninhs_figures(personas):
    bn = Programme.objects.get(code="BN-BCSP")
    response = _client(personas.leader).post(reverse("programs:lock", kwargs={"pk": bn.pk, "year": 2019}))
    assert response.status_code == 404
    assert bn.annual_plans.get(year=2019).is_locked


def test_the_ministry_reads_every_province_and_changes_no_local_programme(demo, personas):
    assert visible_programmes(personas.bo).count() == Programme.objects.count()
    response = _client(personas.bo).post(reverse("programs:plan", kwargs={"pk": demo.hn2016.pk, "year": 2020}))
    assert response.status_code == 403
    with pytest.raises(ImportNotAllowed):
        check_may_import(user=personas.bo, kind=KINDS["plan"], programme=demo.hn2016)


def test_the_province_appraises_first_and_the_ministry_second(demo, personas):
    project = Project.objects.get(code="KCQG2016-HN-003")
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.PROPOSED)
    url = reverse("projects:action", kwargs={"pk": project.pk, "action": "appraise"})
    assert _client(personas.bo).post(url).status_code == 403  # the first appraisal is the province's
    assert _client(personas.bacninh).post(url).status_code == 404  # not carried out in Bắc Ninh
    _client(personas.staff).post(url)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPRAISED_DEPARTMENT
    assert _client(personas.staff).post(url).status_code == 403  # the second is the ministry's
    _client(personas.bo).post(url)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPRAISED_MINISTRY


def test_a_commune_officer_sees_their_commune_and_its_predecessors_only(demo, personas):
    commune = personas.xa.organisation.administrative_unit
    chuong_my = personas.officer_a.organisation.administrative_unit
    assert commune.level == UnitLevel.COMMUNE
    assert chuong_my in commune.predecessors.all()
    # The demo's 2027 proposals name the commune itself; the 2016-2020 projects name Chương Mỹ.
    units = set(visible_projects(personas.xa).values_list("administrative_unit_id", flat=True))
    assert units == {commune.pk, chuong_my.pk}
    other = AdministrativeUnit.objects.create(
        code="TEST-XA-KHAC",
        name="Xã khác",
        level=UnitLevel.COMMUNE,
        valid_from=commune.valid_from,
        parent=commune.parent,
    )
    Beneficiary.objects.create(name="Cơ sở của xã khác", kind="household", administrative_unit=other)
    seen = set(visible_beneficiaries(personas.xa).values_list("administrative_unit_id", flat=True))
    assert seen == {commune.pk, chuong_my.pk}
    # Records on the abolished district stay visible to the province.
    assert visible_projects(personas.staff).filter(administrative_unit=chuong_my).exists()


def test_a_commune_officer_proposes_a_predecessors_project(demo, personas):
    project = Project.objects.filter(
        administrative_unit=personas.officer_a.organisation.administrative_unit, status=ProjectStatus.DRAFT
    ).first() or Project.objects.get(code="HN2020-CM-001")
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    project.refresh_from_db()
    project_transition(project=project, action="propose", user=personas.xa, comment="")
    assert project.status == ProjectStatus.PROPOSED


def test_the_unit_set_is_read_once_per_user_and_follows_a_change_of_organisation(personas, django_assert_num_queries):
    from django.db import connection

    from policy.access import _PROVINCE_UNITS_SQL, province_units

    def cte(organisation_id: int) -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute(_PROVINCE_UNITS_SQL, [organisation_id])
            return {row[0] for row in cursor.fetchall()}

    user = personas.staff
    with django_assert_num_queries(2):  # the unit set, then the query that uses it
        hanoi = set(AdministrativeUnit.objects.filter(pk__in=province_units(user)).values_list("pk", flat=True))
    with django_assert_num_queries(1):  # the set is remembered: only the query that uses it
        list(AdministrativeUnit.objects.filter(pk__in=province_units(user)).values_list("pk", flat=True))
    assert hanoi == cte(user.organisation_id)
    assert len(hanoi) > 100
    user.organisation = personas.bacninh.organisation
    bac_ninh = set(AdministrativeUnit.objects.filter(pk__in=province_units(user)).values_list("pk", flat=True))
    assert bac_ninh == cte(personas.bacninh.organisation_id)
    assert not bac_ninh & hanoi
