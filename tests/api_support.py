"""Helpers of the API tests: a client carrying a fresh token of a user, and each record's province read apart."""

from collections.abc import Iterable

from django.test import Client

from accounts.models import User
from api.services import api_token_create
from programs.models import ProgrammeLevel
from projects.models import Project


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def api_client(user: User) -> Client:
    """A client that authenticates with a token of `user` (no session)."""
    _, token = api_token_create(user=user, name="Kiểm thử")
    return Client(headers=bearer(token))


def province_names_of_project(ids: Iterable[int]) -> dict[int, str]:
    """The province of each project, walked up the units in Python rather than through policy.access.

    A local programme's project is its programme's province; a national programme's, the province of
    the unit it is carried out in.
    """
    projects = Project.objects.filter(pk__in=list(ids)).select_related("programme__administrative_unit")
    names = {}
    for project in projects:
        if project.programme.level == ProgrammeLevel.LOCAL:
            unit = project.programme.administrative_unit
        else:
            unit = project.administrative_unit
        names[project.pk] = unit.province().name  # type: ignore[union-attr]
    return names


def of_provinces(names: Iterable[str], provinces: set[str]) -> bool:
    """Every name is one of the provinces' ("Thành phố Hà Nội" is of "Hà Nội")."""
    return all(any(name.endswith(province) for province in provinces) for name in names)
