"""A second periodic task, one row: e-mails a failing mail server left unsent are tried again every 15 minutes."""

from django.db import migrations

NAME = "Gửi lại thư thông báo chưa gửi được"


def register(apps, schema_editor):
    apps.get_model("scheduling", "PeriodicTask").objects.get_or_create(
        name=NAME,
        defaults={
            "task_path": "notifications.tasks.send_unsent_emails",
            "parameters": {"hours": 24},
            "interval_minutes": 15,
            "enabled": True,
        },
    )


def unregister(apps, schema_editor):
    apps.get_model("scheduling", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0002_register_waiting_projects_reminder")]

    operations = [migrations.RunPython(register, unregister)]
