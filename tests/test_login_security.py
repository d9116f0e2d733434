"""Logins are throttled per username *and* address, logged, and demo accounts are closed in production."""

import io
import logging

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from ops.auth import demo_usernames

PASSWORD = "khuyencong"
OFFICE = "10.1.2.3"
ELSEWHERE = "10.9.9.9"


def _login(client: Client, username: str, password: str, address: str):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _logged_in(response) -> bool:
    return response.status_code == 302


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="khuyencong.security")
    return caplog


def _events(caplog, event: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "security_event", None) == event]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_locks_a_username_from_one_address_after_repeated_failures(personas):
    client = Client()
    assert [_login(client, "canbo", "sai-mat-khau", OFFICE).status_code for _ in range(3)] == [200, 200, 429]
    locked = _login(client, "canbo", PASSWORD, OFFICE)
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_does_not_lock_the_whole_office_out(personas):
    attacker = Client()
    for _ in range(5):
        _login(attacker, "canbo", "sai-mat-khau", OFFICE)
    assert _login(attacker, "canbo", PASSWORD, OFFICE).status_code == 429
    # A colleague behind the same address, and the same user from elsewhere, still log in.
    assert _logged_in(_login(Client(), "lanhdao", PASSWORD, OFFICE))
    assert _logged_in(_login(Client(), "canbo", PASSWORD, ELSEWHERE))


@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_forgets_failures_after_a_successful_login(personas):
    client = Client()
    for _ in range(2):
        _login(client, "canbo", "sai-mat-khau", OFFICE)
    assert _logged_in(_login(client, "canbo", PASSWORD, OFFICE))
    client.logout()
    for _ in range(2):
        _login(client, "canbo", "sai-mat-khau", OFFICE)
    assert _logged_in(_login(client, "canbo", PASSWORD, OFFICE))


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_it_believes_the_forwarded_address_only_from_our_proxy(personas, security_log):
    _login(Client(), "canbo", "sai", "127.0.0.1").wsgi_request  # noqa: B018
    Client().post(
        reverse("login"),
        {"username": "xem", "password": "sai"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7",
    )
    Client().post(
        reverse("login"),
        {"username": "xem", "password": "sai"},
        REMOTE_ADDR="198.51.100.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    addresses = [r.security_ip for r in _events(security_log, "login_failed")]
    assert addresses == ["127.0.0.1", "203.0.113.7", "198.51.100.2"]


def test_it_logs_a_login_with_user_address_and_utc_time(personas, security_log):
    _login(Client(), "canbo", PASSWORD, OFFICE)
    [record] = _events(security_log, "login")
    assert record.security_user == "canbo"
    assert record.security_ip == OFFICE
    assert record.security_at.endswith("Z")
    assert "T" in record.security_at
    assert 'user="canbo"' in record.getMessage()
    assert f'ip="{OFFICE}"' in record.getMessage()


def test_it_logs_a_failed_login_without_letting_the_username_forge_lines(personas, security_log):
    _login(Client(), 'ghost"\nlogin user="admin', "x", OFFICE)
    [record] = _events(security_log, "login_failed")
    assert record.security_user == 'ghost"\nlogin user="admin'
    assert "\n" not in record.getMessage()
    assert record.security_ip == OFFICE


def test_it_logs_refused_access(personas, security_log, client):
    client.force_login(personas.viewer)
    assert client.get("/admin/", REMOTE_ADDR=OFFICE).status_code == 302  # not staff: sent to the admin login
    assert client.get("/khong-co-trang-nay/", REMOTE_ADDR=OFFICE).status_code == 404
    client.force_login(personas.admin)
    [record] = _events(security_log, "access_refused")
    assert (record.security_user, record.security_ip, record.security_status) == ("xem", OFFICE, 404)
    assert record.security_path == "/khong-co-trang-nay/"


def test_it_logs_a_forbidden_answer(personas, security_log):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.staff)
    assert client.post(reverse("logout"), REMOTE_ADDR=OFFICE).status_code == 403  # no CSRF token
    [record] = _events(security_log, "access_refused")
    assert (record.security_user, record.security_status, record.security_ip) == ("canbo", 403, OFFICE)


@override_settings(DEMO_ENABLED=False)
def test_it_refuses_demo_logins_in_production(personas, security_log):
    response = _login(Client(), "canbo", PASSWORD, OFFICE)
    assert response.status_code == 200
    assert "_auth_user_id" not in response.wsgi_request.session
    assert [r.security_user for r in _events(security_log, "login_failed")] == ["canbo"]
    # Every demo login, the enterprise's included, has the published password: none gets in.
    assert {"doanhnghiep", "bo", "xa", "bacninh"} <= demo_usernames()
    assert not _logged_in(_login(Client(), "doanhnghiep", PASSWORD, OFFICE))
    # Accounts created for real people still log in.
    assert _logged_in(_login(Client(), "huyen_b", PASSWORD, OFFICE))


@override_settings(DEMO_ENABLED=False)
def test_it_does_not_create_demo_logins_in_production(personas):
    for user in User.objects.filter(username__in=demo_usernames()):
        user.username = f"{user.username}_cu"
        user.save(update_fields=["username"])
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert not User.objects.filter(username__in=demo_usernames()).exists()


def test_it_answers_a_huge_username_with_the_form_not_a_server_error(personas, security_log):
    huge = "Khuyến công " * 40
    client = Client(raise_request_exception=True)
    assert _login(client, huge, "x", OFFICE).status_code == 200
    assert _login(client, huge + "\x00", "x", OFFICE).status_code == 200
    assert [r.security_user for r in _events(security_log, "login_failed")][0] == huge.strip()


@override_settings(AXES_FAILURE_LIMIT=2)
def test_it_still_throttles_a_huge_username(personas):
    huge = "a" * 400
    client = Client(raise_request_exception=True)
    statuses = [_login(client, huge, "x", OFFICE).status_code for _ in range(3)]
    assert statuses[-1] == 429
