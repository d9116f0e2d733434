"""Template helpers: permission checks and Vietnamese number formats."""

from decimal import Decimal

from django import template
from django.forms import BoundField
from django.template.context import Context
from django.utils.safestring import SafeString

from accounts.models import User
from khuyencong.formatting import format_money, format_number, format_percent, format_size
from policy.access import may as _may

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: Context, perm: str, obj: object | None = None) -> bool:
    """{% may "projects.change_project" project as can_edit %}"""
    request = context.get("request")
    return bool(request and _may(request.user, perm, obj))


@register.filter
def money(amount: int | None) -> str:
    return format_money(amount)


@register.filter
def number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    return format_number(value, decimals)


@register.filter
def percent(value: Decimal | None, decimals: int = 1) -> str:
    return format_percent(value, decimals)


@register.filter
def filesize(size: int | None) -> str:
    return format_size(size)


@register.filter
def person(user: User | None) -> str:
    """Vietnamese order: family and middle names, then the given name (Nguyễn Văn Cán)."""
    if user is None:
        return "Hệ thống"
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.username


@register.filter
def widget(bound_field: BoundField) -> SafeString:
    """Render a form field's widget, marked invalid (red border) when it carries errors."""
    if not bound_field.errors:
        return bound_field.as_widget()
    css = bound_field.field.widget.attrs.get("class", "")
    return bound_field.as_widget(
        attrs={"class": f"{css} is-invalid", "aria-describedby": f"{bound_field.auto_id}_errors"}
    )
