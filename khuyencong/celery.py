"""The Celery application, used only when TASKS_BACKEND=celery (several machines).

Workers: `celery -A khuyencong.celery worker --concurrency 2` (they take the queue
CELERY_QUEUE, "khuyencong" by default). Broker and delivery settings are the CELERY_*
names of khuyencong/settings.py: acknowledged late, one job fetched at a time.
Tasks are the project's `@task` functions (reports/tasks.py), found by autodiscovery and
registered with Celery by django-tasks-celery.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")

app = Celery("khuyencong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
