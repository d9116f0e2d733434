"""The same bad project and the same over-budget plan, through the page and through a workbook: same refusal, same words."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AdministrativeUnit
from budgets.models import PlannedBudget
from imports.services import import_workbook
from programs.models import AnnualPlan
from programs.services import annual_plan_set_lock
from projects.models import Project
from tests.import_support import append_row, edit, export, snapshot

NEW_CODE = "HN2020-RULE-001"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page_data(template: Project, **changes) -> dict:
    data = {
        "code": NEW_CODE,
        "title": "Đề án thử quy tắc",
        "programme": template.programme_id,
        "year": template.year,
        "content": template.content_id,
        "kind": template.kind,
        "implementing_organisation": template.implementing_organisation_id,
        "administrative_unit": template.administrative_unit_id,
        "beneficiaries": [],
        "support_national": "0",
        "support_local": "200.000.000",
        "counterpart": "300.000.000",
        "total_cost": "500.000.000",
        "start_date": "2020-05-01",
        "end_date": "2020-11-30",
        "description": "",
        "lock_version": 0,
    }
    data.update(changes)
    return data


def _sheet_row(template: Project, data: dict) -> list[object]:
    content = template.programme.contents.get(pk=data["content"])
    day = "{2}/{1}/{0}".format(*data["start_date"].split("-"))
    end = "{2}/{1}/{0}".format(*data["end_date"].split("-"))
    return [
        data["code"],
        data["title"],
        content.number,
        template.get_kind_display(),
        template.implementing_organisation.name,
        AdministrativeUnit.objects.get(pk=data["administrative_unit"]).code,
        None,
        data["support_national"],
        data["support_local"],
        data["counterpart"],
        data["total_cost"],
        day,
        end,
    ]


def _page_refusal(staff, data: dict) -> str:
    response = staff.post(reverse("projects:create"), data)
    assert response.status_code == 200, "the page saved a project that breaks a rule"
    return "\n".join(message for messages in response.context["form"].errors.values() for message in messages)


def _import_refusal(path, user) -> str:
    outcome = import_workbook(path=path, file_name=path.name, user=user, commit=True)
    assert not outcome.saved
    return "\n".join(issue.message for issue in outcome.issues)


CASES = {
    "cost_mismatch": ({"total_cost": "450.000.000"}, "phải bằng kinh phí hỗ trợ cộng vốn đối ứng (500.000.000 đồng)"),
    "zero_support": (
        {"support_local": "0", "total_cost": "300.000.000"},
        "Đề án cần có kinh phí hỗ trợ từ khuyến công quốc gia hoặc địa phương.",
    ),
    "over_support_level": (
        {"content": "3.3", "support_local": "400.000.000", "counterpart": "100.000.000"},
        "vượt mức tối đa 250.000.000 đồng theo mức hỗ trợ đang áp dụng",
    ),
    "year_outside": ({"year": 2021}, "Năm 2021 nằm ngoài giai đoạn 2016–2020 của chương trình {code}."),
    "locked_year": ({}, "Số liệu năm 2020 của chương trình {code} đã bị khóa"),
    "duplicate_code": ({"code": "duplicate"}, "đã được dùng cho đề án khác."),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_project_is_refused_alike_by_the_page_and_the_import(case, demo, personas, tmp_path):
    changes, expected = CASES[case]
    expected = expected.replace("{code}", demo.hn2016.code)
    template = Project.objects.get(code="HN2020-CM-004")
    changes = dict(changes)
    if changes.get("content"):
        changes["content"] = demo.hn2016.contents.get(number=changes["content"]).pk
    if changes.get("code") == "duplicate":
        changes["code"] = Project.objects.filter(programme=demo.hn2016).exclude(year=2020).first().code
    data = _page_data(template, **changes)
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="projects", user=personas.staff)
    append_row(path, "Đề án", _sheet_row(template, data))
    if case == "year_outside":
        edit(path, "Đề án", {"E2": 2021})  # the year the file is for (row 2 of every sheet)
    if case == "locked_year":
        annual_plan_set_lock(programme=demo.hn2016, year=2020, locked=True, user=personas.leader)
    before = snapshot()

    on_page = _page_refusal(_client(personas.staff), data)
    by_file = _import_refusal(path, personas.staff)

    assert expected in on_page
    assert expected in by_file
    assert snapshot() == before
    assert not Project.objects.filter(code=data["code"], year=data["year"], title=data["title"]).exists()


def test_an_over_budget_plan_is_refused_alike_by_the_page_and_the_import(demo, personas, tmp_path):
    # The five years already use the programme's whole 163.400.000.000 đồng; counterpart funds never count.
    plan = AnnualPlan.objects.get(programme=demo.hn2016, year=2020)
    content = demo.hn2016.contents.get(number="3.8")
    before_amounts = list(PlannedBudget.objects.order_by("pk").values_list("pk", "amount"))
    expected = "vượt tổng kinh phí của chương trình (163.400.000.000 đồng), vượt "
    staff = _client(personas.staff)
    url = reverse("programs:plan", args=[demo.hn2016.pk, 2020])
    form = staff.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data[f"budget_{content.pk}_local"] = "999.000.000.000"
    data[f"budget_{content.pk}_counterpart"] = "1"
    on_page = staff.post(url, data).content.decode()

    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    append_row(path, "Kinh phí", ["3.1", None, "Kinh phí khuyến công quốc gia", "1.000.000"])
    by_file = _import_refusal(path, personas.staff)

    assert expected in on_page
    assert expected in by_file
    assert list(PlannedBudget.objects.order_by("pk").values_list("pk", "amount")) == before_amounts
    assert plan.lock_version == AnnualPlan.objects.get(pk=plan.pk).lock_version


def test_counterpart_funds_do_not_count_against_the_ceiling_in_the_import(demo, personas, tmp_path):
    path = export(tmp_path, programme=demo.hn2016, year=2020, kind="plan", user=personas.staff)
    append_row(path, "Kinh phí", ["3.1", None, "Vốn đối ứng", "1.000.000"])
    outcome = import_workbook(path=path, file_name=path.name, user=personas.staff, commit=True)
    assert "vượt tổng kinh phí" not in "\n".join(issue.message for issue in outcome.issues)
