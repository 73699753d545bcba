"""Celery tasks of the Verwijsindex: the e-mails to the contact persons of client systems' signals."""

from __future__ import annotations

import logging
import smtplib

from samenveilig.celery import app
from samenveilig.verwijsindex import announce

logger = logging.getLogger(__name__)


@app.task(bind=True, name="samenveilig.verwijsindex.email_system_contacts", max_retries=5, default_retry_delay=300)
def email_system_contacts(self, mails: list[list]) -> int:
    """``[[signal id, [subject, ...]], ...]``: e-mail each signal's contact person. An SMTP error is logged by its class
    only (its text may quote an address); outside eager mode the failed ones are retried."""
    sent, failed, error = 0, [], None
    for signal_id, subjects in mails:
        try:
            sent += announce.email_contact(signal_id, subjects)
        except (OSError, smtplib.SMTPException) as exc:
            logger.warning("signal %s: contact e-mail failed (%s)", signal_id, type(exc).__name__)
            failed.append([signal_id, subjects])
            error = exc
    if failed and not self.request.is_eager:
        raise self.retry(exc=error, args=[failed]) from None  # only the ones not sent
    return sent
