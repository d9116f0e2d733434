"""A project's life: every legal move is dated and attributed; every illegal one raises its named error."""

import pytest

from projects.models import Project, ProjectStatus, ProjectTransition
from projects.services import (
    CommentRequired,
    IllegalProjectTransition,
    MinistryAppraisalNotApplicable,
    MinistryAppraisalRequired,
    SettlementExceedsSupport,
    UnknownProjectAction,
    available_actions,
    project_transition,
)


@pytest.fixture
def draft(demo):
    return Project.objects.get(code="HN2020-CM-001")


@pytest.fixture
def national_draft(demo):
    project = Project.objects.filter(programme=demo.national).first()
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT, settled_amount=None)
    project.refresh_from_db()
    return project


def _walk(project, user, *actions):
    for action in actions:
        project_transition(project=project, action=action, user=user, comment="Ý kiến")


def test_a_local_project_goes_from_draft_to_settled(draft, personas):
    _walk(draft, personas.staff, "propose", "appraise", "approve", "start", "accept")
    project_transition(project=draft, action="settle", user=personas.staff, settled_amount=draft.support_total - 1)
    draft.refresh_from_db()
    assert draft.status == ProjectStatus.SETTLED
    assert draft.settled_amount == draft.support_total - 1
    steps = list(draft.transitions.order_by("at", "id").values_list("action", "to_status", "actor__username"))
    assert steps[-6:] == [
        ("propose", "proposed", "canbo"),
        ("appraise", "appraised_department", "canbo"),
        ("approve", "approved", "canbo"),
        ("start", "under_way", "canbo"),
        ("accept", "accepted", "canbo"),
        ("settle", "settled", "canbo"),
    ]
    assert all(t.at is not None for t in draft.transitions.all())


def test_a_national_project_is_appraised_twice(national_draft, personas):
    _walk(national_draft, personas.staff, "propose", "appraise")
    with pytest.raises(MinistryAppraisalRequired):
        project_transition(project=national_draft, action="approve", user=personas.leader)
    _walk(national_draft, personas.staff, "appraise", "approve")
    national_draft.refresh_from_db()
    assert national_draft.status == ProjectStatus.APPROVED


def test_a_local_project_is_not_appraised_by_the_ministry(draft, personas):
    _walk(draft, personas.staff, "propose", "appraise")
    with pytest.raises(MinistryAppraisalNotApplicable):
        project_transition(project=draft, action="appraise", user=personas.staff)


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ((), "approve"),  # a draft cannot be approved
        ((), "settle"),
        (("propose",), "start"),  # proposed is not yet approved
        (("propose",), "propose"),
        (("propose", "appraise", "approve"), "accept"),  # never started
        (("propose", "appraise", "approve", "start", "accept"), "cancel"),  # accepted work is settled, not cancelled
        (("propose", "reject"), "propose"),  # a rejection is final
    ],
)
def test_each_illegal_move_raises_illegal_transition(draft, personas, path, action):
    _walk(draft, personas.staff, *path)
    status_before = Project.objects.get(pk=draft.pk).status
    transitions_before = ProjectTransition.objects.filter(project=draft).count()
    with pytest.raises(IllegalProjectTransition):
        project_transition(project=draft, action=action, user=personas.staff, comment="x")
    assert Project.objects.get(pk=draft.pk).status == status_before
    assert ProjectTransition.objects.filter(project=draft).count() == transitions_before


def test_a_settled_project_cannot_move(demo, personas):
    settled = Project.objects.filter(status=ProjectStatus.SETTLED).first()
    for action in ("propose", "approve", "cancel", "adjust", "settle"):
        with pytest.raises(IllegalProjectTransition):
            project_transition(project=settled, action=action, user=personas.staff, comment="x")


@pytest.mark.parametrize("action", ["return", "reject"])
def test_returning_or_rejecting_needs_a_reason(draft, personas, action):
    _walk(draft, personas.staff, "propose")
    with pytest.raises(CommentRequired):
        project_transition(project=draft, action=action, user=personas.staff, comment="   ")


def test_a_returned_project_can_be_proposed_again(draft, personas):
    _walk(draft, personas.staff, "propose", "return", "propose")
    assert Project.objects.get(pk=draft.pk).status == ProjectStatus.PROPOSED


def test_an_unknown_action_is_named(draft, personas):
    with pytest.raises(UnknownProjectAction):
        project_transition(project=draft, action="teleport", user=personas.staff)


def test_settlement_cannot_exceed_support(draft, personas):
    _walk(draft, personas.staff, "propose", "appraise", "approve", "start", "accept")
    with pytest.raises(SettlementExceedsSupport):
        project_transition(project=draft, action="settle", user=personas.staff, settled_amount=draft.support_total + 1)


def test_available_actions_follow_the_status(draft, personas):
    assert set(available_actions(draft)) == {"propose", "cancel"}
    _walk(draft, personas.staff, "propose")
    assert set(available_actions(draft)) == {"return", "reject", "appraise", "cancel"}
