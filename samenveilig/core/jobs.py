"""Periodic jobs: a small registry, a lock per job in the database, and one function that runs what is due.

An app declares a job in its ``jobs.py`` (found by ``autodiscover_modules("jobs")`` in ``CoreConfig.ready()``)::

    @periodic_job("sociale_kaart.stale_reminders", every=timedelta(days=1))
    def stale_reminders(now):
        ...
        return f"{sent} herinneringen"

The function takes the current time and returns a short summary **without personal data** (counts, not names).
:func:`run_due_jobs` runs every job whose last successful start is at least ``every`` ago. Who calls it does not
matter, and several callers at once are safe: in production Celery beat sends one task every few minutes
(``CELERY_BEAT_SCHEDULE``), in the embedded default ``manage.py run_jobs --loop`` runs beside the web server
(``make demo`` starts it), and a cron line with ``manage.py run_jobs`` works too. See ``docs/jobs.md``.

A failing job is recorded with the class name of its error only; the traceback goes to the log. It does not stop
the other jobs, and it is tried again after :data:`RETRY_AFTER` (or its interval, if that is shorter).
"""

from __future__ import annotations

import logging
import secrets
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import rules
from django.db.models import Q
from django.utils import timezone

from samenveilig.accounts.rules import is_beheerder

logger = logging.getLogger(__name__)

#: How long a failed job waits before it is tried again (unless its interval is shorter).
RETRY_AFTER = timedelta(minutes=15)
#: How long a runner holds a job's lock at most; after that another runner may take over (a crashed runner).
DEFAULT_TIMEOUT = timedelta(hours=1)
SUMMARY_LENGTH = 500

# The beheer page of the jobs. (Kept here because core has no rules module of its own.)
rules.add_perm("core.view_jobs", is_beheerder)


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[datetime], object]
    every: timedelta
    timeout: timedelta = DEFAULT_TIMEOUT
    description: str = ""

    @property
    def retry_after(self) -> timedelta:
        return min(self.every, RETRY_AFTER)


_registry: dict[str, Job] = {}


def periodic_job(name: str, *, every: timedelta, timeout: timedelta = DEFAULT_TIMEOUT, description: str = ""):
    """Register ``func(now) -> summary`` to run every ``every``. The name is stable: it keys the job's history."""
    if every <= timedelta(0):
        raise ValueError("every must be positive")

    def decorator(func):
        if name in _registry and _registry[name].func is not func:
            raise ValueError(f"Two periodic jobs are named {name!r}")
        _registry[name] = Job(
            name=name, func=func, every=every, timeout=timeout, description=description or (func.__doc__ or "")
        )
        return func

    return decorator


def registered() -> list[Job]:
    return sorted(_registry.values(), key=lambda job: job.name)


def get(name: str) -> Job:
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"No periodic job named {name!r}; known: {', '.join(sorted(_registry)) or 'none'}") from None


def _state(job: Job):
    from samenveilig.core.models import JobState

    state, _ = JobState.objects.get_or_create(name=job.name)
    return state


def _claim(job: Job, now: datetime, *, force: bool) -> str | None:
    """Take the job's lock (and, unless forced, only when it is due) in one conditional UPDATE; return the token."""
    from samenveilig.core.models import JobState

    _state(job)
    token = secrets.token_hex(16)
    free = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    candidates = JobState.objects.filter(free, name=job.name)
    if not force:
        candidates = candidates.filter(
            Q(last_success_started__isnull=True) | Q(last_success_started__lte=now - job.every),
            Q(last_started__isnull=True) | Q(last_started__lte=now - job.retry_after),
        )
    if candidates.update(locked_until=now + job.timeout, lock_token=token, last_started=now) != 1:
        return None
    return token


def next_due(job: Job, state) -> datetime | None:
    """When the job is next due (None: now, it never succeeded or ran)."""
    if state is None:
        return None
    moments = []
    if state.last_success_started:
        moments.append(state.last_success_started + job.every)
    if state.last_started and state.last_started != state.last_success_started:
        moments.append(state.last_started + job.retry_after)
    return max(moments) if moments else None


def run_job(name: str, now: datetime | None = None, *, force: bool = False):
    """Run one job if it is due (or ``force``) and nobody else is running it. Returns its ``JobRun`` or None."""
    from samenveilig.core.models import JobRun, JobState

    job = get(name)
    now = now or timezone.now()
    token = _claim(job, now, force=force)
    if token is None:
        return None
    # A run still marked running while we hold the lock was left behind by a runner that died.
    JobRun.objects.filter(job=job.name, outcome=JobRun.Outcome.RUNNING).update(
        outcome=JobRun.Outcome.INTERRUPTED, finished=now
    )
    run = JobRun.objects.create(job=job.name, started=now, forced=force)
    JobState.objects.filter(name=job.name, lock_token=token).update(last_run=run)
    state_changes = {"locked_until": None, "lock_token": ""}
    try:
        result = job.func(now)
    except Exception as exc:
        # The class name and the stack, never the message: an error's text may quote the data it choked on.
        logger.error(
            "periodic job %s failed: %s\n%s",
            job.name,
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        run.outcome = JobRun.Outcome.FAILED
        run.error = type(exc).__name__[:200]
    else:
        run.outcome = JobRun.Outcome.SUCCEEDED
        run.summary = ("" if result is None else str(result))[:SUMMARY_LENGTH]
        state_changes["last_success_started"] = now
        logger.info("periodic job %s succeeded: %s", job.name, run.summary)
    run.finished = timezone.now()
    run.save(update_fields=["outcome", "error", "summary", "finished"])
    JobState.objects.filter(name=job.name, lock_token=token).update(**state_changes)
    return run


def run_due_jobs(now: datetime | None = None) -> list:
    """Run every registered job that is due, one after the other; returns the runs that happened."""
    now = now or timezone.now()
    runs = []
    for job in registered():
        try:
            run = run_job(job.name, now)
        except Exception as exc:  # the bookkeeping itself failed (database gone): go on with the next job
            logger.error(
                "periodic job %s could not be run: %s\n%s",
                job.name,
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
            )
            continue
        if run is not None:
            runs.append(run)
    return runs


def overview() -> list[dict]:
    """Every registered job with its state and last run, for the beheer page (two queries)."""
    from samenveilig.core.models import JobState

    states = {state.name: state for state in JobState.objects.select_related("last_run")}
    now = timezone.now()
    rows = []
    for job in registered():
        state = states.get(job.name)
        due = next_due(job, state)
        rows.append(
            {
                "job": job,
                "state": state,
                "last_run": state.last_run if state else None,
                "next_due": due,
                "is_due": due is None or due <= now,
                "is_running": bool(state and state.locked_until and state.locked_until > now),
            }
        )
    return rows
