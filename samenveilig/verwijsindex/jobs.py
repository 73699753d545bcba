"""Periodic jobs of the Verwijsindex (found by ``core.jobs``' autodiscovery)."""

from __future__ import annotations

from datetime import timedelta

from samenveilig.core.jobs import periodic_job
from samenveilig.verwijsindex import expiry


@periodic_job("verwijsindex.expire_signals", every=timedelta(hours=1))
def expire_signals(now) -> str:
    """Remove signals at the end of their legal term (Jeugdwet art. 7.1.4.5) and the trace of removed signals
    after its term; runs also when the Verwijsindex is switched off."""
    return expiry.expire(now)


@periodic_job("verwijsindex.term_reminders", every=timedelta(days=1))
def term_reminders(now) -> str:
    """Remind each professional once, ``SAMENVEILIG_VERWIJSINDEX_REMINDER_DAYS`` before a signal's legal end, that
    it will go and that a continuing concern needs a new signal (never a silent extension)."""
    return expiry.remind(now)
