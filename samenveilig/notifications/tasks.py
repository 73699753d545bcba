"""Celery tasks of notifications: the e-mail that announces one (eager, in-process, without a broker)."""

from __future__ import annotations

import logging
import smtplib

from samenveilig.celery import app
from samenveilig.notifications import services

logger = logging.getLogger(__name__)


@app.task(bind=True, name="samenveilig.notifications.send_email", max_retries=5, default_retry_delay=300)
def send_notification_email(self, notification_id: int, *, include_text: bool = False) -> bool:
    try:
        return services.send_email(notification_id, include_text=include_text)
    except (OSError, smtplib.SMTPException) as exc:
        # The class only: an SMTP error may quote the recipient's address.
        logger.warning("notification %s: e-mail failed (%s)", notification_id, type(exc).__name__)
        if self.request.is_eager:
            return False  # in-process: the notification is in the app; do not fail the request that made it
        raise self.retry(exc=exc) from None
