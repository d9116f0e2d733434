"""Triggers that bump reports_dataversion in the same transaction as every write a report can show.

Statement-level triggers with transition tables: a 10.000-row import or a
queryset update() bumps each programme it touched once, whatever the number of
rows; pages, imports, the admin, bulk_create and raw SQL all pass through them.
Tables without a programme of their own (organisations, administrative units,
law content types: their names are printed in every report) bump row 0, which
every cache key also holds.
"""

from django.db import migrations

# table -> SELECT of the programme ids of the rows in the transition table %1$s.
# `0` stands for "every report".
PROGRAMME_OF = {
    "programs_programme": "SELECT id FROM %1$s",
    "programs_programmeversion": "SELECT programme_id FROM %1$s",
    "programs_content": "SELECT programme_id FROM %1$s",
    "programs_target": "SELECT programme_id FROM %1$s",
    "programs_annualplan": "SELECT programme_id FROM %1$s",
    "programs_annualplantarget": (
        "SELECT p.programme_id FROM %1$s r JOIN programs_annualplan p ON p.id = r.annual_plan_id"
    ),
    "programs_result": "SELECT t.programme_id FROM %1$s r JOIN programs_target t ON t.id = r.target_id",
    "projects_project": "SELECT programme_id FROM %1$s",
    "projects_projectoutput": "SELECT p.programme_id FROM %1$s r JOIN projects_project p ON p.id = r.project_id",
    "budgets_plannedbudget": "SELECT p.programme_id FROM %1$s r JOIN programs_annualplan p ON p.id = r.annual_plan_id",
    "budgets_allocation": "SELECT programme_id FROM %1$s",
    "budgets_disbursement": "SELECT programme_id FROM %1$s",
    "programs_lawcontenttype": "SELECT 0 FROM %1$s",
    "accounts_organisation": "SELECT 0 FROM %1$s",
    "accounts_administrativeunit": "SELECT 0 FROM %1$s",
    # Which old units a merged unit's officer also sees.
    "accounts_administrativeunit_successors": "SELECT 0 FROM %1$s",
}

FUNCTION = r"""
CREATE OR REPLACE FUNCTION reports_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    query text;
    ids bigint[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        ids := ARRAY[0];
    ELSE
        IF TG_OP = 'INSERT' THEN
            query := format(TG_ARGV[0], 'new_rows');
        ELSIF TG_OP = 'DELETE' THEN
            query := format(TG_ARGV[0], 'old_rows');
        ELSE
            -- A row moved from one programme to another changes both.
            query := format(TG_ARGV[0], 'old_rows') || ' UNION ' || format(TG_ARGV[0], 'new_rows');
        END IF;
        EXECUTE 'SELECT array_agg(DISTINCT id ORDER BY id) FROM (' || query || ') AS touched(id)'
            INTO ids;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;  -- the statement changed no row
    END IF;
    -- Ordered, so that two transactions bumping the same programmes lock their rows in one order.
    INSERT INTO reports_dataversion (programme_id, version)
    SELECT id, 1 FROM unnest(ids) AS id WHERE id IS NOT NULL ORDER BY id
    ON CONFLICT (programme_id) DO UPDATE SET version = reports_dataversion.version + 1;
    RETURN NULL;
END
$$;
"""


def _triggers(table: str, select: str) -> str:
    argument = select.replace("'", "''")
    return f"""
CREATE TRIGGER {table}_version_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('{argument}');
CREATE TRIGGER {table}_version_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('{argument}');
CREATE TRIGGER {table}_version_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('{argument}');
CREATE TRIGGER {table}_version_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('');
"""


def _drop(table: str) -> str:
    return "".join(
        f"DROP TRIGGER IF EXISTS {table}_version_{event} ON {table};"
        for event in ("insert", "update", "delete", "truncate")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_cache_data_versions"),
        ("accounts", "0001_initial"),
        ("budgets", "0004_disbursement_covering_index"),
        ("programs", "0001_initial"),
        ("projects", "0003_project_list_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            FUNCTION + "".join(_triggers(table, select) for table, select in PROGRAMME_OF.items()),
            "".join(_drop(table) for table in PROGRAMME_OF) + "DROP FUNCTION IF EXISTS reports_bump_data_version();",
        ),
    ]
