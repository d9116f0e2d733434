"""Every URL, every role, objects of the own unit, another unit and the province: 0 unexpected allows."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import AdministrativeUnit, Role, User
from api.services import api_token_create
from attachments.models import AttachmentKind
from attachments.services import attachment_upload
from budgets.models import Allocation, Disbursement
from imports.models import ImportBatch, ImportStatus
from notifications.models import Notification, NotificationKind
from portal.models import Registration
from programs.models import Programme, Result
from projects.models import Beneficiary, Project
from reporting.models import Round as ReportingRound
from reports.models import ExportJob
from tests import hostile_files
from tests.api_support import bearer
from tests.url_effects import EFFECTS, Attempt
from tests.url_matrix import EXCLUDED_NAMESPACES, MATRIX, PERSONAS, Route

DENIED = (403, 404)


def _all_url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_it_fails_when_a_url_pattern_is_missing_from_the_matrix():
    missing = _all_url_names() - {route.name for route in MATRIX}
    assert not missing, f"URL patterns without a row in tests/url_matrix.py: {sorted(missing)}"


@pytest.fixture
def objects(demo, personas):
    unit_a = personas.officer_a.organisation.administrative_unit
    unit_b = personas.officer_b.organisation.administrative_unit
    target = demo.hn2016.targets.filter(content__isnull=False).first()
    bn = Programme.objects.get(code="BN-BCSP")
    photo = AttachmentKind.objects.get(code="photo")

    def attachment(code: str):
        upload = SimpleUploadedFile("anh.png", hostile_files.png())
        return attachment_upload(project=Project.objects.get(code=code), kind=photo, upload=upload, user=None)

    execution = _execution_objects(attachment)
    return {
        **execution,
        "project_dn": Project.objects.get(code="HN2026-PN-DN1"),
        "proposal_dn": Project.objects.get(code="HN2027-PN-DN2"),
        "beneficiary_dn": personas.doanhnghiep.beneficiary,
        "attachment_dn": attachment("HN2026-PN-DN1"),
        "registration_hn": _registration("0108877117", personas.doanhnghiep.beneficiary.administrative_unit),
        "registration_bn": _registration("0106543214", Project.objects.get(code="BN2019-TS-001").administrative_unit),
        "attachment_a": attachment("HN2020-CM-001"),
        "attachment_b": attachment("HN2020-TN-011"),
        "attachment_bn": attachment("BN2019-TS-001"),
        "programme": demo.hn2016,
        "project_a": Project.objects.get(code="HN2020-CM-001"),
        "project_b": Project.objects.get(code="HN2020-TN-011"),
        "appraised_a": Project.objects.filter(administrative_unit=unit_a, status="appraised_department").first()
        or _appraised(Project.objects.get(code="HN2020-CM-002")),
        "beneficiary_a": Beneficiary.objects.filter(administrative_unit=unit_a).first(),
        "beneficiary_b": Beneficiary.objects.filter(administrative_unit=unit_b).first(),
        "result_a": Result.objects.create(target=target, year=2020, quantity=1, administrative_unit=unit_a),
        "result_b": Result.objects.create(target=target, year=2020, quantity=1, administrative_unit=unit_b),
        "allocation": Allocation.objects.filter(programme=demo.hn2016, year=2020).first(),
        "disbursement_a": Disbursement.objects.filter(project__administrative_unit=unit_a).first(),
        "disbursement_b": Disbursement.objects.filter(project__administrative_unit=unit_b).first(),
        "batch_a": ImportBatch.objects.create(
            file_name="ke-hoach.xlsx", sha256="0" * 64, status=ImportStatus.REFUSED, user=personas.officer_a
        ),
        "job_a": ExportJob.objects.create(requested_by=personas.officer_a, kind="projects", format="xlsx"),
        "token_a": api_token_create(user=personas.officer_a, name="Kiểm thử")[0],
        "notification_a": Notification.objects.create(
            recipient=personas.officer_a,
            kind=NotificationKind.PROJECT_RETURNED,
            subject="Đề án HN2020-CM-001 cần bổ sung hồ sơ",
            url=reverse("projects:detail", args=[Project.objects.get(code="HN2020-CM-001").pk]),
        ),
        # Province B (Bắc Ninh).
        "programme_bn": bn,
        "project_bn": Project.objects.get(code="BN2019-TS-001"),
        "draft_bn": Project.objects.get(code="BN2019-TS-002"),
        "beneficiary_bn": Beneficiary.objects.filter(projects__programme=bn).first(),
        "result_bn": Result.objects.filter(target__programme=bn).first(),
        "allocation_bn": Allocation.objects.filter(programme=bn).first(),
        "disbursement_bn": Disbursement.objects.filter(programme=bn).first(),
        "job_bn": ExportJob.objects.create(requested_by=personas.bacninh, kind="projects", format="xlsx"),
        # The national programme, and a Hà Nội national project awaiting the ministry's appraisal.
        "national": demo.national,
        "national_project": _appraised(Project.objects.get(code="KCQG2016-HN-003")),
        "allocation_national": Allocation.objects.filter(programme=demo.national).first(),
        # The demo's reporting round: Hà Nội's report accepted, Bắc Ninh's returned.
        **_reporting_objects(),
    }


def _reporting_objects() -> dict:
    round = ReportingRound.objects.get(period_kind__code="so-6-thang-bo", year=2026, number=1)
    senders = {s.organisation.name: s for s in round.senders.select_related("organisation")}
    hanoi, bac_ninh = senders["Sở Công Thương Hà Nội"], senders["Sở Công Thương Bắc Ninh"]
    return {
        "round": round,
        "sender_hn": hanoi,
        "sender_bn": bac_ninh,
        "submission_hn": hanoi.versions.get(version=1),
        "submission_bn": bac_ninh.versions.get(version=1),
    }


def _execution_objects(attachment) -> dict:
    """Records of a project under way, on doanhnghiep's project and on a Bắc Ninh project."""
    import datetime as dt

    from execution.models import Appraisal, Inspection, ProgressReport

    objects: dict[str, object] = {}
    for scope, code in (("dn", "HN2026-PN-DN1"), ("bn", "BN2019-TS-001")):
        project = Project.objects.get(code=code)
        objects[f"inspection_{scope}"] = Inspection.objects.create(
            project=project, inspected_on=dt.date(2026, 6, 10), verified_percent=50, minutes=attachment(code)
        )
        objects[f"progress_{scope}"] = ProgressReport.objects.create(
            project=project,
            month=dt.date(2026, 1, 1),
            percent_done=20,
            delivered="Khảo sát",
            reported_at=dt.datetime(2026, 1, 20, tzinfo=dt.UTC),
        )
        objects[f"appraisal_{scope}"] = Appraisal.objects.create(
            project=project,
            level="department",
            mode="officer",
            score=80,
            max_score=100,
            conclusion="passed",
            minutes=attachment(code),
            appraised_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
        )
    return objects


def _registration(tax_code: str, unit: AdministrativeUnit) -> Registration:
    user = User.objects.create_user(username=f"dn{tax_code}", role=Role.BENEFICIARY, is_active=False)
    return Registration.objects.create(
        user=user,
        tax_code=tax_code,
        name=f"Công ty {tax_code}",
        kind="enterprise",
        address="Thôn 1",
        administrative_unit=unit,
        representative="Nguyễn Văn A",
        phone="0912345678",
        email="a@example.com",
    )


def _appraised(project: Project) -> Project:
    Project.objects.filter(pk=project.pk).update(status="appraised_department")
    project.refresh_from_db()
    return project


def _client(personas, name: str | None) -> Client:
    client = Client()
    if name:
        client.force_login(getattr(personas, name))
    return client


def _check(response, allowed: bool, label: str) -> None:
    assert response.status_code < 500, f"{label}: server error {response.status_code}"
    if allowed:
        assert response.status_code not in DENIED, f"{label}: expected allowed, got {response.status_code}"
    else:
        assert response.status_code in DENIED, f"{label}: UNEXPECTED ALLOW ({response.status_code})"


@pytest.mark.parametrize("route", MATRIX, ids=lambda r: f"{r.name}[{r.scope or '-'}]")
def test_every_role_reaches_only_what_it_may(route: Route, objects, personas):
    if route.public:
        response = _client(personas, None).get(reverse(route.name, kwargs=route.kwargs(objects)))
        assert response.status_code < 500
        return
    url = reverse(route.name, kwargs=route.kwargs(objects))
    if route.query(objects):
        url = f"{url}?{urlencode(route.query(objects))}"
    if route.api:
        _check_api(route, url, personas)
        return
    anonymous = _client(personas, None)
    for method in ("get", "post"):
        response = getattr(anonymous, method)(url)
        assert response.status_code in (302, 405), f"anonymous {method.upper()} {url}: {response.status_code}"
        if response.status_code == 302:
            assert reverse("login") in response["Location"]
    clients = {
        persona: _client(personas, persona) for persona in PERSONAS
    }  # signed in (last_login) before the checksum
    before = _checksum() if route.post else None
    for persona, client in clients.items():
        if route.get is None:
            assert client.get(url).status_code == 405
        else:
            _check(client.get(url), persona in route.get, f"{persona} GET {url}")
        if route.post is not None and persona in route.post:
            _post_allowed(route, persona, url, client, objects, personas)
        else:
            _post_refused(route, persona, url, client)
    if before is not None:
        assert _checksum() == before, f"{url}: the domain tables changed during the route's checks"


# --- POSTs: a refused one writes nothing; an allowed one does its work (tests/url_effects.py).

# The tables of the apps that hold the domain's records, history and jobs. The administrative
# units (14.000 rows of reference data no page changes) are left out to keep the checksum cheap.
_DOMAIN_TABLES = (
    r"^(accounts|programs|projects|budgets|reports|imports|attachments|portal|notifications|api|pghistory|django_tasks)"
)
_CHECKSUM_SQL: list[str] = []


def _checksum() -> dict[str, str]:
    """Each domain table's row count and order-independent sum of row hashes, in one statement."""
    with connection.cursor() as cursor:
        if not _CHECKSUM_SQL:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename ~ %s"
                " AND tablename NOT LIKE 'accounts_administrativeunit%%' ORDER BY tablename",
                [_DOMAIN_TABLES],
            )
            parts = [
                f"SELECT '{name}', count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM \"{name}\" t"
                for (name,) in cursor.fetchall()
            ]
            _CHECKSUM_SQL.append(" UNION ALL ".join(parts))
        cursor.execute(_CHECKSUM_SQL[0])
        return dict(cursor.fetchall())


def _writes() -> dict[str, int]:
    """Rows inserted, updated or deleted so far in this test's transaction, per table (PostgreSQL's own counters)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE relname <> 'django_session' AND n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return dict(cursor.fetchall())


def _post_refused(route: Route, persona: str, url: str, client: Client) -> None:
    """A POST the persona may not make is refused and writes no row (not even one it then rolls back)."""
    before = _writes()
    response = client.post(url, {})
    label = f"{persona} POST {url}"
    if route.post is None:
        assert response.status_code in (403, 405), f"{label} should not be accepted"
    else:
        _check(response, False, label)
    written = {table: n - before.get(table, 0) for table, n in _writes().items() if n != before.get(table, 0)}
    assert not written, f"{label}: refused ({response.status_code}) but wrote {written}"


def _post_allowed(route: Route, persona: str, url: str, client: Client, objects: dict, personas) -> None:
    """Valid data from tests/url_effects.py, its effect checked, inside a savepoint that is then rolled back."""
    effect = EFFECTS.get((route.name, route.scope))
    label = f"{persona} POST {url}"
    with transaction.atomic():
        if effect is None or (effect.personas is not None and persona not in effect.personas):
            _check(client.post(url, {}), True, label)
        else:
            attempt = Attempt(
                objects=dict(objects),
                persona=persona,
                user=getattr(personas, persona),
                client=client,
                url=url,
                kwargs=route.kwargs(objects),
            )
            response = client.post(url, effect.data(attempt))
            _check(response, True, label)
            effect.check(attempt, response)
        transaction.set_rollback(True)


def test_the_write_counters_and_the_checksum_see_a_change_that_keeps_the_row_count(personas):
    """The two probes that judge a refused POST can fail: an update of one field is seen by both."""
    writes, checksum = _writes(), _checksum()
    Project.objects.filter(code="HN2020-CM-001").update(title="Đổi một chữ")
    assert _writes().get("projects_project", 0) > writes.get("projects_project", 0)
    assert _checksum()["projects_project"] != checksum["projects_project"]


def test_every_allowed_post_has_an_effect():
    """A route someone may post to must say, in tests/url_effects.py, what the POST changes."""
    missing = sorted({(r.name, r.scope) for r in MATRIX if r.post} - set(EFFECTS))
    assert not missing, (
        "POST routes of tests/url_matrix.py without an effect in tests/url_effects.py (add an Effect keyed "
        f"(route name, scope) that builds valid data and checks the row it changes): {missing}"
    )
    stale = sorted(set(EFFECTS) - {(r.name, r.scope) for r in MATRIX if r.post})
    assert not stale, f"effects in tests/url_effects.py for no POST route of the matrix: {stale}"


def _check_api(route: Route, url: str, personas) -> None:
    """The API answers 401 without credentials, 405 to anything but GET; each persona by session and token."""
    anonymous = Client()
    assert anonymous.get(url).status_code == 401, f"anonymous GET {url}"
    assert anonymous.post(url).status_code == 405, f"anonymous POST {url}"
    for persona in PERSONAS:
        user = getattr(personas, persona)
        _, token = api_token_create(user=user, name="Kiểm thử")
        for way, client in (("session", _client(personas, persona)), ("token", Client(headers=bearer(token)))):
            assert route.get is not None
            _check(client.get(url), persona in route.get, f"{persona} ({way}) GET {url}")
            assert client.post(url, {}).status_code == 405, f"{persona} ({way}) POST {url}"
