"""The reporting reminders as a periodic task: every day at 07:00 on the ordinary worker, the senders
whose report is due within the period kind's reminder days, or late, are told once that day.

The deadlines come from the period kinds, so a changed rule changes the reminders without touching this row.
"""

import datetime as dt

from django.db import migrations

NAME = "Nhắc báo cáo sắp đến hạn và quá hạn"


def register(apps, schema_editor):
    apps.get_model("scheduling", "PeriodicTask").objects.get_or_create(
        name=NAME,
        defaults={
            "task_path": "reporting.tasks.send_report_reminders",
            "parameters": {},
            "time_of_day": dt.time(7, 0),
            "enabled": True,
        },
    )


def unregister(apps, schema_editor):
    apps.get_model("scheduling", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_seed_period_kinds"),
        ("scheduling", "0003_register_unsent_email_retry"),
    ]

    operations = [migrations.RunPython(register, unregister)]
