"""Shared fixtures: the demo data, loaded once, and the named personas.

Personas (as in the style guide): department staff `canbo`, centre leader
`lanhdao`, officer of district A `huyen` (Chương Mỹ), officer of district B
`huyen_b` (Thường Tín), viewer `xem`, administrator `admin`, and anonymous; of the
second province, Bắc Ninh's staff `bacninh`; the ministry officer `bo`; the
commune officer `xa` (Phú Nghĩa, which took over part of Chương Mỹ); the enterprise `doanhnghiep`
(a beneficiary's account: Công ty TNHH Mây tre đan Phú Vinh of Phú Nghĩa, sees only its own records).
"""

from types import SimpleNamespace

import pytest

from accounts.models import Organisation, Role, User
from programs.models import Programme
from seeding.demo.loader import DemoLoader
from tests import prepared_database

pytest_plugins = ["tests.browser_support"]

# Tests that drive a real browser (a fixture that starts one, or a live server it talks to).
BROWSER_FIXTURES = frozenset({"page", "browser", "live_server"})
# Whole modules that take seconds per test: hostile-input sweeps over every form, real
# workers and processes, a million-row workbook, generated datasets. `make test-fast` skips
# them (and the browser tests); `make test` runs everything.
SLOW_MODULES = frozenset(
    {
        "test_hostile_pages.py",
        "test_hostile_input.py",
        "test_import_hostile.py",
        "test_import_concurrency.py",
        "test_export_jobs.py",
        "test_periodic_worker.py",
        "test_import_background.py",
        "test_generate_dataset.py",
        "test_backup_restore.py",
        "test_production_settings.py",
        "test_login_security.py",
        "test_reports_queries.py",
        "test_reports_sql.py",
        "test_reports_print.py",
        "test_report_cache.py",
        # Services of the test's own (PostgreSQL clusters, redis-server, gunicorn, Celery workers).
        "test_faults.py",
        "test_replica.py",
    }
)


# Modules that use the machine's Redis and RabbitMQ (a test database number, queues of their own):
# under xdist (`--dist loadgroup`) they run on one worker, one after the other, so that one
# test's flush of its Redis database never meets another test's queue.
MACHINE_SERVICE_MODULES = frozenset(
    {"test_export_jobs.py", "test_faults.py", "test_periodic_worker.py", "test_replica.py"}
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in MACHINE_SERVICE_MODULES:
            item.add_marker(pytest.mark.xdist_group("machine-services"))
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


DISTRICT_B_OFFICE = "Phòng Kinh tế huyện Thường Tín"


def _ensure_demo() -> None:
    if not Programme.objects.filter(code="HN-KCDP-2026-2030").exists():
        DemoLoader().load()
    if not User.objects.filter(username="huyen_b").exists():
        User.objects.create_user(
            username="huyen_b",
            password="khuyencong",
            first_name="Hòa",
            last_name="Đinh Thị",
            role=Role.DISTRICT_OFFICER,
            organisation=Organisation.objects.get(name=DISTRICT_B_OFFICE),
        )


@pytest.fixture(scope="session", autouse=True)
def _attachments_in_a_temporary_folder(tmp_path_factory):
    """Uploaded evidence goes to a folder of the test session, never to the checkout's .data/."""
    from django.conf import settings
    from django.test import override_settings

    location = tmp_path_factory.mktemp("attachments")
    storages = {
        **settings.STORAGES,
        "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    with override_settings(STORAGES=storages):
        yield location


@pytest.fixture(scope="session")
def _prepared_template(django_db_modify_db_settings_parallel_suffix):
    """The name of the prepared database for this tree, and whether an earlier run left it (tests/prepared_database.py)."""
    name = prepared_database.template_name()
    found = prepared_database.template_exists(name)
    if found:
        prepared_database.use_template(name)
    return name, found


@pytest.fixture(scope="session")
def django_db_modify_db_settings(_prepared_template):
    """Start the test database from the prepared copy when there is one."""


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, _prepared_template):
    """Load the demo once for the session; each test runs in a transaction over it."""
    name, found = _prepared_template
    with django_db_blocker.unblock():
        _ensure_demo()
        if not found:
            prepared_database.keep_as_template(name)
    yield
    with django_db_blocker.unblock():
        prepared_database.end_other_sessions()


@pytest.fixture
def demo(db):
    """The demo data (reloaded if a transactional test flushed it)."""
    _ensure_demo()
    return SimpleNamespace(
        hn2011=Programme.objects.get(code="HN-2011-2015"),
        hn2016=Programme.objects.get(code="HN-2016-2020"),
        national=Programme.objects.get(code="KCQG-2014-2018"),
    )


@pytest.fixture
def personas(demo):
    users = {u.username: u for u in User.objects.select_related("organisation")}
    return SimpleNamespace(
        staff=users["canbo"],
        leader=users["lanhdao"],
        officer_a=users["huyen"],
        officer_b=users["huyen_b"],
        viewer=users["xem"],
        admin=users["admin"],
        bacninh=users["bacninh"],
        bo=users["bo"],
        xa=users["xa"],
        doanhnghiep=users["doanhnghiep"],
    )
