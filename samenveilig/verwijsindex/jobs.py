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
