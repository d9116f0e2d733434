"""Lists filter, sort and page; plans, outputs, results and allocations are entered through their pages."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from budgets.models import Allocation, PlannedBudget
from programs.models import AnnualPlan, AnnualPlanTarget, Result
from projects.models import Project, ProjectOutput


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _codes(response) -> list[str]:
    return [p.code for p in response.context["page"]]


def test_the_project_list_filters_by_each_criterion(personas, demo):
    staff = _client(personas.staff)
    url = reverse("projects:list")
    by_status = staff.get(url, {"year": 2020, "status": "proposed", "programme": demo.hn2016.pk})
    assert set(_codes(by_status)) == set(
        Project.objects.filter(year=2020, status="proposed", programme=demo.hn2016).values_list("code", flat=True)
    )
    content = demo.hn2016.contents.get(number="3.3")
    assert all(p.content_id == content.pk for p in staff.get(url, {"content": content.pk}).context["page"])
    unit = personas.officer_b.organisation.administrative_unit_id
    assert all(p.administrative_unit_id == unit for p in staff.get(url, {"administrative_unit": unit}).context["page"])
    national = staff.get(url, {"funding_source": "national"}).context["page"]
    assert national
    assert all(p.support_national > 0 for p in national)
    by_beneficiary = _codes(staff.get(url, {"beneficiary": "phu vinh", "year": 2020}))
    assert "HN2020-CM-001" in by_beneficiary
    assert all(
        Project.objects.get(code=code).beneficiaries.filter(name__icontains="Phú Vinh").exists()
        for code in by_beneficiary
    )


def test_the_project_list_sorts_and_pages(personas, demo):
    staff = _client(personas.staff)
    url = reverse("projects:list")
    first = staff.get(url, {"sort": "-support"}).context["page"]
    amounts = [p.support_sum for p in first]
    assert amounts == sorted(amounts, reverse=True)
    assert len(amounts) == 25
    second = staff.get(url, {"sort": "-support", "page": 2}).context["page"]
    assert second.number == 2
    assert second[0].support_sum <= amounts[-1]
    by_code = _codes(staff.get(url, {"sort": "code"}))
    assert by_code == sorted(by_code)


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"page": "-3"}, {"sort": "drop"}, {"content": "999999"}, {"status": "x"}, {"q": "%_\\'"}],
)
def test_list_pages_never_fail_on_odd_parameters(personas, demo, params):
    staff = _client(personas.staff)
    for name in ("projects:list", "projects:beneficiary_list", "budgets:allocation_list", "budgets:disbursement_list"):
        assert staff.get(reverse(name), params).status_code == 200


def test_the_plan_grid_saves_quantities_and_budgets_and_checks_the_programme_total(personas, demo):
    staff = _client(personas.staff)
    url = reverse("programs:plan", args=[demo.hn2016.pk, 2020])
    form = staff.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    target = demo.hn2016.targets.get(code="3.1-LOP")
    content = demo.hn2016.contents.get(number="3.8")
    data[f"target_{target.pk}"] = "125"
    data[f"budget_{content.pk}_local"] = "1.234.000.000"
    assert staff.post(url, data).status_code == 302
    plan = AnnualPlan.objects.get(programme=demo.hn2016, year=2020)
    assert AnnualPlanTarget.objects.get(annual_plan=plan, target=target).quantity == Decimal(125)
    assert PlannedBudget.objects.get(annual_plan=plan, content=content, funding_source="local").amount == 1_234_000_000

    stale = {**data, f"target_{target.pk}": "130"}  # lock_version is the one read before the save above
    refused = staff.post(url, stale)
    assert "Người khác đã lưu thay đổi" in refused.content.decode()

    fresh = staff.get(url).context["form"]
    data = {name: fresh[name].value() or "" for name in fresh.fields}
    data[f"budget_{content.pk}_local"] = "999.000.000.000"
    over = staff.post(url, data)
    assert "vượt tổng kinh phí của chương trình (163.400.000.000 đồng)" in over.content.decode()
    assert PlannedBudget.objects.get(annual_plan=plan, content=content, funding_source="local").amount == 1_234_000_000


def test_an_officer_reports_outputs_of_their_own_project(personas, demo):
    project = Project.objects.get(code="HN2020-CM-005")
    officer = _client(personas.officer_a)
    url = reverse("projects:outputs", args=[project.pk])
    form = officer.get(url).context["form"]
    target = form.targets[0]
    response = officer.post(
        url,
        {"lock_version": project.lock_version, f"planned_{target.pk}": "3", f"delivered_{target.pk}": "2,5"},
    )
    assert response.status_code == 302
    output = ProjectOutput.objects.get(project=project, target=target)
    assert output.delivered == Decimal("2.5")
    other = Project.objects.get(code="HN2020-TK-008")  # Thường Tín
    assert officer.post(reverse("projects:outputs", args=[other.pk]), {}).status_code == 404


def test_an_officer_records_results_in_their_own_unit_only(personas, demo):
    officer = _client(personas.officer_a)
    target = demo.hn2016.targets.filter(content__isnull=False).first()
    url = reverse("programs:result_create", args=[demo.hn2016.pk])
    other_unit = personas.officer_b.organisation.administrative_unit_id
    refused = officer.post(url, {"target": target.pk, "year": 2020, "quantity": "4", "administrative_unit": other_unit})
    assert "administrative_unit" in refused.context["form"].errors
    own_unit = personas.officer_a.organisation.administrative_unit_id
    assert (
        officer.post(
            url, {"target": target.pk, "year": 2020, "quantity": "4", "administrative_unit": own_unit}
        ).status_code
        == 302
    )
    result = Result.objects.get(target=target, year=2020, quantity=4)
    assert result.entered_by == personas.officer_a
    assert result.administrative_unit_id == own_unit


def test_allocations_are_entered_and_refused_in_a_locked_year(personas, demo):
    staff = _client(personas.staff)
    content = demo.hn2016.contents.get(number="3.8")
    data = {
        "programme": demo.hn2016.pk,
        "year": 2020,
        "funding_source": "local",
        "content": content.pk,
        "amount": "500.000.000",
        "decision_number": "123/QĐ-UBND",
        "decision_date": "15/01/2020",
    }
    assert staff.post(reverse("budgets:allocation_create"), data).status_code == 302
    assert Allocation.objects.filter(decision_number="123/QĐ-UBND", amount=500_000_000).exists()
    locked = staff.post(reverse("budgets:allocation_create"), {**data, "year": 2019, "decision_number": "9/QĐ"})
    assert "đã bị khóa" in locked.context["form"].errors["year"][0]
    assert not Allocation.objects.filter(decision_number="9/QĐ").exists()


def test_an_officer_never_sees_another_units_rows_in_any_list_or_search(personas, demo):
    from projects.models import Beneficiary

    officer = _client(personas.officer_a)
    own = personas.officer_a.organisation.administrative_unit_id
    other_beneficiary = Beneficiary.objects.exclude(administrative_unit_id=own).exclude(tax_code="").first()
    searches = [{}, {"q": other_beneficiary.name}, {"beneficiary": other_beneficiary.tax_code}, {"page": 2}]
    for params in searches:
        for project in officer.get(reverse("projects:list"), params).context["page"]:
            assert project.administrative_unit_id == own
    for params in ({}, {"q": other_beneficiary.tax_code}, {"q": other_beneficiary.name}):
        for beneficiary in officer.get(reverse("projects:beneficiary_list"), params).context["page"]:
            assert beneficiary.administrative_unit_id == own
    for payment in officer.get(reverse("budgets:disbursement_list")).context["page"]:
        assert payment.project is not None
        assert payment.project.administrative_unit_id == own
    for result in officer.get(reverse("programs:results", args=[demo.hn2016.pk])).context["results"]:
        assert result.administrative_unit_id == own
    create_form = officer.get(reverse("projects:create")).context["form"]
    assert {b.administrative_unit_id for b in create_form.fields["beneficiaries"].queryset} == {own}
