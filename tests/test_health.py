from unittest import mock

from django.db.utils import OperationalError


def test_it_answers_ok_when_the_database_does(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_does_not(client, db):
    with mock.patch("ops.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_it_needs_no_login(client, db):
    assert client.get("/health/").status_code == 200
