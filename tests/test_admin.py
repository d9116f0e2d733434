"""Every model of the project is in the Django admin, searchable, with Vietnamese labels."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PROJECT_APPS = ("accounts", "programs", "projects", "budgets")
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
