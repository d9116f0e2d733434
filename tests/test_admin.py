"""Every model of the project is in the Django admin, searchable, with Vietnamese labels."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PROJECT_APPS = ("accounts", "programs", "projects", "budgets", "notifications", "scheduling")
VIETNAMESE_LETTERS = "ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữíìịỉĩóòọỏõúùụủũéèẹẻẽýỳỵỷỹ"


def _models():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if not model.__name__.endswith("Event"):
                yield model


@pytest.mark.parametrize("model", list(_models()), ids=lambda m: m.__name__)
def test_every_model_is_registered_with_search(model):
    model_admin = admin.site._registry.get(model)
    assert model_admin is not None, f"{model.__name__} is not in the admin"
    assert model_admin.search_fields, f"{model.__name__} has no search"
    label = str(model._meta.verbose_name)
    assert any(ch in label for ch in VIETNAMESE_LETTERS), f"{model.__name__} has no Vietnamese label: {label}"


@pytest.mark.parametrize("model", list(_models()), ids=lambda m: m.__name__)
def test_each_changelist_opens_and_searches(client, personas, model):
    client.force_login(personas.admin)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": "Hà Nội"})
    assert response.status_code == 200


SHOWN_ONLY = [
    ("budgets", "plannedbudget"),
    ("budgets", "allocation"),
    ("budgets", "disbursement"),
    ("programs", "result"),
    ("programs", "annualplantarget"),
    ("projects", "project"),
    ("projects", "projectoutput"),
]


@pytest.mark.parametrize(("app", "model_name"), SHOWN_ONLY)
def test_plans_projects_and_money_are_shown_not_edited_in_the_admin(client, personas, app, model_name):
    """The pages' services check locked years, budgets and concurrent edits; the admin would not."""
    model = apps.get_model(app, model_name)
    record = model.objects.order_by("pk").first()
    assert record is not None
    client.force_login(personas.admin)
    change = reverse(f"admin:{app}_{model_name}_change", args=[record.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get(reverse(f"admin:{app}_{model_name}_add")).status_code == 403
    assert client.post(change, {}).status_code == 403
    assert (
        client.post(reverse(f"admin:{app}_{model_name}_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    )
    assert model.objects.filter(pk=record.pk).exists()


def test_the_year_lock_is_not_set_from_the_admin(client, personas, demo):
    from programs.models import AnnualPlan

    plan = AnnualPlan.objects.filter(programme=demo.hn2016).order_by("year").first()
    client.force_login(personas.admin)
    page = client.get(reverse("admin:programs_annualplan_change", args=[plan.pk]))
    assert page.status_code == 200
    assert b'name="is_locked"' not in page.content
