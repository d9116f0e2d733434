"""A database that cannot be reached: the Vietnamese 503 page, from a view or from a middleware."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from khuyencong.unavailable import DatabaseUnavailableMiddleware, server_error_or_unavailable

TITLE = "Dịch vụ tạm thời gián đoạn"


def _middleware() -> DatabaseUnavailableMiddleware:
    return DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))


def test_a_view_that_loses_the_database_answers_the_vietnamese_503_page():
    request = RequestFactory().get("/projects/")
    for error in (OperationalError("server closed the connection unexpectedly"), InterfaceError("closed")):
        response = _middleware().process_exception(request, error)
        assert response.status_code == 503
        assert response["Retry-After"] == "10"
        page = response.content.decode()
        assert TITLE in page
        assert "Traceback" not in page
        assert "server closed" not in page


def test_other_errors_are_left_to_the_usual_500():
    assert _middleware().process_exception(RequestFactory().get("/"), ValueError("x")) is None


def test_a_database_error_raised_by_a_middleware_reaches_the_503_page_too():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        assert sys.exc_info()[1] is not None
        response = server_error_or_unavailable(request)
    assert response.status_code == 503
    assert TITLE in response.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error_or_unavailable(request).status_code == 500
