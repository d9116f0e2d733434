"""The first periodic task: remind who a project has waited for more than 7 days, every day at 07:30.

Registering another task is one row like this one (the reporting reminders:
task_path "reporting.tasks.send_report_reminders").
"""

import datetime as dt

from django.db import migrations


def register(apps, schema_editor):
    PeriodicTask = apps.get_model("scheduling", "PeriodicTask")
    PeriodicTask.objects.get_or_create(
        name="Nhắc đề án chờ xử lý",
        defaults={
            "task_path": "projects.tasks.remind_waiting_projects",
            "parameters": {"days": 7},
            "time_of_day": dt.time(7, 30),
            "enabled": True,
        },
    )


def unregister(apps, schema_editor):
    apps.get_model("scheduling", "PeriodicTask").objects.filter(name="Nhắc đề án chờ xử lý").delete()


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_periodic_tasks_and_dispatcher")]

    operations = [migrations.RunPython(register, unregister)]
