"""The project list's dropdowns hold what the chosen programme or the user's province needs, not the nation."""

from django.test import Client
from django.urls import reverse

from accounts.models import AdministrativeUnit, UnitLevel
from programs.models import Content


def _choices(response, field: str) -> set[str]:
    return {str(value) for value, _ in response.context["filter"].form.fields[field].choices if value != ""}


def test_it_lists_only_the_chosen_programmes_contents(demo, personas):
    client = Client()
    client.force_login(personas.staff)
    response = client.get(reverse("projects:list"), {"programme": demo.hn2016.pk})
    assert response.status_code == 200
    own = {str(pk) for pk in Content.objects.filter(programme=demo.hn2016).values_list("pk", flat=True)}
    assert own
    assert _choices(response, "content") == own
    everything = client.get(reverse("projects:list"))
    # Every content of the programmes Hà Nội's staff may see; none of Bắc Ninh's programme.
    visible = Content.objects.exclude(programme__code="BN-BCSP").values_list("pk", flat=True)
    assert _choices(everything, "content") == {str(pk) for pk in visible}


def test_it_lists_the_districts_of_the_programmes_province(demo, personas):
    client = Client()
    client.force_login(personas.staff)
    response = client.get(reverse("projects:list"), {"programme": demo.hn2016.pk})
    province = demo.hn2016.administrative_unit
    districts = AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)
    expected = districts.filter(parent=province) if districts.filter(parent=province).exists() else districts
    assert _choices(response, "administrative_unit") == {str(pk) for pk in expected.values_list("pk", flat=True)}
    assert str(personas.officer_a.organisation.administrative_unit_id) in _choices(response, "administrative_unit")


def test_an_officer_still_sees_only_their_own_unit(demo, personas):
    client = Client()
    client.force_login(personas.officer_a)
    response = client.get(reverse("projects:list"), {"programme": demo.hn2016.pk})
    assert _choices(response, "administrative_unit") == {str(personas.officer_a.organisation.administrative_unit_id)}


def test_a_nonsense_programme_does_not_break_the_page(demo, personas):
    client = Client()
    client.force_login(personas.staff)
    for value in ("abc", "99999999999999", "-1"):
        assert client.get(reverse("projects:list"), {"programme": value}).status_code == 200
