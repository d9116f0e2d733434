"""The Celery application, used only when TASKS_BACKEND=celery (several machines).

Workers: `celery -A khuyencong.celery worker -Q default --concurrency 2`.
Tasks are the project's `@task` functions (reports/tasks.py), found by autodiscovery.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")

app = Celery("khuyencong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
