"""Periodic jobs of the Meldcode (found by ``core.jobs``' autodiscovery; see ``docs/jobs.md``)."""

from __future__ import annotations

from datetime import timedelta

from samenveilig.core.jobs import periodic_job
from samenveilig.meldcode import retention, services_af


@periodic_job("meldcode.idle_reminders", every=timedelta(days=1))
def idle_reminders(now) -> str:
    """Remind the owner and the aandachtsfunctionaris of open dossiers idle longer than
    SAMENVEILIG_MELDCODE_IDLE_DAYS (at most once per term per dossier)."""
    return services_af.send_idle_reminders(now)


@periodic_job("meldcode.retention", every=timedelta(days=1))
def delete_expired_dossiers(now) -> str:
    """Delete closed dossiers whose retention term (per kind of organisation, from closing) has ended, and record
    each deletion without personal data (docs/meldcode-retention.md)."""
    return retention.delete_expired(now)
