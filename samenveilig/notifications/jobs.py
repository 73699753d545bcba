"""Periodic jobs of notifications (found by ``core.jobs``' autodiscovery)."""

from __future__ import annotations

from datetime import timedelta

from samenveilig.core.jobs import periodic_job
from samenveilig.notifications import services


@periodic_job("notifications.send_pending_emails", every=timedelta(minutes=5))
def send_pending_emails(now) -> str:
    """Send the notification e-mails still owed: their task could not be queued (the broker was down) or gave up on
    a failing mail server. Nothing is sent twice; e-mails older than two days are no longer sent."""
    return services.send_pending_emails(now)
