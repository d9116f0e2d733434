"""`{% help_url %}`: the guide chapter of the signed-in user's role, at the step about the current page."""

from django import template
from django.urls import reverse

from guide.chapters import anchor_for, chapter_for_role

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context: template.Context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    chapter = chapter_for_role(getattr(user, "role", ""))
    if chapter is None:
        return reverse("guide:index")
    match = getattr(request, "resolver_match", None)
    url_name = match.view_name if match else ""
    return reverse("guide:chapter", args=[chapter.slug]) + anchor_for(chapter, url_name)
