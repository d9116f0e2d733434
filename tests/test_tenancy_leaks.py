"""No identifier of another tenant's record reaches a page, an export or a report.

For every GET route of the URL matrix that a persona may reach (pages, JSON, the read API), and for
the reports in every format (CSV, JSON, and Excel and PDF read back as text) and the list pages with
search and filter parameters pointed at the other tenant, the response must not name one record of
the other side: a project code, a local programme code, a beneficiary's tax code or name, a commune's
name. The identifiers are read from the database, not from the access policy under test; strings the
viewer's own side also carries (a name two provinces share) are left out.

Sides: Bắc Ninh's staff `bacninh` against Hà Nội, Hà Nội's staff `canbo` against Bắc Ninh, and the
commune officer `xa` (Phú Nghĩa, with old Chương Mỹ) against district B (Thường Tín, `huyen_b`).
"""

import io
import re
import subprocess
from urllib.parse import unquote_plus, urlencode

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AdministrativeUnit, UnitLevel
from programs.models import Programme, ProgrammeLevel
from projects.models import Beneficiary, Project
from tests.test_url_matrix import objects  # noqa: F401 — the shared object fixture
from tests.url_matrix import MATRIX

# Each test fetches a hundred pages and renders PDF and Excel reports: `make test-fast` skips it.
pytestmark = pytest.mark.slow

# The user guide is the same document for everyone and names no record; its PDF takes half a minute.
SKIPPED_NAMESPACES = ("guide:",)
REPORT_KINDS = ("summary", "units", "projects", "entries")
EXPORT_FORMATS = ("csv", "json", "xlsx")


def _units_below(roots: set[int]) -> set[int]:
    """Every unit under `roots`, old and new, read from the unit tree itself (not through policy.access)."""
    children: dict[int, list[int]] = {}
    for pk, parent in AdministrativeUnit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(roots), list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _province(*names: str) -> set[int]:
    roots = set(
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, name__in=names).values_list("pk", flat=True)
    )
    assert roots, names
    return _units_below(roots)


def _identifiers(units: set[int], *, communes: bool) -> set[str]:
    """What names a record kept on `units`: project and local programme codes, beneficiaries, communes."""
    marks = set(Project.objects.filter(administrative_unit__in=units).values_list("code", flat=True)) | set(
        Project.objects.filter(
            programme__level=ProgrammeLevel.LOCAL, programme__administrative_unit__in=units
        ).values_list("code", flat=True)
    )
    marks |= set(
        Programme.objects.filter(level=ProgrammeLevel.LOCAL, administrative_unit__in=units).values_list(
            "code", flat=True
        )
    )
    for name, tax_code in Beneficiary.objects.filter(administrative_unit__in=units).values_list("name", "tax_code"):
        marks |= {name, tax_code}
    if communes:
        marks |= set(
            AdministrativeUnit.objects.filter(
                pk__in=units, level__in=(UnitLevel.COMMUNE, UnitLevel.DISTRICT)
            ).values_list("name", flat=True)
        )
    return {mark for mark in marks if mark and len(mark) >= 6}


def _side(viewer: str, personas) -> tuple[set[str], set[int]]:
    """The other side's identifiers for `viewer`, less those its own side carries too; and the other side's units."""
    hanoi, bac_ninh = _province("Thành phố Hà Nội"), _province("Tỉnh Bắc Ninh", "Tỉnh Bắc Giang")
    if viewer == "bacninh":
        other, own, communes = hanoi, bac_ninh, True
    elif viewer == "staff":
        other, own, communes = bac_ninh, hanoi, True
    else:  # xa against district B: Thường Tín's units, old and new
        district_b = personas.officer_b.organisation.administrative_unit_id
        other = _units_below({district_b})
        own = _units_below(
            {personas.xa.organisation.administrative_unit_id, personas.officer_a.organisation.administrative_unit_id}
        )
        communes = False  # the province's communes are the officer's to pick among after 2025
    return _identifiers(other, communes=communes) - _identifiers(own, communes=communes), other


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    if "pdf" in kind:
        return subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True).stdout.decode()
    return body.decode("utf-8", errors="replace")


def _urls(viewer: str, objects: dict, other_units: set[int], marks: set[str]) -> list[str]:  # noqa: F811
    urls = []
    for route in MATRIX:
        if route.public or not route.get or viewer not in route.get or route.name.startswith(SKIPPED_NAMESPACES):
            continue
        url = reverse(route.name, kwargs=route.kwargs(objects))
        query = route.query(objects)
        urls.append(f"{url}?{urlencode(query)}" if query else url)
    own = objects["programme_bn"] if viewer == "bacninh" else objects["programme"]
    other_programme = objects["programme"] if viewer == "bacninh" else objects["programme_bn"]
    other_unit = min(
        AdministrativeUnit.objects.filter(pk__in=other_units, level=UnitLevel.DISTRICT).values_list("pk", flat=True),
        default=0,
    )
    for programme in (own, objects["national"]):
        for kind in REPORT_KINDS:
            base = reverse("reports:report", kwargs={"code": programme.code, "kind": kind})
            urls += [base, *(f"{base}?format={fmt}" for fmt in EXPORT_FORMATS), f"{base}?unit={other_unit}"]
        urls.append(reverse("reports:report", kwargs={"code": programme.code, "kind": "summary"}) + "?format=pdf")
        urls.append(reverse("reports:overview", kwargs={"code": programme.code}) + f"?unit={other_unit}")
    # Searches and filters aimed at the other side.
    probe = sorted(marks)[:3]
    for text in probe:
        urls += [
            f"{reverse('projects:list')}?{urlencode({'q': text})}",
            f"{reverse('projects:beneficiary_list')}?{urlencode({'q': text})}",
            f"{reverse('projects:unit_search')}?{urlencode({'q': text})}",
        ]
    urls += [
        f"{reverse('projects:list')}?programme={other_programme.pk}",
        f"{reverse('projects:list')}?unit={other_unit}",
        f"{reverse('budgets:disbursement_list')}?programme={other_programme.pk}",
        f"{reverse('imports:index')}?programme={other_programme.code}&year=2020&kind=plan",
    ]
    return urls


@pytest.mark.parametrize("viewer", ["bacninh", "staff", "xa"])
def test_no_page_export_or_report_names_another_tenants_record(viewer, objects, personas):  # noqa: F811
    marks, other_units = _side(viewer, personas)
    assert len(marks) >= 5, "the other side has records to look for"
    client = Client()
    client.force_login(getattr(personas, viewer))
    leaks: list[str] = []
    for url in _urls(viewer, objects, other_units, marks):
        response = client.get(url)
        assert response.status_code < 500, f"{viewer} GET {url}: {response.status_code}"
        if response.status_code != 200:
            continue  # refused, or sent elsewhere (a big export goes to a background job)
        text = _text(response)
        # Whole words only («Phường Hồ» is not in «Phường Hồng Hà»); a search box echoes the text searched for.
        asked = unquote_plus(url.partition("?")[2])
        found = sorted(m for m in marks if m not in asked and re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text))
        if found:
            leaks.append(f"{url}: {found[:5]}")
    assert not leaks, f"{viewer} sees another tenant's records:\n" + "\n".join(leaks)
