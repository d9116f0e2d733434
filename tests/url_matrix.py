"""The role × URL × object matrix: who may reach each URL, for objects of each scope.

Every URL pattern of the site must appear here (tests/test_url_matrix.py
fails otherwise). To add a page: add one `Route` per object scope it serves,
naming the personas allowed. Anyone not named must get 403 or 404; an
anonymous visitor is sent to the login page unless the route is public.

Object scopes: `dn` is the enterprise `doanhnghiep`'s own (its project, establishment, files), which its account
reaches and no other record; `*_a` belongs to district A (Chương Mỹ, officer_a = huyen; the
commune officer `xa` of Phú Nghĩa, which took over part of Chương Mỹ, works on
it too), `*_b` to district B (Thường Tín, officer_b = huyen_b); `programme`,
`allocation` are Hà Nội's province level. Scope `bn` belongs to province B
(Bắc Ninh, its staff `bacninh`): no Hà Nội persona reaches it, and `bacninh`
reaches no Hà Nội record. Scope `national` is the national programme: the
ministry officer `bo` manages it, every province reads it. `bo` and `admin`
read every province; `bo` changes no local programme.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ("staff", "leader", "officer_a", "officer_b", "viewer", "admin", "bacninh", "bo", "xa", "doanhnghiep")
EVERYONE = frozenset(PERSONAS)
# A beneficiary's account (`doanhnghiep`): its own establishment's records only (scope `dn`).
BENEFICIARY = frozenset({"doanhnghiep"})
OFFICIALS = EVERYONE - BENEFICIARY
# Hà Nội's province-wide readers, with the two roles that read every province.
PROVINCE = frozenset({"staff", "leader", "viewer", "admin", "bo"})
PLANNERS = frozenset({"staff", "leader"})
OFFICERS_A = frozenset({"officer_a", "xa"})
PROPOSERS = PLANNERS | OFFICERS_A | {"officer_b"}
LOCKERS = frozenset({"leader", "admin"})
# Everyone of Hà Nội (and the nationwide readers): not Bắc Ninh's staff.
HANOI = OFFICIALS - {"bacninh"}
# Who reaches a Bắc Ninh record: its staff and the nationwide readers.
BN_READ = frozenset({"bacninh", "bo", "admin"})
BN_CHANGE = frozenset({"bacninh"})
MINISTRY = frozenset({"bo"})


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: Callable[[dict], dict] = field(default=lambda objects: {})
    get: frozenset[str] | None = None  # None: GET is not offered (405 for everyone)
    post: frozenset[str] | None = None  # None: not a state-changing endpoint
    public: bool = False  # reachable without signing in (login, logout, language)
    scope: str = ""
    query: Callable[[dict], dict] = field(default=lambda objects: {})  # GET parameters
    # The read API: anonymous gets 401 (not the login page); each persona is tried with a session and a token.
    api: bool = False


def _pk(key: str) -> Callable[[dict], dict]:
    return lambda objects: {"pk": objects[key].pk}


def _pk_and(key: str, **extra: str) -> Callable[[dict], dict]:
    """The object's pk and further URL arguments (an action, a file format)."""
    return lambda objects: {"pk": objects[key].pk, **extra}


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
    Route("programs:locks", get=LOCKERS | MINISTRY),
    Route("programs:detail", _pk("programme"), get=HANOI, scope="province"),
    Route("programs:detail", _pk("programme_bn"), get=BN_READ, scope="bn"),
    Route("programs:detail", _pk("national"), get=OFFICIALS, scope="national"),
    Route(
        "programs:plan",
        lambda o: {"pk": o["programme"].pk, "year": 2020},
        get=HANOI,
        post=PLANNERS,
        scope="province",
    ),
    Route(
        "programs:plan", lambda o: {"pk": o["programme_bn"].pk, "year": 2019}, get=BN_READ, post=BN_CHANGE, scope="bn"
    ),
    # The national plan grid: read by every province, changed by the ministry only.
    Route(
        "programs:plan",
        lambda o: {"pk": o["national"].pk, "year": 2016},
        get=OFFICIALS,
        post=MINISTRY,
        scope="national",
    ),
    # Targets: added by who manages the programme (the ministry for the national one).
    Route("programs:target_create", _pk("programme"), get=PLANNERS, post=PLANNERS, scope="province"),
    Route("programs:target_create", _pk("programme_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    Route("programs:target_create", _pk("national"), get=MINISTRY, post=MINISTRY, scope="national"),
    Route("programs:lock", lambda o: {"pk": o["programme"].pk, "year": 2020}, post=LOCKERS, scope="province"),
    Route("programs:lock", lambda o: {"pk": o["programme_bn"].pk, "year": 2019}, post=frozenset({"admin"}), scope="bn"),
    Route(
        "programs:lock", lambda o: {"pk": o["national"].pk, "year": 2016}, post=MINISTRY | {"admin"}, scope="national"
    ),
    Route("programs:results", _pk("programme"), get=HANOI, scope="province"),
    Route("programs:results", _pk("programme_bn"), get=BN_READ, scope="bn"),
    Route("programs:result_create", _pk("programme"), get=PROPOSERS, post=PROPOSERS, scope="province"),
    Route("programs:result_create", _pk("programme_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    Route("programs:result_edit", _pk("result_a"), get=PROVINCE | OFFICERS_A, post=PLANNERS | OFFICERS_A, scope="a"),
    Route(
        "programs:result_edit", _pk("result_b"), get=PROVINCE | {"officer_b"}, post=PLANNERS | {"officer_b"}, scope="b"
    ),
    Route("programs:result_edit", _pk("result_bn"), get=BN_READ, post=BN_CHANGE, scope="bn"),
    # Projects
    Route("projects:list", get=EVERYONE),
    # The unit picker's search: every signed-in user, each answered from their own reach only.
    Route("projects:unit_search", get=EVERYONE, query=lambda o: {"q": "phu nghia", "on": "2026"}),
    Route("projects:create", get=PROPOSERS | BN_CHANGE, post=PROPOSERS | BN_CHANGE),
    Route("projects:detail", _pk("project_a"), get=PROVINCE | OFFICERS_A, scope="a"),
    Route("projects:detail", _pk("project_b"), get=PROVINCE | {"officer_b"}, scope="b"),
    Route("projects:detail", _pk("project_bn"), get=BN_READ, scope="bn"),
    Route("projects:detail", _pk("national_project"), get=PROVINCE, scope="national"),
    Route("projects:edit", _pk("project_a"), get=PLANNERS | OFFICERS_A, post=PLANNERS | OFFICERS_A, scope="a"),
    Route("projects:edit", _pk("project_b"), get=PLANNERS | {"officer_b"}, post=PLANNERS | {"officer_b"}, scope="b"),
    Route("projects:edit", _pk("project_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    Route("projects:outputs", _pk("project_a"), get=PROVINCE | OFFICERS_A, post=PLANNERS | OFFICERS_A, scope="a"),
    Route("projects:outputs", _pk("project_b"), get=PROVINCE | {"officer_b"}, post=PLANNERS | {"officer_b"}, scope="b"),
    Route("projects:outputs", _pk("project_bn"), get=BN_READ, post=BN_CHANGE, scope="bn"),
    Route(
        "projects:action",
        lambda o: {"pk": o["project_a"].pk, "action": "propose"},
        post=PLANNERS | OFFICERS_A,
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
        lambda o: {"pk": o["draft_bn"].pk, "action": "propose"},
        post=BN_CHANGE,
        scope="bn",
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
    # The ministry's appraisal of a national project the province has appraised first.
    Route(
        "projects:action",
        lambda o: {"pk": o["national_project"].pk, "action": "appraise"},
        post=MINISTRY,
        scope="national",
    ),
    Route("projects:beneficiary_list", get=EVERYONE),
    Route("projects:beneficiary_create", get=PROPOSERS | BN_CHANGE, post=PROPOSERS | BN_CHANGE),
    Route("projects:beneficiary_detail", _pk("beneficiary_a"), get=PROVINCE | OFFICERS_A, scope="a"),
    Route("projects:beneficiary_detail", _pk("beneficiary_b"), get=PROVINCE | {"officer_b"}, scope="b"),
    Route("projects:beneficiary_detail", _pk("beneficiary_bn"), get=BN_READ, scope="bn"),
    Route(
        "projects:beneficiary_edit",
        _pk("beneficiary_a"),
        get=PLANNERS | OFFICERS_A,
        post=PLANNERS | OFFICERS_A,
        scope="a",
    ),
    Route(
        "projects:beneficiary_edit",
        _pk("beneficiary_b"),
        get=PLANNERS | {"officer_b"},
        post=PLANNERS | {"officer_b"},
        scope="b",
    ),
    Route("projects:beneficiary_edit", _pk("beneficiary_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    # Evidence files: uploaded by who works on the project, read by who reads it (policy.access.get_attachment_for).
    # An empty POST to the upload is taken (a message says the file is missing), so it counts as allowed.
    Route("attachments:upload", _pk("project_a"), post=PLANNERS | OFFICERS_A, scope="a"),
    Route("attachments:upload", _pk("project_b"), post=PLANNERS | {"officer_b"}, scope="b"),
    Route("attachments:upload", _pk("project_bn"), post=BN_CHANGE, scope="bn"),
    Route("attachments:download", _pk("attachment_a"), get=PROVINCE | OFFICERS_A, scope="a"),
    Route("attachments:download", _pk("attachment_b"), get=PROVINCE | {"officer_b"}, scope="b"),
    Route("attachments:download", _pk("attachment_bn"), get=BN_READ, scope="bn"),
    Route("attachments:thumbnail", _pk("attachment_a"), get=PROVINCE | OFFICERS_A, scope="a"),
    Route("attachments:thumbnail", _pk("attachment_bn"), get=BN_READ, scope="bn"),
    Route("attachments:upload", _pk("project_dn"), post=PLANNERS | {"xa"} | BENEFICIARY, scope="dn"),
    Route("attachments:download", _pk("attachment_dn"), get=PROVINCE | {"xa"} | BENEFICIARY, scope="dn"),
    # The enterprise's own project and establishment: its account reads them, and nothing else.
    Route("projects:detail", _pk("project_dn"), get=PROVINCE | {"xa"} | BENEFICIARY, scope="dn"),
    Route("projects:beneficiary_detail", _pk("beneficiary_dn"), get=PROVINCE | {"xa"} | BENEFICIARY, scope="dn"),
    # Beneficiaries online: registration is public; the province's planners activate accounts.
    Route("portal:register", public=True),
    Route("portal:home", get=EVERYONE),  # the officials are sent to their own home page
    Route("portal:proposal_create", get=BENEFICIARY, post=BENEFICIARY),
    Route("portal:proposal_edit", _pk("proposal_dn"), get=BENEFICIARY, post=BENEFICIARY, scope="dn"),
    Route("portal:proposal_edit", _pk("project_a"), get=frozenset(), post=frozenset(), scope="a"),
    Route(
        "projects:action",
        lambda o: {"pk": o["proposal_dn"].pk, "action": "propose"},
        post=PLANNERS | {"xa"} | BENEFICIARY,
        scope="dn",
    ),
    Route("portal:registration_list", get=PLANNERS | BN_CHANGE),
    Route("portal:registration_detail", _pk("registration_hn"), get=PLANNERS, scope="province"),
    Route("portal:registration_detail", _pk("registration_bn"), get=BN_CHANGE, scope="bn"),
    Route("portal:registration_activate", _pk("registration_hn"), post=PLANNERS, scope="province"),
    Route("portal:registration_activate", _pk("registration_bn"), post=BN_CHANGE, scope="bn"),
    Route("portal:registration_refuse", _pk("registration_hn"), post=PLANNERS, scope="province"),
    Route("portal:registration_refuse", _pk("registration_bn"), post=BN_CHANGE, scope="bn"),
    # A project under way (execution): each record is reached through its project (policy.access).
    # Field inspection: recorded by the Department's planners, read as the project is.
    Route("execution:inspection_create", _pk("project_dn"), get=PLANNERS, post=PLANNERS, scope="dn"),
    Route("execution:inspection_create", _pk("project_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    Route("execution:inspection_detail", _pk("inspection_dn"), get=PROVINCE | {"xa"} | BENEFICIARY, scope="dn"),
    Route("execution:inspection_detail", _pk("inspection_bn"), get=BN_READ, scope="bn"),
    # Monthly progress: sent by the beneficiary, its commune officer or the Department, for a project under way.
    Route(
        "execution:progress_create",
        _pk("project_dn"),
        get=PLANNERS | {"xa"} | BENEFICIARY,
        post=PLANNERS | {"xa"} | BENEFICIARY,
        scope="dn",
    ),
    Route("execution:progress_create", _pk("project_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    Route("execution:progress_detail", _pk("progress_dn"), get=PROVINCE | {"xa"} | BENEFICIARY, scope="dn"),
    Route("execution:progress_detail", _pk("progress_bn"), get=BN_READ, scope="bn"),
    # The effect after acceptance: entered by the Department's planners or the beneficiary itself.
    Route(
        "execution:effect_edit",
        _pk("project_dn"),
        get=PLANNERS | BENEFICIARY,
        post=PLANNERS | BENEFICIARY,
        scope="dn",
    ),
    Route("execution:effect_edit", _pk("project_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    # Appraisal: the same rule as the life cycle's «Thẩm định» (the province first, the ministry second).
    Route("execution:appraisal_create", _pk("project_dn"), get=PLANNERS, post=PLANNERS, scope="dn"),
    Route("execution:appraisal_create", _pk("project_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    Route("execution:appraisal_create", _pk("national_project"), get=MINISTRY, post=MINISTRY, scope="national"),
    Route("execution:appraisal_detail", _pk("appraisal_dn"), get=PROVINCE | {"xa"} | BENEFICIARY, scope="dn"),
    Route("execution:appraisal_detail", _pk("appraisal_bn"), get=BN_READ, scope="bn"),
    # Contractor and supervising units: entered by the Department's planners.
    Route("execution:party_create", _pk("project_dn"), get=PLANNERS, post=PLANNERS, scope="dn"),
    Route("execution:party_create", _pk("project_bn"), get=BN_CHANGE, post=BN_CHANGE, scope="bn"),
    # Money
    Route("budgets:allocation_list", get=PROVINCE | BN_CHANGE),
    Route("budgets:allocation_create", get=PLANNERS | BN_CHANGE | MINISTRY, post=PLANNERS | BN_CHANGE | MINISTRY),
    Route("budgets:allocation_edit", _pk("allocation"), get=PROVINCE, post=PLANNERS, scope="province"),
    Route("budgets:allocation_edit", _pk("allocation_bn"), get=BN_READ, post=BN_CHANGE, scope="bn"),
    Route(
        "budgets:allocation_edit", _pk("allocation_national"), get=PROVINCE | BN_CHANGE, post=MINISTRY, scope="national"
    ),
    Route("budgets:disbursement_list", get=EVERYONE),
    Route("budgets:disbursement_create", get=PLANNERS | BN_CHANGE, post=PLANNERS | BN_CHANGE),
    Route("budgets:disbursement_detail", _pk("disbursement_a"), get=PROVINCE | OFFICERS_A, scope="a"),
    Route("budgets:disbursement_detail", _pk("disbursement_b"), get=PROVINCE | {"officer_b"}, scope="b"),
    Route("budgets:disbursement_detail", _pk("disbursement_bn"), get=BN_READ, scope="bn"),
    # Reports: every signed-in role, each seeing its own scope of the figures (tests/test_reports_scope.py).
    # The pages answer a POST like a GET (the report page's POST is the export), changing nothing.
    Route("reports:index", get=EVERYONE, post=EVERYONE),
    Route("reports:overview", lambda o: {"code": o["programme"].code}, get=HANOI, post=HANOI, scope="province"),
    Route("reports:overview", lambda o: {"code": o["programme_bn"].code}, get=BN_READ, post=BN_READ, scope="bn"),
    Route(
        "reports:report",
        lambda o: {"code": o["programme"].code, "kind": "summary"},
        get=HANOI,
        post=HANOI,
        scope="province",
    ),
    Route(
        "reports:report",
        lambda o: {"code": o["programme_bn"].code, "kind": "summary"},
        get=BN_READ,
        post=BN_READ,
        scope="bn",
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
    Route(
        "imports:template",
        query=lambda o: {"programme": o["programme_bn"].code, "year": 2019, "kind": "plan"},
        get=BN_CHANGE | {"admin"},
        scope="bn",
    ),
    Route(
        "imports:template",
        query=lambda o: {"programme": o["national"].code, "year": 2016, "kind": "plan"},
        get=MINISTRY | {"admin"},
        scope="national",
    ),
    Route("imports:upload", post=EVERYONE),
    Route("imports:preview", lambda o: {"batch_id": o["batch_a"].pk}, get=frozenset({"officer_a"}), scope="a"),
    Route("imports:confirm", lambda o: {"batch_id": o["batch_a"].pk}, post=frozenset({"officer_a"}), scope="a"),
    # A background import's progress: the uploader's alone, as its preview.
    Route("imports:status", lambda o: {"batch_id": o["batch_a"].pk}, get=frozenset({"officer_a"}), scope="a"),
    # Background exports: anyone signed in may ask for one; a job is seen only by the person who asked.
    Route("reports:job_list", get=EVERYONE, post=EVERYONE),
    Route("reports:job_detail", _pk("job_a"), get=frozenset({"officer_a"}), scope="a"),
    Route("reports:job_status", _pk("job_a"), get=frozenset({"officer_a"}), scope="a"),
    Route("reports:job_download", _pk("job_a"), get=frozenset({"officer_a"}), scope="a"),
    Route("reports:job_detail", _pk("job_bn"), get=BN_CHANGE, scope="bn"),
    Route("reports:job_download", _pk("job_bn"), get=BN_CHANGE, scope="bn"),
    # The user guide: every chapter is open to everyone signed in (a person may help a colleague of another role).
    Route("guide:index", get=EVERYONE),
    Route("guide:chapter", lambda o: {"slug": "can-bo-so"}, get=EVERYONE),
    Route("guide:pdf", get=EVERYONE),
    # A missing screenshot answers 404 to everyone, so the row names the roles only where the file exists.
    Route("guide:screenshot", lambda o: {"slug": "can-bo-so", "step": "khong-co"}, get=frozenset()),
    # API tokens: each user manages their own; another user's token answers 404.
    Route("api_tokens", get=EVERYONE, post=EVERYONE),
    Route("api_token_revoke", _pk("token_a"), post=frozenset({"officer_a"}), scope="a"),
    # Notifications: each user reads and marks their own; another user's answers 404.
    Route("notifications:list", get=EVERYONE),
    Route("notifications:read_all", post=EVERYONE),
    Route("notifications:preferences", get=EVERYONE, post=EVERYONE),
    Route("notifications:open", _pk("notification_a"), get=frozenset({"officer_a"}), scope="a"),
    Route("notifications:read", _pk("notification_a"), post=frozenset({"officer_a"}), scope="a"),
    # Reporting rounds (reporting/): the ministry's six-month round 2026 of the demo, Hà Nội's report accepted,
    # Bắc Ninh's returned. A sender's report is read by its province and the nationwide roles; drafted and
    # submitted by its staff, signed off by its leader; accepted or returned by the receiver (the ministry) only.
    Route("reporting:index", get=OFFICIALS),
    Route("reporting:remind_late", post=MINISTRY | {"staff"} | BN_CHANGE),
    Route("reporting:round_create", get=MINISTRY | {"staff"} | BN_CHANGE, post=MINISTRY | {"staff"} | BN_CHANGE),
    Route("reporting:round_detail", _pk("round"), get=PROVINCE | BN_CHANGE, scope="national"),
    Route("reporting:rollup", _pk("round"), get=MINISTRY | {"admin"}, scope="national"),
    *[
        Route(
            "reporting:rollup_export",
            _pk_and("round", fmt=fmt),
            get=MINISTRY | {"admin"},
            scope="national",
        )
        for fmt in ("xlsx", "pdf")
    ],
    Route("reporting:sender_detail", _pk("sender_hn"), get=PROVINCE, scope="province"),
    Route("reporting:sender_detail", _pk("sender_bn"), get=BN_READ, scope="bn"),
    Route("reporting:diff", _pk("sender_hn"), get=PROVINCE, scope="province"),
    Route("reporting:diff", _pk("sender_bn"), get=BN_READ, scope="bn"),
    *[
        Route(
            "reporting:sender_action",
            _pk_and("sender_hn", action=action),
            post=allowed,
            scope="province",
        )
        for action, allowed in (("draft", PLANNERS), ("signoff", frozenset({"leader"})), ("submit", PLANNERS))
    ],
    *[
        Route(
            "reporting:sender_action",
            _pk_and("sender_bn", action=action),
            post=BN_CHANGE,
            scope="bn",
        )
        for action in ("draft", "submit")
    ],
    Route("reporting:submission_detail", _pk("submission_hn"), get=PROVINCE, scope="province"),
    Route("reporting:submission_detail", _pk("submission_bn"), get=BN_READ, scope="bn"),
    *[
        Route(
            "reporting:submission_file",
            _pk_and(key, fmt=fmt),
            get=allowed,
            scope=scope,
        )
        for key, allowed, scope in (("submission_hn", PROVINCE, "province"), ("submission_bn", BN_READ, "bn"))
        for fmt in ("pdf", "xlsx")
    ],
    *[
        Route(
            "reporting:submission_decide",
            _pk_and(key, action=action),
            post=MINISTRY,
            scope=scope,
        )
        for key, scope in (("submission_hn", "province"), ("submission_bn", "bn"))
        for action in ("accept", "return")
    ],
    # The read API (GET only): the same reach as the pages, by session and by token alike.
    Route("api:openapi-json", public=True),  # the document describes the API, no data
    Route("api:openapi-view", public=True),
    Route("api:api-root", public=True),  # django-ninja's root: 404, naming the documentation page
    Route("api:programme_list", get=EVERYONE, api=True),
    *[
        Route(name, _pk(key), get=allowed, scope=scope, api=True)
        for name in ("api:programme_detail", "api:content_list", "api:target_list", "api:programme_money")
        for key, allowed, scope in (
            ("programme", HANOI, "province"),
            ("programme_bn", BN_READ, "bn"),
            ("national", OFFICIALS, "national"),  # as the programme page: not a beneficiary's
        )
    ],
    Route("api:project_list", get=EVERYONE, api=True),
    Route("api:project_detail", _pk("project_a"), get=PROVINCE | OFFICERS_A, scope="a", api=True),
    Route("api:project_detail", _pk("project_b"), get=PROVINCE | {"officer_b"}, scope="b", api=True),
    Route("api:project_detail", _pk("project_bn"), get=BN_READ, scope="bn", api=True),
    Route("api:project_detail", _pk("national_project"), get=PROVINCE, scope="national", api=True),
    Route("api:allocation_list", get=PROVINCE | BN_CHANGE, api=True),
    Route("api:allocation_detail", _pk("allocation"), get=PROVINCE, scope="province", api=True),
    Route("api:allocation_detail", _pk("allocation_bn"), get=BN_READ, scope="bn", api=True),
    Route("api:allocation_detail", _pk("allocation_national"), get=PROVINCE | BN_CHANGE, scope="national", api=True),
    Route("api:disbursement_list", get=EVERYONE, api=True),
    Route("api:disbursement_detail", _pk("disbursement_a"), get=PROVINCE | OFFICERS_A, scope="a", api=True),
    Route("api:disbursement_detail", _pk("disbursement_b"), get=PROVINCE | {"officer_b"}, scope="b", api=True),
    Route("api:disbursement_detail", _pk("disbursement_bn"), get=BN_READ, scope="bn", api=True),
]

# URL namespaces guarded by their own machinery and left out of the matrix.
EXCLUDED_NAMESPACES = {"admin"}
