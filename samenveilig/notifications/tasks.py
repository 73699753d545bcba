"""Celery tasks of notifications: the e-mail that announces one (eager, in-process, without a broker)."""

from __future__ import annotations

import logging
import smtplib

from samenveilig.celery import app
from samenveilig.notifications import services

logger = logging.getLogger(__name__)


@app.task(bind=True, name="samenveilig.notifications.send_email", max_retries=5, default_retry_delay=300)
def send_notification_email(self, notification_id: int, *, include_text: bool = False) -> bool:
    """One notification's e-mail. New notifications queue ``send_notification_emails``; this task stays so that
    messages queued by an older release are still delivered after an upgrade."""
    try:
        return services.send_email(notification_id, include_text=include_text)
    except (OSError, smtplib.SMTPException) as exc:
        # The class only: an SMTP error may quote the recipient's address.
        logger.warning("notification %s: e-mail failed (%s)", notification_id, type(exc).__name__)
        if self.request.is_eager:
            return False  # in-process: the notification is in the app; do not fail the request that made it
        raise self.retry(exc=exc) from None


@app.task(bind=True, name="samenveilig.notifications.send_emails", max_retries=5, default_retry_delay=300)
def send_notification_emails(self, mails: list[list]) -> int:
    """The e-mails of several notifications made together (``[[notification id, include text], ...]``). Each is
    claimed before it is sent, so a retry after a failure sends only the ones not sent yet."""
    sent, failed = 0, None
    for notification_id, include_text in mails:
        try:
            sent += services.send_email(notification_id, include_text=include_text)
        except (OSError, smtplib.SMTPException) as exc:
            logger.warning("notification %s: e-mail failed (%s)", notification_id, type(exc).__name__)
            failed = exc
    if failed is not None and not self.request.is_eager:
        raise self.retry(exc=failed) from None
    return sent
