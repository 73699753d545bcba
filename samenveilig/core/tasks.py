"""Celery tasks of the core: the one periodic task that beat sends (``CELERY_BEAT_SCHEDULE`` in settings).

Beat needs no entry per job: this task asks the registry in :mod:`samenveilig.core.jobs` what is due.
"""

from __future__ import annotations

from samenveilig.celery import app
from samenveilig.core import jobs


@app.task(name="samenveilig.core.run_due_jobs", ignore_result=True)
def run_due_jobs() -> str:
    runs = jobs.run_due_jobs()
    return ", ".join(f"{run.job}: {run.outcome}" for run in runs)
