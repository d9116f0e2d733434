"""A database that cannot be reached answers a Vietnamese 503 page, never a traceback.

While PostgreSQL restarts or fails over, every query raises OperationalError (or
InterfaceError on a connection it closed). The transaction of the request is rolled back
by then, so nothing was half-saved; the user is told to try again, and CONN_HEALTH_CHECKS
(settings) replaces the dead connection at the next request.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.defaults import server_error

logger = logging.getLogger("khuyencong.unavailable")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = "10"


def service_unavailable(request: HttpRequest | None = None) -> HttpResponse:
    # A template without the user or the menu: rendering must not touch the database.
    content = loader.get_template("errors/service_unavailable.html").render()
    response = HttpResponse(content, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = RETRY_AFTER_SECONDS
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_ERRORS)


class DatabaseUnavailableMiddleware:
    """Turns a database that is down, in a view, into the 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return service_unavailable(request)


def server_error_or_unavailable(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a database error raised outside a view (by a middleware: sessions, login
    throttling, history context) reaches here rather than process_exception."""
    if is_database_unavailable(sys.exc_info()[1]):
        logger.warning("Database unavailable for %s %s", request.method, request.path)
        return service_unavailable(request)
    return server_error(request, template_name)
