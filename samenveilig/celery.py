"""Celery app. Without ``SAMENVEILIG_CELERY_BROKER_URL`` tasks run in-process (eager): no extra server needed."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenveilig.settings")
app = Celery("samenveilig")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
