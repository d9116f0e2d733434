"""API tokens: created on the account page and shown once, stored only as a digest, revoked by their owner or the admin."""

import hashlib

from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from api.services import api_token_create
from tests.api_support import bearer

PROGRAMMES = "/api/v1/programmes"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_user_creates_a_token_on_their_page_and_sees_it_once(demo, personas):
    client = _signed_in(personas.staff)
    response = client.post(reverse("api_tokens"), {"name": "Bảng tính tổng hợp"})
    assert response.status_code == 200
    token = response.context["created"]["token"]
    assert token.startswith("kc_")
    assert len(token) > 40
    assert token in response.content.decode()
    record = ApiToken.objects.get(user=personas.staff, name="Bảng tính tổng hợp")
    # The page shown later lists the token by its name and first characters, never the token itself.
    later = client.get(reverse("api_tokens")).content.decode()
    assert "Bảng tính tổng hợp" in later
    assert record.prefix in later
    assert token not in later
    assert Client(headers=bearer(token)).get(PROGRAMMES).status_code == 200


def test_only_the_tokens_digest_is_stored(demo, personas):
    record, token = api_token_create(user=personas.staff, name="Kiểm thử")
    record.refresh_from_db()
    assert record.digest == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.filter(pk=record.pk).values().first().values()]
    assert token not in stored
    assert not any(token in value for value in stored)
    assert record.prefix == token[:10]


def test_a_token_without_a_name_is_refused_with_a_vietnamese_message(demo, personas):
    client = _signed_in(personas.staff)
    response = client.post(reverse("api_tokens"), {"name": "   "})
    assert response.status_code == 400
    assert "Nhập tên gợi nhớ cho mã truy cập" in response.content.decode()
    response = client.post(reverse("api_tokens"), {"name": "x" * 101})
    assert "Tên gợi nhớ dài tối đa 100 ký tự." in response.content.decode()
    assert not ApiToken.objects.filter(user=personas.staff).exists()


def test_the_owner_revokes_a_token_and_it_no_longer_reads(demo, personas):
    record, token = api_token_create(user=personas.staff, name="Kiểm thử")
    api = Client(headers=bearer(token))
    assert api.get(PROGRAMMES).status_code == 200
    response = _signed_in(personas.staff).post(reverse("api_token_revoke", args=[record.pk]), follow=True)
    assert "Đã thu hồi mã truy cập «Kiểm thử»." in response.content.decode()
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert record.revoked_by == personas.staff
    assert api.get(PROGRAMMES).status_code == 401


def test_another_users_token_answers_404_and_stays_valid(demo, personas):
    record, token = api_token_create(user=personas.staff, name="Của cán bộ Sở")
    for other in (personas.bacninh, personas.leader, personas.admin):
        assert _signed_in(other).post(reverse("api_token_revoke", args=[record.pk])).status_code == 404
    record.refresh_from_db()
    assert record.revoked_at is None
    assert Client(headers=bearer(token)).get(PROGRAMMES).status_code == 200
    assert "Của cán bộ Sở" not in _signed_in(personas.bacninh).get(reverse("api_tokens")).content.decode()


def test_the_administrator_revokes_tokens_in_the_admin(demo, personas):
    record, token = api_token_create(user=personas.bacninh, name="Hệ thống tỉnh")
    admin = _signed_in(personas.admin)
    changelist = reverse("admin:api_apitoken_changelist")
    page = admin.get(changelist)
    assert page.status_code == 200
    assert "Hệ thống tỉnh" in page.content.decode()
    assert token not in page.content.decode()
    response = admin.post(changelist, {"action": "revoke", "_selected_action": [record.pk]}, follow=True)
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.revoked_by == personas.admin
    assert Client(headers=bearer(token)).get(PROGRAMMES).status_code == 401
    assert admin.get(reverse("admin:api_apitoken_add")).status_code == 403


def test_the_last_use_is_recorded(demo, personas):
    record, token = api_token_create(user=personas.viewer, name="Kiểm thử")
    assert record.last_used_at is None
    Client(headers=bearer(token)).get(PROGRAMMES)
    record.refresh_from_db()
    assert record.last_used_at is not None
