"""Scoping by role: a district officer sees only their own unit's records."""

from policy.access import visible_beneficiaries, visible_disbursements, visible_projects, visible_results
from projects.models import Project


def test_province_roles_see_every_project_of_their_province(personas):
    hanoi = Project.objects.exclude(programme__code="BN-BCSP").count()
    for user in (personas.staff, personas.leader, personas.viewer):
        assert visible_projects(user).count() == hanoi
    # The administrator and the ministry officer read every province.
    assert visible_projects(personas.admin).count() == Project.objects.count()
    assert visible_projects(personas.bo).count() == Project.objects.count()


def test_a_district_officer_sees_only_their_unit(personas):
    unit_a = personas.officer_a.organisation.administrative_unit_id
    unit_b = personas.officer_b.organisation.administrative_unit_id
    own = visible_projects(personas.officer_a)
    assert own.exists()
    assert set(own.values_list("administrative_unit_id", flat=True)) == {unit_a}
    assert not visible_projects(personas.officer_a).filter(administrative_unit_id=unit_b).exists()
    assert set(visible_beneficiaries(personas.officer_b).values_list("administrative_unit_id", flat=True)) == {unit_b}
    assert not visible_results(personas.officer_a).exclude(administrative_unit_id=unit_a).exists()
    assert not visible_disbursements(personas.officer_a).exclude(project__administrative_unit_id=unit_a).exists()
