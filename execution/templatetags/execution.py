"""The project page's section on execution (inspections; progress, effect, appraisals, units in later parts).

An inclusion tag, so that the project page (below execution in the layers) needs no import of it.
"""

from django import template

from execution import selectors
from execution.validation import UNDER_WAY_STATUSES
from policy.access import may
from projects.lifecycle import ACCEPTED_STATUSES, EDITABLE_STATUSES, appraisal_level
from projects.services import available_actions

register = template.Library()


@register.inclusion_tag("execution/_project_section.html", takes_context=True)
def execution_section(context, project):
    user = context["request"].user
    return {
        "project": project,
        "request": context["request"],
        "inspections": selectors.project_inspections(project),
        "can_inspect": may(user, "execution.add_inspection", project),
        "progress_reports": selectors.project_progress_reports(project),
        "appraisals": selectors.project_appraisals(project),
        "parties": selectors.project_parties(project),
        "can_add_party": may(user, "execution.add_projectparty", project) and project.status in EDITABLE_STATUSES,
        "can_appraise": appraisal_level(project.status) is not None
        and "appraise" in available_actions(project)
        and may(user, "projects.appraise_project", project),
        "effect": selectors.project_effect(project),
        "can_effect": may(user, "execution.change_effect", project) and project.status in ACCEPTED_STATUSES,
        "can_report": may(user, "execution.add_progressreport", project) and project.status in UNDER_WAY_STATUSES,
    }
