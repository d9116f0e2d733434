"""Schemathesis fuzzes the read API against its own OpenAPI document, on the running application.

A live server serves the demo; Bắc Ninh's token calls every operation with up to 25 generated cases
each. Three things must hold for every response: no server error, the body conforms to the
document, and no row belongs to another province (checked against sets of Hà Nội's records worked
out apart from policy.access, from each record's programme and unit).
"""

import time
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.services import api_token_create
from budgets.models import Allocation, Disbursement
from programs.models import Programme, ProgrammeLevel
from projects.models import Project
from tests.api_support import bearer, of_provinces, province_names_of_project

BAC_NINH = {"Bắc Ninh", "Bắc Giang"}  # Bắc Giang merged into Bắc Ninh on 1/7/2025: one tenant
MAX_EXAMPLES = 25


def _foreign_ids() -> dict[str, set[int]]:
    """The ids of every record that is not Bắc Ninh's to read, by kind."""
    programmes = {
        p.pk
        for p in Programme.objects.filter(level=ProgrammeLevel.LOCAL).select_related("administrative_unit")
        if not of_provinces([p.administrative_unit.province().name], BAC_NINH)  # type: ignore[union-attr]
    }
    places = province_names_of_project(Project.objects.values_list("pk", flat=True))
    projects = {pk for pk, name in places.items() if not of_provinces([name], BAC_NINH)}
    disbursements = set(Disbursement.objects.filter(programme_id__in=programmes).values_list("pk", flat=True)) | set(
        Disbursement.objects.filter(project_id__in=projects).values_list("pk", flat=True)
    )
    allocations = set(Allocation.objects.filter(programme_id__in=programmes).values_list("pk", flat=True))
    return {"programmes": programmes, "projects": projects, "disbursements": disbursements, "allocations": allocations}


MODELS: dict[str, Any] = {
    "programmes": Programme,
    "projects": Project,
    "allocations": Allocation,
    "disbursements": Disbursement,
}


def _known_ids(kind: str, foreign: set[int]) -> list[int]:
    """A few ids that exist: some of Bắc Ninh's reach (answered) and some of another province (404)."""
    ids = list(MODELS[kind].objects.order_by("pk").values_list("pk", flat=True))
    own = [pk for pk in ids if pk not in foreign]
    other = [pk for pk in ids if pk in foreign]
    return own[:4] + own[-2:] + other[:4] + other[-2:]


def _kind(path: str) -> str:
    return path.removeprefix("/api/v1/").split("/")[0]


def _check_no_foreign_row(path: str, case_path: dict, body: object, foreign: dict[str, set[int]]) -> None:
    kind = _kind(path)
    if "{pk}" in path:
        # A programme's contents, targets and money, or one record: the record itself must be Bắc Ninh's to read.
        assert case_path["pk"] not in foreign[kind], f"{path} served {kind} {case_path['pk']} of another province"
        return
    assert isinstance(body, dict)
    for item in body["items"]:
        assert item["id"] not in foreign[kind], f"{path} listed {kind} {item['id']} of another province"
        if kind == "disbursements" and item["project_id"]:
            assert item["project_id"] not in foreign["projects"]
        if kind in ("disbursements", "allocations", "projects"):
            assert item["programme_id"] not in foreign["programmes"]


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_no_schema_break_and_no_row_of_another_province(
    transactional_db, demo, personas, live_server, demo_restored_afterwards
):
    _, token = api_token_create(user=personas.bacninh, name="Kiểm thử tự động")
    headers = bearer(token)
    foreign = _foreign_ids()
    assert foreign["programmes"]
    assert foreign["projects"]
    assert foreign["disbursements"]
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    started = time.monotonic()
    examples: dict[str, int] = {}
    statuses: dict[int, int] = {}

    def fuzz(operation) -> None:
        label = f"{operation.method.upper()} {operation.path}"
        examples[label] = 0

        strategy = operation.as_strategy()
        if "{pk}" in operation.path:
            # Random ids seldom hit a record: existing ones, of both provinces, are drawn too.
            known = _known_ids(_kind(operation.path), foreign[_kind(operation.path)])
            strategy = st.one_of(strategy, *[operation.as_strategy(path_parameters={"pk": pk}) for pk in known])

        @given(case=strategy)
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # the same cases every run: a failure can be replayed
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case) -> None:
            examples[label] += 1
            response = case.call(base_url=live_server.url, headers=headers, timeout=60)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
            if response.status_code == 200:
                _check_no_foreign_row(operation.path, case.path_parameters or {}, response.json(), foreign)

        call()

    for result in schema.get_all_operations():
        fuzz(result.ok())

    elapsed = time.monotonic() - started
    print(
        f"schemathesis: {sum(examples.values())} cases over {len(examples)} operations in {elapsed:.1f} s; {statuses}"
    )
    assert len(examples) == 11, examples
    assert all(examples.values()), examples
    assert statuses.get(200, 0) > 0
