"""The role × URL × object matrix: who may reach each URL, for objects of each scope.

Every URL pattern of the site must appear here (tests/test_url_matrix.py
fails otherwise). To add a page: add one `Route` per object scope it serves,
naming the personas allowed. Anyone not named must get 403 or 404; an
anonymous visitor is sent to the login page unless the route is public.

Object scopes: `*_a` belongs to district A (Chương Mỹ, officer_a = huyen),
`*_b` to district B (Thường Tín, officer_b = huyen_b); `programme`,
`allocation` are province level.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ("staff", "leader", "officer_a", "officer_b", "viewer", "admin")
EVERYONE = frozenset(PERSONAS)
PROVINCE = frozenset({"staff", "leader", "viewer", "admin"})
PLANNERS = frozenset({"staff", "leader"})
PROPOSERS = PLANNERS | {"officer_a", "officer_b"}
LOCKERS = frozenset({"leader", "admin"})


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: Callable[[dict], dict] = field(default=lambda objects: {})
    get: frozenset[str] | None = None  # None: GET is not offered (405 for everyone)
    post: frozenset[str] | None = None  # None: not a state-changing endpoint
    public: bool = False  # reachable without signing in (login, logout, language)
    scope: str = ""
    query: Callable[[dict], dict] = field(default=lambda objects: {})  # GET parameters


def _pk(key: str) -> Callable[[dict], dict]:
    return lambda objects: {"pk": objects[key].pk}


MATRIX: list[Route] = [
    Route("home", get=EVERYONE),
    Route("login", public=True),
    Route("logout", public=True),
    Route("set_language", public=True),
    Route("ops:health", public=True),  # the load balancer's probe: answers everyone, reveals nothing
    Route("password_change", get=EVERYONE, post=EVERYONE),
    Route("password_change_done", get=EVERYONE),
    # Programmes, plans, results, locks
    Route("programs:list", get=EVERYONE),
    Route("programs:locks", get=LOCKERS),
    Route("programs:detail", _pk("programme"), get=EVERYONE, scope="province"),
    Route(
        "programs:plan",
        lambda o: {"pk": o["programme"].pk, "year": 2020},
        get=EVERYONE,
        post=PLANNERS,
        scope="province",
    ),
    Route("programs:lock", lambda o: {"pk": o["programme"].pk, "year": 2020}, post=LOCKERS, scope="province"),
    Route("programs:results", _pk("programme"), get=EVERYONE, scope="province"),
    Route("programs:result_create", _pk("programme"), get=PROPOSERS, post=PROPOSERS, scope="province"),
    Route(
        "programs:result_edit", _pk("result_a"), get=PROVINCE | {"officer_a"}, post=PLANNERS | {"officer_a"}, scope="a"
    ),
    Route(
        "programs:result_edit", _pk("result_b"), get=PROVINCE | {"officer_b"}, post=PLANNERS | {"officer_b"}, scope="b"
    ),
    # Projects
    Route("projects:list", get=EVERYONE),
    Route("projects:create", get=PROPOSERS, post=PROPOSERS),
    Route("projects:detail", _pk("project_a"), get=PROVINCE | {"officer_a"}, scope="a"),
    Route("projects:detail", _pk("project_b"), get=PROVINCE | {"officer_b"}, scope="b"),
    Route("projects:edit", _pk("project_a"), get=PLANNERS | {"officer_a"}, post=PLANNERS | {"officer_a"}, scope="a"),
    Route("projects:edit", _pk("project_b"), get=PLANNERS | {"officer_b"}, post=PLANNERS | {"officer_b"}, scope="b"),
    Route("projects:outputs", _pk("project_a"), get=PROVINCE | {"officer_a"}, post=PLANNERS | {"officer_a"}, scope="a"),
    Route("projects:outputs", _pk("project_b"), get=PROVINCE | {"officer_b"}, post=PLANNERS | {"officer_b"}, scope="b"),
    Route(
        "projects:action",
        lambda o: {"pk": o["project_a"].pk, "action": "propose"},
        post=PLANNERS | {"officer_a"},
        scope="a",
    ),
    Route(
        "projects:action",
        lambda o: {"pk": o["project_b"].pk, "action": "propose"},
        post=PLANNERS | {"officer_b"},
        scope="b",
    ),
    Route(
        "projects:action",
        lambda o: {"pk": o["appraised_a"].pk, "action": "approve"},
        post=frozenset({"leader"}),
        scope="a",
    ),
    Route(
        "projects:action",
        lambda o: {"pk": o["project_a"].pk, "action": "appraise"},
        post=PLANNERS,
        scope="a",
    ),
    Route("projects:beneficiary_list", get=EVERYONE),
    Route("projects:beneficiary_create", get=PROPOSERS, post=PROPOSERS),
    Route("projects:beneficiary_detail", _pk("beneficiary_a"), get=PROVINCE | {"officer_a"}, scope="a"),
    Route("projects:beneficiary_detail", _pk("beneficiary_b"), get=PROVINCE | {"officer_b"}, scope="b"),
    Route(
        "projects:beneficiary_edit",
        _pk("beneficiary_a"),
        get=PLANNERS | {"officer_a"},
        post=PLANNERS | {"officer_a"},
        scope="a",
    ),
    Route(
        "projects:beneficiary_edit",
        _pk("beneficiary_b"),
        get=PLANNERS | {"officer_b"},
        post=PLANNERS | {"officer_b"},
        scope="b",
    ),
    # Money
    Route("budgets:allocation_list", get=PROVINCE),
    Route("budgets:allocation_create", get=PLANNERS, post=PLANNERS),
    Route("budgets:allocation_edit", _pk("allocation"), get=PROVINCE, post=PLANNERS, scope="province"),
    Route("budgets:disbursement_list", get=EVERYONE),
    Route("budgets:disbursement_create", get=PLANNERS, post=PLANNERS),
    Route("budgets:disbursement_detail", _pk("disbursement_a"), get=PROVINCE | {"officer_a"}, scope="a"),
    Route("budgets:disbursement_detail", _pk("disbursement_b"), get=PROVINCE | {"officer_b"}, scope="b"),
    # Reports: every signed-in role, each seeing its own scope of the figures (tests/test_reports_scope.py).
    # The pages answer a POST like a GET (the report page's POST is the export), changing nothing.
    Route("reports:index", get=EVERYONE, post=EVERYONE),
    Route("reports:overview", lambda o: {"code": o["programme"].code}, get=EVERYONE, post=EVERYONE, scope="province"),
    Route(
        "reports:report",
        lambda o: {"code": o["programme"].code, "kind": "summary"},
        get=EVERYONE,
        post=EVERYONE,
        scope="province",
    ),
    # Excel import. An upload is checked against the role and the kind of workbook while it is read:
    # a refused upload is recorded and shown on its preview page, never written (tests/test_imports.py).
    Route("imports:index", get=EVERYONE),
    Route(
        "imports:template",
        query=lambda o: {"programme": o["programme"].code, "year": 2020, "kind": "plan"},
        get=PLANNERS | {"admin"},
        scope="province",
    ),
    Route(
        "imports:template",
        query=lambda o: {"programme": o["programme"].code, "year": 2020, "kind": "results"},
        get=PROPOSERS | {"admin"},
        scope="province",
    ),
    Route("imports:upload", post=EVERYONE),
    Route("imports:preview", lambda o: {"batch_id": o["batch_a"].pk}, get=frozenset({"officer_a"}), scope="a"),
    Route("imports:confirm", lambda o: {"batch_id": o["batch_a"].pk}, post=frozenset({"officer_a"}), scope="a"),
    # Background exports: anyone signed in may ask for one; a job is seen only by the person who asked.
    Route("reports:job_list", get=EVERYONE, post=EVERYONE),
    Route("reports:job_detail", _pk("job_a"), get=frozenset({"officer_a"}), scope="a"),
    Route("reports:job_status", _pk("job_a"), get=frozenset({"officer_a"}), scope="a"),
    Route("reports:job_download", _pk("job_a"), get=frozenset({"officer_a"}), scope="a"),
    # The user guide: every chapter is open to everyone signed in (a person may help a colleague of another role).
    Route("guide:index", get=EVERYONE),
    Route("guide:chapter", lambda o: {"slug": "can-bo-so"}, get=EVERYONE),
    Route("guide:pdf", get=EVERYONE),
    # A missing screenshot answers 404 to everyone, so the row names the roles only where the file exists.
    Route("guide:screenshot", lambda o: {"slug": "can-bo-so", "step": "khong-co"}, get=frozenset()),
]

# URL namespaces guarded by their own machinery and left out of the matrix.
EXCLUDED_NAMESPACES = {"admin"}
