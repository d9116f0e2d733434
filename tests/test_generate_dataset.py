"""The synthetic national data set: the counts its scale asks for, every status, the same rows each time."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from budgets.models import Disbursement, FundingSource
from programs.models import Programme
from projects.models import Beneficiary, Project, ProjectStatus
from seeding.dataset import expected_counts

SCALE = 0.01

FINGERPRINT_SQL = """
SELECT md5(string_agg(line, '|' ORDER BY line)) FROM (
    SELECT concat_ws(',', p.code, p.status, p.year, p.support_national, p.support_local, p.counterpart,
                     c.number, u.code, p.settled_amount) AS line
      FROM projects_project p JOIN programs_content c ON c.id = p.content_id
      JOIN accounts_administrativeunit u ON u.id = p.administrative_unit_id WHERE p.code LIKE 'SYN-%%'
    UNION ALL
    SELECT concat_ws(',', d.voucher_number, d.date, d.amount, d.funding_source, pr.code, d.is_advance)
      FROM budgets_disbursement d LEFT JOIN projects_project pr ON pr.id = d.project_id
     WHERE d.voucher_number LIKE 'GN%%'
    UNION ALL
    SELECT concat_ws(',', b.name, b.tax_code, b.kind, b.size) FROM projects_beneficiary b
     WHERE b.tax_code LIKE '8%%' OR b.address LIKE '%%(SYN)%%' OR b.name LIKE '%%)'
) AS everything
"""


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT_SQL)
        return cursor.fetchone()[0]


def _dangling_references() -> int:
    """Rows of the generated tables whose foreign keys point nowhere (the load skips FK checks)."""
    checks = [
        ("projects_project", "programme_id", "programs_programme"),
        ("projects_project", "content_id", "programs_content"),
        ("projects_project", "administrative_unit_id", "accounts_administrativeunit"),
        ("projects_project", "implementing_organisation_id", "accounts_organisation"),
        ("projects_project_beneficiaries", "beneficiary_id", "projects_beneficiary"),
        ("projects_projectoutput", "target_id", "programs_target"),
        ("budgets_disbursement", "project_id", "projects_project"),
        ("budgets_disbursement", "content_id", "programs_content"),
        ("budgets_plannedbudget", "annual_plan_id", "programs_annualplan"),
        ("programs_annualplantarget", "target_id", "programs_target"),
    ]
    total = 0
    with connection.cursor() as cursor:
        for table, column, target in checks:
            cursor.execute(
                f"SELECT count(*) FROM {table} t LEFT JOIN {target} r ON r.id = t.{column} "
                f"WHERE t.{column} IS NOT NULL AND r.id IS NULL"
            )
            total += cursor.fetchone()[0]
    return total


@pytest.mark.django_db
def test_it_generates_the_counts_the_scale_asks_for_in_every_status(demo):
    projects_before = Project.objects.count()
    beneficiaries_before = Beneficiary.objects.count()
    disbursements_before = Disbursement.objects.count()

    call_command("generate_dataset", scale=SCALE, verbosity=0)

    expected = expected_counts(SCALE)
    assert Project.objects.count() - projects_before == expected["projects"] == 1_000
    assert Beneficiary.objects.count() - beneficiaries_before == expected["beneficiaries"] == 500
    assert Disbursement.objects.count() - disbursements_before == expected["disbursements"] == 10_000
    generated = Project.objects.filter(code__startswith="SYN-")
    assert set(generated.values_list("status", flat=True)) == set(ProjectStatus.values)
    programmes = Programme.objects.filter(code__startswith="SYN-")
    assert programmes.filter(level="local").values("administrative_unit").distinct().count() == 34
    assert programmes.order_by("first_year").first().first_year == 2011
    assert programmes.order_by("-last_year").first().last_year == 2030
    assert set(Disbursement.objects.values_list("funding_source", flat=True)) == set(FundingSource.values)
    assert generated.filter(support_national__gt=0, support_local__gt=0).exists()
    assert programmes.first().targets.filter(kind="range").exists()
    assert _dangling_references() == 0


@pytest.mark.django_db
def test_it_generates_the_same_rows_every_time(demo):
    fingerprints = []
    for _ in range(2):
        with transaction.atomic():
            call_command("generate_dataset", scale=SCALE, verbosity=0)
            fingerprints.append(_fingerprint())
            transaction.set_rollback(True)
    assert fingerprints[0] == fingerprints[1]
    assert fingerprints[0] is not None


@pytest.mark.django_db
def test_it_refuses_to_generate_twice_into_one_database(demo):
    call_command("generate_dataset", scale=0.001, verbosity=0)
    with pytest.raises(CommandError):
        call_command("generate_dataset", scale=0.001, verbosity=0)
