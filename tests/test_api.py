"""The read API: who may read what, the same numbers as the pages and reports, pagination, filters, errors.

Personas as everywhere (tests/conftest.py): `canbo` (Hà Nội), `bacninh` (Bắc Ninh), `bo` (the ministry,
every province), `xa` (the commune of Phú Nghĩa and the old units it took over).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from budgets.models import Allocation, Disbursement
from policy.access import visible_projects, visible_results
from programs.models import Programme, ProgrammeLevel
from programs.selectors import programme_tree
from projects.models import Project
from reports.selectors import build_report
from tests.api_support import api_client, of_provinces, province_names_of_project

API = "/api/v1"


def _get(client: Client, path: str, **params):
    response = client.get(f"{API}{path}", params)
    assert response["Content-Type"].startswith("application/json"), path
    return response


def _all(client: Client, path: str, **params) -> list[dict]:
    """Every item of a paginated list, page by page."""
    items: list[dict] = []
    offset = 0
    while True:
        body = _get(client, path, limit=500, offset=offset, **params).json()
        items += body["items"]
        offset += 500
        if offset >= body["count"]:
            assert len(items) == body["count"]
            return items


# ---------------------------------------------------------------- authentication


@pytest.mark.parametrize("path", ["/programmes", "/projects", "/allocations", "/disbursements"])
def test_it_answers_401_in_vietnamese_without_credentials(client, demo, path):
    response = _get(client, path)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Cần đăng nhập hoặc gửi mã truy cập API")
    assert response["WWW-Authenticate"] == "Bearer"


def test_it_answers_401_to_an_unknown_or_malformed_token(demo):
    for header in ("Bearer kc_not-a-token", "Bearer ", "Token abc", "Bearer " + "kc_" + "x" * 500):
        assert Client(headers={"Authorization": header}).get(f"{API}/programmes").status_code == 401


def test_a_token_reads_as_its_user_and_the_session_reads_too(demo, personas):
    by_token = _get(api_client(personas.bacninh), "/programmes").json()
    session = Client()
    session.force_login(personas.bacninh)
    by_session = _get(session, "/programmes").json()
    assert by_token == by_session
    assert by_token["count"] > 0


def test_the_api_serves_get_only(demo, personas):
    client = api_client(personas.staff)
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(f"{API}/programmes").status_code == 405


def test_a_token_of_a_deactivated_user_no_longer_reads(demo, personas):
    client = api_client(personas.viewer)
    assert _get(client, "/programmes").status_code == 200
    type(personas.viewer).objects.filter(pk=personas.viewer.pk).update(is_active=False)
    assert _get(client, "/programmes").status_code == 401


# ---------------------------------------------------------------- scoping


def _local_programme_codes(client) -> set[str]:
    return {p["code"] for p in _all(client, "/programmes") if p["level"] == ProgrammeLevel.LOCAL}


def test_each_province_lists_only_its_own_local_programmes_and_the_ministry_all(demo, personas):
    hanoi = _local_programme_codes(api_client(personas.staff))
    bacninh = _local_programme_codes(api_client(personas.bacninh))
    ministry = _local_programme_codes(api_client(personas.bo))
    assert "HN-2016-2020" in hanoi
    assert "BN-BCSP" not in hanoi
    assert "BN-BCSP" in bacninh
    assert not any(code.startswith("HN") for code in bacninh)
    assert ministry == set(Programme.objects.filter(level=ProgrammeLevel.LOCAL).values_list("code", flat=True))
    assert hanoi | bacninh <= ministry


def test_another_provinces_objects_answer_404_with_the_database_unchanged(demo, personas):
    bn = Programme.objects.get(code="BN-BCSP")
    project = Project.objects.filter(programme=bn).first()
    allocation = Allocation.objects.filter(programme=bn).first()
    disbursement = Disbursement.objects.filter(programme=bn).first()
    before = (bn.updated_at, project.updated_at, allocation.updated_at, disbursement.updated_at)
    client = api_client(personas.staff)
    for path in (
        f"/programmes/{bn.pk}",
        f"/programmes/{bn.pk}/contents",
        f"/programmes/{bn.pk}/targets",
        f"/programmes/{bn.pk}/money",
        f"/projects/{project.pk}",
        f"/allocations/{allocation.pk}",
        f"/disbursements/{disbursement.pk}",
    ):
        response = _get(client, path)
        assert response.status_code == 404, path
        assert response.json()["detail"] == "Không tìm thấy."
        # Bắc Ninh's staff reads the same objects.
        assert _get(api_client(personas.bacninh), path).status_code == 200, path
    for record in (bn, project, allocation, disbursement):
        record.refresh_from_db()
    assert before == (bn.updated_at, project.updated_at, allocation.updated_at, disbursement.updated_at)


@pytest.mark.parametrize(("who", "provinces"), [("staff", {"Hà Nội"}), ("bacninh", {"Bắc Ninh", "Bắc Giang"})])
def test_a_province_reads_only_its_own_projects_and_payments(demo, personas, who, provinces):
    client = api_client(getattr(personas, who))
    projects = _all(client, "/projects")
    assert projects
    places = province_names_of_project([p["id"] for p in projects])
    assert of_provinces(places.values(), provinces), places
    payments = _all(client, "/disbursements")
    assert payments
    programme_ids = {p["programme_id"] for p in payments}
    visible = {p["id"] for p in _all(client, "/programmes")}
    assert programme_ids <= visible
    with_project = [p["project_id"] for p in payments if p["project_id"]]
    assert of_provinces(province_names_of_project(with_project).values(), provinces)


def test_the_commune_officer_reads_the_projects_of_their_units_only(demo, personas):
    xa = personas.xa
    listed = {p["id"] for p in _all(api_client(xa), "/projects")}
    assert listed == set(visible_projects(xa).values_list("pk", flat=True))
    assert listed
    assert len(listed) < len(_all(api_client(personas.staff), "/projects"))
    # Allocations are the province's planners' business, as on the pages.
    assert _get(api_client(xa), "/allocations").status_code == 403
    assert _get(api_client(xa), "/allocations").json()["detail"] == "Bạn không có quyền xem dữ liệu này."


def test_the_ministry_reads_every_provinces_projects(demo, personas):
    assert _get(api_client(personas.bo), "/projects").json()["count"] == Project.objects.count()


# ---------------------------------------------------------------- the same numbers as the pages and reports


PERSONAS_AND_PROGRAMMES = [
    ("staff", "HN-2011-2015"),
    ("staff", "HN-2016-2020"),
    ("staff", "KCQG-2014-2018"),
    ("officer_a", "HN-2011-2015"),
    ("xa", "HN-2016-2020"),
    ("bacninh", "BN-BCSP"),
    ("bacninh", "KCQG-2014-2018"),
    ("bo", "KCQG-2014-2018"),
    ("bo", "HN-2016-2020"),
]


@pytest.mark.parametrize(("who", "code"), PERSONAS_AND_PROGRAMMES)
def test_every_targets_plan_actual_and_completion_are_the_pages_and_the_summary_reports(demo, personas, who, code):
    user = getattr(personas, who)
    programme = Programme.objects.get(code=code)
    body = _get(api_client(user), f"/programmes/{programme.pk}/targets").json()
    api = {t["code"]: t for t in body["items"]}
    assert body["count"] == len(api) == programme.targets.count()

    nodes, objectives = programme_tree(programme, projects=visible_projects(user), results=visible_results(user))
    page = {p.target.code: p for node in nodes for p in node.targets} | {p.target.code: p for p in objectives}
    report = build_report("summary", programme=programme, user=user)
    rows = {r.cells["target"]: r.cells for r in report.tables[0].rows if r.style == "item"}
    assert set(api) == set(page) == set(rows)
    for target_code, item in api.items():
        assert Decimal(item["actual"]) == page[target_code].actual == rows[target_code]["actual"], target_code
        percent = rows[target_code]["percent"]
        assert item["completion"]["text"] == percent.text, target_code
        assert item["completion"]["met"] == page[target_code].completion.met == percent.met
        if percent.value is None:
            assert item["completion"]["percent"] is None
        else:
            assert Decimal(item["completion"]["percent"]) == round(percent.value, percent.decimals)
        target = page[target_code].target
        for field in ("value", "low", "high"):
            expected = getattr(target, field)
            assert (None if item[field] is None else Decimal(item[field])) == expected, (target_code, field)
    assert any(Decimal(item["actual"]) for item in api.values()) or not api


def test_the_seed_figures_read_through_the_api(demo, personas):
    body = _get(api_client(personas.staff), f"/programmes/{demo.hn2011.pk}/targets").json()
    texts = {t["name"]: (t["actual"], t["completion"]["text"]) for t in body["items"]}
    assert ("17800", "71,2%") in texts.values()
    money = _get(api_client(personas.staff), f"/programmes/{demo.hn2011.pk}/money").json()
    total = money["total"]
    assert (total["planned"], total["allocated"], total["disbursed"]) == (
        86_000_000_000,
        82_155_000_000,
        77_630_000_000,
    )
    assert (total["allocated_percent_text"], total["disbursed_percent_text"]) == ("95,53%", "94,5%")
    assert (total["allocated_percent"], total["disbursed_percent"]) == ("95.53", "94.5")


def test_an_illustrative_programme_carries_the_mark_and_a_sourced_one_does_not(demo, personas):
    client = api_client(personas.staff)
    illustrative = Programme.objects.get(code="HN-KCDP-2026-2030")
    for path in (
        f"/programmes/{illustrative.pk}",
        f"/programmes/{illustrative.pk}/targets",
        f"/programmes/{illustrative.pk}/money",
    ):
        body = _get(client, path).json()
        assert body["illustrative"] is True, path
        assert body["notice"].startswith("Số liệu minh họa"), path
    sourced = _get(client, f"/programmes/{demo.hn2011.pk}").json()
    assert (sourced["illustrative"], sourced["notice"]) == (False, "")


def test_annual_plans_are_read_with_each_target(demo, personas):
    body = _get(api_client(personas.staff), f"/programmes/{demo.hn2016.pk}/targets").json()
    planned = [t for t in body["items"] if t["annual_plans"]]
    assert planned
    from programs.models import AnnualPlanTarget

    for item in planned:
        expected = {
            (q.annual_plan.year, q.quantity)
            for q in AnnualPlanTarget.objects.filter(target_id=item["id"]).select_related("annual_plan")
        }
        assert {(a["year"], Decimal(a["quantity"])) for a in item["annual_plans"]} == expected


@pytest.mark.parametrize(
    ("who", "code", "year"),
    [
        ("staff", "HN-2011-2015", None),
        ("staff", "HN-2016-2020", 2020),
        ("xa", "HN-2016-2020", None),
        ("bacninh", "KCQG-2014-2018", 2016),
    ],
)
def test_money_by_content_is_the_summary_reports_money_table(demo, personas, who, code, year):
    user = getattr(personas, who)
    programme = Programme.objects.get(code=code)
    params = {"year": year} if year else {}
    body = _get(api_client(user), f"/programmes/{programme.pk}/money", **params).json()
    table = build_report("summary", programme=programme, user=user, year=year).tables[1]
    assert [(r["content_number"], r["planned"], r["allocated"], r["disbursed"]) for r in body["items"]] == [
        (r.cells["number"], r.cells["planned"], r.cells["allocated"], r.cells["disbursed"]) for r in table.rows
    ]
    assert [r["disbursed_percent_text"] for r in body["items"]] == [
        r.cells["disbursed_percent"].text for r in table.rows
    ]
    assert body["total"]["disbursed"] == table.totals[0].cells["disbursed"]
    assert all(isinstance(r["disbursed"], int) for r in body["items"])


def test_a_year_outside_the_programme_is_refused_in_vietnamese(demo, personas):
    response = _get(api_client(personas.staff), f"/programmes/{demo.hn2011.pk}/money", year=2030)
    assert response.status_code == 422
    assert "nằm ngoài giai đoạn 2011–2015" in response.json()["detail"]


# ---------------------------------------------------------------- pagination, filters, errors


def test_lists_are_paginated_with_the_total_count(demo, personas):
    client = api_client(personas.staff)
    first = _get(client, "/projects", limit=5).json()
    second = _get(client, "/projects", limit=5, offset=5).json()
    assert first["count"] == second["count"] == visible_projects(personas.staff).count() > 10
    assert (first["limit"], first["offset"], len(first["items"])) == (5, 0, 5)
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}
    assert _get(client, "/projects", offset=10**6).json()["items"] == []


def test_filters_narrow_the_lists(demo, personas):
    client = api_client(personas.staff)
    programme = demo.hn2016
    unit = personas.officer_a.organisation.administrative_unit
    body = _get(client, "/projects", programme=programme.pk, year=2020, status="under_way", unit=unit.pk).json()
    expected = Project.objects.filter(programme=programme, year=2020, status="under_way", administrative_unit=unit)
    assert body["count"] == expected.count() > 0
    assert {p["code"] for p in body["items"]} == set(expected.values_list("code", flat=True))
    payments = _get(client, "/disbursements", programme=programme.pk, year=2020, unit=unit.pk).json()
    assert (
        payments["count"]
        == Disbursement.objects.filter(programme=programme, year=2020, project__administrative_unit=unit).count()
        > 0
    )
    allocations = _get(client, "/allocations", programme=programme.pk, year=2020, funding_source="local").json()
    assert (
        allocations["count"]
        == Allocation.objects.filter(programme=programme, year=2020, funding_source="local").count()
    )
    running = _get(client, "/programmes", year=2017, level="local").json()
    # Bắc Ninh's programme of 2014-2019 runs in 2017 too, but is not Hà Nội's to list.
    assert {p["code"] for p in running["items"]} == {"HN-2016-2020"}
    assert {
        p["code"] for p in _get(api_client(personas.bo), "/programmes", year=2017, level="local").json()["items"]
    } == {
        "HN-2016-2020",
        "BN-BCSP",
    }


def test_a_bad_parameter_is_refused_with_vietnamese_messages_per_field(demo, personas):
    client = api_client(personas.staff)
    response = _get(client, "/projects", year="abc", status="nope", limit=0)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Tham số không hợp lệ."
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages["year"] == "Phải là số nguyên."
    assert messages["status"].startswith("Phải là một trong: ")
    assert messages["limit"] == "Phải lớn hơn hoặc bằng 1."
    assert _get(client, f"/projects/{2**40}").status_code == 422


def test_money_is_whole_dong_integers(demo, personas):
    item = _get(api_client(personas.staff), "/projects", programme=demo.hn2016.pk, limit=1).json()["items"][0]
    project = Project.objects.get(pk=item["id"])
    assert item["support_local"] == project.support_local
    assert isinstance(item["support_local"], int)
    assert item["total_cost"] == project.total_cost


# ---------------------------------------------------------------- query counts


TOKEN = 1  # the token with its user and organisation (last_used_at is written at most once an hour)

# The user's province units, read once per request (policy.access._unit_ids).
UNITS = 1
LISTS: list[tuple[str, dict[str, str], int]] = [
    # (path, params, queries)
    ("/programmes", {}, TOKEN + UNITS + 2),  # count; page with owner and unit
    ("/projects", {}, TOKEN + UNITS + 2),  # count; page with programme, content, unit, implementing organisation
    ("/allocations", {}, TOKEN + UNITS + 2),  # count; page with content
    ("/disbursements", {}, TOKEN + UNITS + 2),  # count; page
    # programme; outputs summed per target; results summed per target; effects after acceptance summed
    # per target that measures one; targets; contents; annual quantities
    ("/programmes/{pk}/targets", {}, TOKEN + UNITS + 7),
    ("/programmes/{pk}/contents", {}, TOKEN + UNITS + 2),  # programme; contents with their law type
    ("/programmes/{pk}/money", {}, TOKEN + UNITS + 2),  # programme; the summary report's one statement
]


def _grow(demo, personas) -> None:
    """Thirty more projects and payments in district A."""
    unit = personas.officer_a.organisation.administrative_unit
    template = Project.objects.get(code="HN2020-CM-005")
    for i in range(30):
        project = Project.objects.create(
            code=f"API-GROW-{i}",
            title=f"Đề án thêm {i}",
            programme=demo.hn2016,
            year=2020,
            content=template.content,
            implementing_organisation=template.implementing_organisation,
            administrative_unit=unit,
            support_local=1_000_000,
            total_cost=1_000_000,
            status="under_way",
        )
        Disbursement.objects.create(
            programme=demo.hn2016,
            year=2020,
            project=project,
            content=template.content,
            funding_source="local",
            date=dt.date(2020, 7, 1),
            voucher_number=f"API-GROW-{i}",
            amount=1_000_000,
        )


@pytest.mark.parametrize(("path", "params", "expected"), LISTS, ids=lambda v: str(v))
def test_list_query_counts_are_pinned_and_stay_flat_as_data_grows(
    path, params, expected, demo, personas, django_assert_num_queries
):
    client = api_client(personas.staff)
    url = API + path.format(pk=demo.hn2016.pk)
    assert client.get(url).status_code == 200  # warm-up: the token's last use is written once
    query = params if "{pk}" in path else {**params, "limit": 500}
    with django_assert_num_queries(expected):
        assert client.get(url, query).status_code == 200
    _grow(demo, personas)
    with django_assert_num_queries(expected):
        response = client.get(url, query)
        assert response.status_code == 200


# ---------------------------------------------------------------- the document


def test_the_openapi_document_and_its_page_are_served_without_any_cdn(demo, client):
    document = client.get(f"{API}/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/programmes", "/api/v1/programmes/{pk}/targets", "/api/v1/disbursements"} <= set(document["paths"])
    assert document["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}
    page = client.get(f"{API}/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
