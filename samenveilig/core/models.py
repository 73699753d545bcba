"""Bookkeeping of the periodic jobs (:mod:`samenveilig.core.jobs`): one state row per job, one row per run.

Neither holds personal data: a run records its job's name, times, outcome, a short summary the job returns (counts)
and, for a failure, only the class name of the error.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.Model):
    """One row per registered job: when it last started and succeeded, and who holds its lock.

    The lock is taken with one conditional UPDATE (``locked_until`` empty or past), which is atomic on SQLite and
    PostgreSQL alike: of two runners that try at once, exactly one gets it. A runner that dies leaves a lock that
    simply expires.
    """

    name = models.CharField(_("taak"), max_length=100, unique=True)
    locked_until = models.DateTimeField(_("vergrendeld tot"), null=True, blank=True)
    lock_token = models.CharField(max_length=32, blank=True, editable=False)
    last_started = models.DateTimeField(_("laatst gestart"), null=True, blank=True)
    last_success_started = models.DateTimeField(_("laatst geslaagd gestart"), null=True, blank=True)
    last_run = models.ForeignKey(
        "core.JobRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("laatste run")
    )

    class Meta:
        verbose_name = _("periodieke taak")
        verbose_name_plural = _("periodieke taken")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class JobRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", _("Bezig")
        SUCCEEDED = "succeeded", _("Geslaagd")
        FAILED = "failed", _("Mislukt")
        INTERRUPTED = "interrupted", _("Afgebroken")

    job = models.CharField(_("taak"), max_length=100, db_index=True)
    started = models.DateTimeField(_("gestart"))
    finished = models.DateTimeField(_("klaar"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    forced = models.BooleanField(_("met de hand gestart"), default=False)
    summary = models.CharField(_("samenvatting"), max_length=500, blank=True)
    error = models.CharField(_("fout"), max_length=200, blank=True, help_text=_("Alleen de soort fout."))

    class Meta:
        verbose_name = _("run van een taak")
        verbose_name_plural = _("runs van taken")
        ordering = ["-started", "-pk"]
        indexes = [models.Index(fields=["job", "-started"], name="jobrun_job_started")]

    def __str__(self) -> str:
        return f"{self.job} {self.started:%Y-%m-%d %H:%M} {self.outcome}"
