"""Every refusal of the API as JSON with a Vietnamese message: {"detail": …, "errors": [{field, message}]}."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from programs.services import YearOutsideProgramme

UNAUTHORISED = "Cần đăng nhập hoặc gửi mã truy cập API hợp lệ trong tiêu đề «Authorization: Bearer …»."
NOT_FOUND = "Không tìm thấy."
FORBIDDEN = "Bạn không có quyền xem dữ liệu này."
INVALID = "Tham số không hợp lệ."


def _field_message(error: dict[str, Any]) -> str:
    """A pydantic error said in Vietnamese."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "missing":
        return "Thiếu tham số bắt buộc."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "Phải là số nguyên."
    if kind == "greater_than_equal":
        return f"Phải lớn hơn hoặc bằng {context.get('ge')}."
    if kind == "greater_than":
        return f"Phải lớn hơn {context.get('gt')}."
    if kind == "less_than_equal":
        return f"Phải nhỏ hơn hoặc bằng {context.get('le')}."
    if kind == "less_than":
        return f"Phải nhỏ hơn {context.get('lt')}."
    if kind in ("enum", "literal_error"):
        return f"Phải là một trong: {context.get('expected', '')}."
    if kind in ("bool_parsing", "bool_type"):
        return "Phải là true hoặc false."
    return "Giá trị không hợp lệ."


def _field_name(error: dict[str, Any]) -> str:
    # ninja prefixes the location ("query", "path"); the caller knows only the parameter's name.
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    return ".".join(location) or "?"


def install(api: NinjaAPI) -> None:
    def json(request: HttpRequest, status: int, detail: str, errors: list | None = None) -> HttpResponse:
        return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
        response = json(request, 401, UNAUTHORISED)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return json(request, 404, NOT_FOUND)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return json(request, 403, FORBIDDEN)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{"field": _field_name(e), "message": _field_message(e)} for e in exc.errors]
        return json(request, 422, INVALID, errors)

    @api.exception_handler(YearOutsideProgramme)
    def outside(request: HttpRequest, exc: Exception) -> HttpResponse:
        return json(request, 422, str(exc), [{"field": "year", "message": str(exc)}])
