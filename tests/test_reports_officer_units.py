"""A commune officer's report filters and own-unit helpers use their full unit set.

`xa` works for Phú Nghĩa, which took over part of old Chương Mỹ: their report filter
offers Chương Mỹ, and a report filtered by it shows Chương Mỹ's projects.
"""

from accounts.models import AdministrativeUnit
from policy.access import officer_units
from projects.models import Project
from reports.forms import ReportFilterForm
from reports.scope import Scope


def test_the_commune_officer_may_filter_by_the_old_district_it_took_over(demo, personas):
    chuong_my = personas.officer_a.organisation.administrative_unit_id
    mine = set(AdministrativeUnit.objects.filter(pk__in=officer_units(personas.xa)).values_list("pk", flat=True))
    assert chuong_my in mine
    assert Project.objects.filter(programme=demo.hn2011, administrative_unit_id=chuong_my).exists()

    form = ReportFilterForm({"unit": str(chuong_my)}, programme=demo.hn2011, user=personas.xa)
    assert form.is_valid(), form.errors
    offered = {value for value, _label in form.fields["unit"].choices if value != ""}
    assert chuong_my in offered
    assert offered <= mine

    scope = Scope(programme=demo.hn2011, user=personas.xa, filters=form.filters())
    assert scope.unit_id == chuong_my
    projects = scope.projects()
    assert projects.exists()
    assert set(projects.values_list("administrative_unit_id", flat=True)) == {chuong_my}


def test_the_commune_officer_is_never_offered_another_unit(demo, personas):
    other = personas.officer_b.organisation.administrative_unit_id
    form = ReportFilterForm({"unit": str(other)}, programme=demo.hn2011, user=personas.xa)
    assert not form.is_valid()
