"""The rule in force for the projects of 2026 on: progress reported before the 25th of each month,
acceptance after the Department's field inspection."""

import datetime as dt

from django.db import migrations

BASIS = (
    "Theo dõi thực hiện đề án khuyến công: báo cáo tiến độ hằng tháng trước ngày 25, "
    "kiểm tra hiện trường trước nghiệm thu (áp dụng từ các đề án năm 2026)"
)


def seed(apps, schema_editor):
    ExecutionRule = apps.get_model("execution", "ExecutionRule")
    ExecutionRule.objects.get_or_create(
        valid_from=dt.date(2026, 1, 1),
        defaults={"report_deadline_day": 25, "inspection_required": True, "legal_basis": BASIS},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("execution", "0001_execution_rules_and_inspections"),
        ("attachments", "0006_seed_acceptance_minutes"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
