"""Every state-changing endpoint refuses a POST without a CSRF token, even from a user allowed to post."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_url_matrix import objects  # noqa: F401 — the shared object fixture
from tests.url_matrix import MATRIX, Route

# Routes nobody may post to (route.post empty) are refused before the CSRF check matters: the matrix covers them.
STATE_CHANGING = [route for route in MATRIX if route.post]
PUBLIC_POSTS = ["login", "logout", "set_language"]


@pytest.mark.parametrize("route", STATE_CHANGING, ids=lambda r: f"{r.name}[{r.scope or '-'}]")
def test_it_refuses_a_post_without_csrf_token(route: Route, objects, personas):  # noqa: F811
    allowed = route.post or frozenset()
    persona = "leader" if "leader" in allowed else sorted(allowed)[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(getattr(personas, persona))
    response = client.post(reverse(route.name, kwargs=route.kwargs(objects)), {"comment": "x", "locked": "1"})
    assert response.status_code == 403
    assert b"CSRF" in response.content


@pytest.mark.parametrize("name", PUBLIC_POSTS)
def test_public_posts_need_a_csrf_token_too(name, db):
    response = Client(enforce_csrf_checks=True).post(
        reverse(name), {"username": "canbo", "password": "khuyencong", "language": "en"}
    )
    assert response.status_code == 403


def test_every_state_changing_route_is_covered():
    assert len(STATE_CHANGING) >= 15


def test_a_post_with_the_token_goes_through(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.staff)
    page = client.get(reverse("projects:beneficiary_create"))
    token = page.cookies["csrftoken"].value
    response = client.post(reverse("projects:beneficiary_create"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 200  # the form comes back with its errors, not a CSRF refusal
