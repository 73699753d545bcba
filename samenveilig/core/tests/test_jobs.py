"""Periodic jobs: due-ness, one runner at a time, failures recorded without detail, the command, the task and the
beheer page."""

from __future__ import annotations

import logging
import os
import signal
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.core import jobs
from samenveilig.core.models import JobRun, JobState

pytestmark = pytest.mark.django_db

T0 = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)
SECRET = "Jan Jansen 123456782"  # what a careless error message might quote


@pytest.fixture
def registry():
    """An empty registry for the test's own jobs; the real one comes back afterwards."""
    saved = dict(jobs._registry)
    jobs._registry.clear()
    yield jobs._registry
    jobs._registry.clear()
    jobs._registry.update(saved)


@pytest.fixture
def calls(registry):
    made = []

    @jobs.periodic_job("test.daily", every=timedelta(days=1))
    def daily(now):
        made.append(("daily", now))
        return "3 things done"

    @jobs.periodic_job("test.broken", every=timedelta(hours=6))
    def broken(now):
        made.append(("broken", now))
        raise ValueError(SECRET)

    return made


def test_apps_register_their_jobs_by_autodiscovery():
    assert "sociale_kaart.stale_reminders" in {job.name for job in jobs.registered()}


def test_two_jobs_cannot_share_a_name(registry):
    jobs.periodic_job("test.same", every=timedelta(days=1))(lambda now: None)
    with pytest.raises(ValueError):
        jobs.periodic_job("test.same", every=timedelta(days=1))(lambda now: "other")


def test_a_due_job_runs_and_its_run_is_recorded(calls):
    runs = jobs.run_due_jobs(T0)
    assert [run.job for run in runs] == ["test.broken", "test.daily"]
    daily = JobRun.objects.get(job="test.daily")
    assert daily.outcome == JobRun.Outcome.SUCCEEDED
    assert daily.summary == "3 things done"
    assert daily.started == T0
    assert daily.finished is not None
    state = JobState.objects.get(name="test.daily")
    assert state.last_success_started == T0
    assert state.locked_until is None
    assert state.last_run == daily


def test_a_job_does_not_run_again_before_its_interval(calls):
    jobs.run_due_jobs(T0)
    calls.clear()
    jobs.run_due_jobs(T0 + timedelta(hours=23, minutes=59))
    assert ("daily", T0 + timedelta(hours=23, minutes=59)) not in calls
    jobs.run_due_jobs(T0 + timedelta(days=1))
    assert ("daily", T0 + timedelta(days=1)) in calls
    assert JobRun.objects.filter(job="test.daily").count() == 2


def test_a_failing_job_is_recorded_by_class_name_only_and_does_not_stop_the_others(calls, caplog):
    with caplog.at_level(logging.ERROR, logger="samenveilig.core.jobs"):
        jobs.run_due_jobs(T0)
    broken = JobRun.objects.get(job="test.broken")
    assert broken.outcome == JobRun.Outcome.FAILED
    assert broken.error == "ValueError"
    assert SECRET not in broken.summary + broken.error
    assert JobRun.objects.get(job="test.daily").outcome == JobRun.Outcome.SUCCEEDED
    # The log has the stack, never the message.
    assert "ValueError" in caplog.text
    assert "jobs.py" in caplog.text
    assert "Jansen" not in caplog.text and "123456782" not in caplog.text
    assert JobState.objects.get(name="test.broken").last_success_started is None


def test_a_failed_job_is_tried_again_after_a_while_not_at_every_check(calls):
    jobs.run_due_jobs(T0)
    calls.clear()
    jobs.run_due_jobs(T0 + timedelta(minutes=5))
    assert [name for name, _ in calls] == []
    jobs.run_due_jobs(T0 + jobs.RETRY_AFTER)
    assert [name for name, _ in calls] == ["broken"]


def test_a_job_held_by_another_runner_is_skipped(calls):
    JobState.objects.create(name="test.daily", locked_until=T0 + timedelta(minutes=30), lock_token="other")
    assert jobs.run_job("test.daily", T0) is None
    assert jobs.run_job("test.daily", T0, force=True) is None
    assert not JobRun.objects.filter(job="test.daily").exists()


def test_a_job_does_not_run_inside_its_own_run(registry):
    inner = []

    @jobs.periodic_job("test.reentrant", every=timedelta(days=1))
    def reentrant(now):
        inner.append(jobs.run_job("test.reentrant", now, force=True))
        return "ok"

    assert jobs.run_job("test.reentrant", T0).outcome == JobRun.Outcome.SUCCEEDED
    assert inner == [None]


def test_the_lock_of_a_runner_that_died_expires_and_its_run_is_marked_interrupted(calls):
    left = JobRun.objects.create(job="test.daily", started=T0 - timedelta(hours=2))
    JobState.objects.create(name="test.daily", locked_until=T0 - timedelta(hours=1), lock_token="dead")
    run = jobs.run_job("test.daily", T0)
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    left.refresh_from_db()
    assert left.outcome == JobRun.Outcome.INTERRUPTED


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="real concurrency needs PostgreSQL"
)
def test_two_runners_at_once_run_a_job_once(registry):
    started = threading.Barrier(2)
    ran = []

    @jobs.periodic_job("test.slow", every=timedelta(days=1))
    def slow(now):
        ran.append(now)
        threading.Event().wait(0.5)
        return "slow"

    results = []

    def runner():
        started.wait()
        try:
            results.append(jobs.run_job("test.slow", T0))
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(ran) == 1
    assert sorted(result is None for result in results) == [False, True]


def test_forcing_a_job_runs_it_even_when_not_due(calls):
    jobs.run_due_jobs(T0)
    run = jobs.run_job("test.daily", T0 + timedelta(minutes=1), force=True)
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    assert run.forced


def test_the_command_runs_lists_and_forces_jobs(calls, capsys, time_machine):
    time_machine.move_to(T0, tick=False)
    call_command("run_jobs")
    out = capsys.readouterr().out
    assert "test.daily: succeeded 3 things done" in out
    assert "test.broken: failed ValueError" in out
    call_command("run_jobs", "--list")
    assert "test.daily" in capsys.readouterr().out
    call_command("run_jobs", "--job", "test.daily")
    assert "test.daily: succeeded" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("run_jobs", "--job", "test.unknown")
    with pytest.raises(CommandError, match="ValueError"):
        call_command("run_jobs", "--job", "test.broken")


def test_the_loop_stops_cleanly_on_sigterm(calls, capsys):
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        call_command("run_jobs", "--loop", "--interval", "30")
    finally:
        timer.cancel()
    out = capsys.readouterr().out
    assert "test.daily: succeeded" in out
    assert out.rstrip().endswith("Stopped.")


def test_the_celery_task_runs_what_is_due(calls):
    from samenveilig.core.tasks import run_due_jobs

    run_due_jobs.delay()  # eager without a broker
    assert JobRun.objects.filter(job="test.daily", outcome=JobRun.Outcome.SUCCEEDED).exists()


def test_beat_sends_the_one_task_that_asks_the_registry():
    from samenveilig.celery import app
    from samenveilig.core import tasks  # noqa: F401 (registers the task)

    entry = settings.CELERY_BEAT_SCHEDULE["run-due-jobs"]
    assert entry["task"] == "samenveilig.core.run_due_jobs"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == timedelta(seconds=settings.SAMENVEILIG_JOBS_INTERVAL_SECONDS)


def test_functioneel_beheerder_sees_the_jobs(client, login, personas, calls, django_assert_max_num_queries):
    jobs.run_due_jobs(T0)
    login(client, personas.beheerder)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("core:jobs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "test.daily" in page
    assert "3 things done" in page
    assert "ValueError" in page
    assert SECRET not in page


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "coordinator", "veiligthuis"])
def test_other_roles_cannot_see_the_jobs(client, login, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("core:jobs")).status_code == 403
    assert AuditEntry.objects.filter(action="core.jobs.viewed", outcome="refused").exists()
