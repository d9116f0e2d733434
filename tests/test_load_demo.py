"""The demo data reproduces the seed documents, and loading it twice changes nothing."""

import io
from decimal import Decimal

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum

from accounts.models import User
from budgets.models import Allocation, Disbursement, PlannedBudget
from programs.models import Programme, Target, TargetKind
from projects.lifecycle import COUNTING_STATUSES
from projects.models import ProjectOutput


def _table_fingerprints() -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row of every table of the project's models."""
    fingerprints = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if not model._meta.managed or model._meta.proxy:
                continue
            table = model._meta.db_table
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
            )
            fingerprints[table] = cursor.fetchone()
    return fingerprints


def test_loading_twice_leaves_every_table_as_it_was(demo):
    before = _table_fingerprints()
    call_command("load_demo", stdout=io.StringIO())
    after = _table_fingerprints()
    changed = {table for table in before if before[table] != after[table]}
    assert changed == set()
    assert len(before) > 20


def _actual(target: Target) -> Decimal:
    delivered = ProjectOutput.objects.filter(target=target, project__status__in=COUNTING_STATUSES).aggregate(
        s=Sum("delivered")
    )["s"]
    reported = target.results.aggregate(s=Sum("quantity"))["s"]
    return Decimal(delivered or 0) + Decimal(reported or 0)


def test_hanoi_2011_2015_has_the_seed_results(demo):
    expected = {
        "1.1-LD": (17_800, 25_000),
        "1.1-LOP": (473, None),
        "1.2-QL": (3_000, 7_300),
        "1.2-QL-LOP": (35, None),
        "1.2-CB": (1_800, 1_900),
        "1.2-CB-LOP": (18, None),
        "1.2-HT": (4, 10),
        "1.3-MH": (2, 10),
        "1.3-DA": (38, 120),
        "1.4-HC": (5, 5),
        "1.4-GH": (2_642, None),
        "1.4-DN": (187, 100),
        "1.5-TK": (39, 30),
        "1.5-CT": (5, 5),
        "1.7-LOP": (12, None),
        "1.7-LD": (420, None),
    }
    targets = {t.code: t for t in demo.hn2011.targets.all()}
    assert set(targets) == set(expected)
    for code, (actual, plan) in expected.items():
        assert _actual(targets[code]) == actual, code
        assert targets[code].value == plan, code


def test_hanoi_2011_2015_money_sums_exactly(demo):
    p = demo.hn2011
    assert p.planned_budget == 86_000_000_000
    assert PlannedBudget.objects.filter(annual_plan__programme=p).aggregate(s=Sum("amount"))["s"] == 86_000_000_000
    assert Allocation.objects.filter(programme=p).aggregate(s=Sum("amount"))["s"] == 82_155_000_000
    assert Disbursement.objects.filter(programme=p).aggregate(s=Sum("amount"))["s"] == 77_630_000_000


def test_hanoi_2016_2020_keeps_ranges_as_ranges(demo):
    p = demo.hn2016
    assert p.planned_budget == 163_400_000_000
    assert p.decision_number == "4892/QĐ-UBND"
    assert list(p.contents.values_list("number", flat=True)) == [f"3.{i}" for i in range(1, 9)]
    visits_abroad = p.targets.get(code="3.4-NN")
    assert (visits_abroad.kind, visits_abroad.low, visits_abroad.high) == (TargetKind.RANGE, 80, 100)
    jobs = p.targets.get(code="MT-LD")
    assert (jobs.kind, jobs.low, jobs.high, jobs.content) == (TargetKind.RANGE, 60_000, 75_000, None)
    exports = p.targets.get(code="MT-XK-2020")
    assert (exports.kind, exports.value, exports.target_year) == (TargetKind.VALUE_BY_YEAR, 400, 2020)
    assert p.targets.get(code="MT-XK").kind == TargetKind.GROWTH_RATE


def test_other_seeds_are_loaded(demo):
    assert demo.national.level == "national"
    assert demo.national.decision_number == "1288/QĐ-TTg"
    bac_ninh = Programme.objects.get(code="BN-BCSP")
    assert _actual(bac_ninh.targets.get(code="BC-CUOC")) == 6
    assert _actual(bac_ninh.targets.get(code="BC-SP")) == 111
    assert Disbursement.objects.filter(programme=bac_ninh).aggregate(s=Sum("amount"))["s"] == 320_000_000


def test_demo_logins_exist_with_their_roles(demo):
    roles = dict(
        User.objects.filter(username__in=["canbo", "lanhdao", "huyen", "xem", "admin"]).values_list("username", "role")
    )
    assert roles == {
        "canbo": "department_staff",
        "lanhdao": "centre_leader",
        "huyen": "district_officer",
        "xem": "viewer",
        "admin": "administrator",
    }
    assert User.objects.get(username="huyen").check_password("khuyencong")


def test_every_project_status_appears_in_the_demo(demo):
    from projects.models import Project, ProjectStatus

    present = set(Project.objects.values_list("status", flat=True))
    missing = set(ProjectStatus.values) - present - {ProjectStatus.APPRAISED_MINISTRY}
    assert missing == set()
