"""Run the periodic jobs that are due: once, or (``--loop``) every so many seconds until stopped.

    manage.py run_jobs                  run what is due, once (for cron)
    manage.py run_jobs --loop           keep running (embedded default, next to the web server; ``make demo``)
    manage.py run_jobs --job NAME       run one job now, due or not
    manage.py run_jobs --list           show the jobs, their interval and when they are due

SIGTERM or SIGINT during ``--loop`` lets the job that is running finish, then stops (exit code 0).
"""

from __future__ import annotations

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from samenveilig.core import jobs
from samenveilig.core.models import JobState


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (once, or with --loop until stopped)."

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--loop", action="store_true", help="Keep running; check what is due every --interval.")
        what.add_argument("--job", metavar="NAME", help="Run this job now, even if it is not due.")
        what.add_argument("--list", action="store_true", help="List the jobs and when they are due.")
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.SAMENVEILIG_JOBS_INTERVAL_SECONDS,
            help="Seconds between checks with --loop (default: SAMENVEILIG_JOBS_INTERVAL_SECONDS).",
        )

    def handle(self, *args, loop=False, job=None, list=False, interval=60, **options):
        if list:
            return self._list()
        if job:
            return self._force(job)
        if loop:
            return self._loop(interval)
        self._report(jobs.run_due_jobs())

    def _list(self):
        states = {state.name: state for state in JobState.objects.all()}
        for job in jobs.registered():
            state = states.get(job.name)
            due = jobs.next_due(job, state)
            if due is None or due <= timezone.now():
                due_text = "due now"
            else:
                due_text = f"due {timezone.localtime(due):%Y-%m-%d %H:%M}"
            self.stdout.write(f"{job.name}\tevery {job.every}\t{due_text}")

    def _force(self, name: str):
        try:
            jobs.get(name)
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        run = jobs.run_job(name, force=True)
        if run is None:
            raise CommandError(f"{name} is running elsewhere; try again later.")
        self._report([run])
        if run.outcome != run.Outcome.SUCCEEDED:
            raise CommandError(f"{name} failed: {run.error}")

    def _report(self, runs):
        for run in runs:
            detail = run.summary if run.outcome == run.Outcome.SUCCEEDED else run.error
            self.stdout.write(f"{run.job}: {run.outcome} {detail}".rstrip())

    @staticmethod
    def _fresh_connection():
        """Drop a database connection that broke or outlived SAMENVEILIG_DB_CONN_MAX_AGE between checks."""
        if not connection.in_atomic_block:
            close_old_connections()

    def _loop(self, interval: int):
        if interval < 1:
            raise CommandError("--interval must be at least 1 second.")
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write(f"Running periodic jobs every {interval} s; stop with Ctrl+C or SIGTERM.")
        try:
            while not stop.is_set():
                self._fresh_connection()
                self._report(jobs.run_due_jobs())
                self._fresh_connection()
                stop.wait(interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Stopped.")
