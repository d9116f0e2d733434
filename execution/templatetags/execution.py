"""The project page's section on execution (inspections; progress, effect, appraisals, units in later parts).

An inclusion tag, so that the project page (below execution in the layers) needs no import of it.
"""

from django import template

from accounts.access import may
from execution import selectors

register = template.Library()


@register.inclusion_tag("execution/_project_section.html", takes_context=True)
def execution_section(context, project):
    user = context["request"].user
    return {
        "project": project,
        "request": context["request"],
        "inspections": selectors.project_inspections(project),
        "can_inspect": may(user, "execution.add_inspection", project),
    }
