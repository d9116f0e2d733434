from django import template

from notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The bell's figure: one COUNT query per page, only for a signed-in user."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_count(user) if user is not None else 0
