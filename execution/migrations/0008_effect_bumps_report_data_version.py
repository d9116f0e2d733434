"""The summary, annual and trend reports read the effect after acceptance: a write to it bumps the data
version of its project's programme (reports/migrations/0003_data_version_triggers.py), so no cached report
file outlives it."""

from django.db import migrations

TABLE = "execution_effect"
SELECT = "SELECT p.programme_id FROM %1$s r JOIN projects_project p ON p.id = r.project_id"


def _sql() -> str:
    argument = SELECT.replace("'", "''")
    return f"""
CREATE TRIGGER {TABLE}_version_insert AFTER INSERT ON {TABLE}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('{argument}');
CREATE TRIGGER {TABLE}_version_update AFTER UPDATE ON {TABLE}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('{argument}');
CREATE TRIGGER {TABLE}_version_delete AFTER DELETE ON {TABLE}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('{argument}');
CREATE TRIGGER {TABLE}_version_truncate AFTER TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version('');
"""


def _drop() -> str:
    return "".join(
        f"DROP TRIGGER IF EXISTS {TABLE}_version_{event} ON {TABLE};"
        for event in ("insert", "update", "delete", "truncate")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("execution", "0007_contractor_and_supervising_units"),
        ("reports", "0003_data_version_triggers"),
    ]

    operations = [migrations.RunSQL(_sql(), _drop())]
