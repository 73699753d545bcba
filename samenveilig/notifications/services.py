"""The write paths of notifications: create (and announce by e-mail after commit), mark read.

Usage from another app's service, inside or outside its transaction::

    notifications.services.notify(
        user,
        kind="verwijsindex.match",
        subject=_("Er is een nieuwe match op een van uw signalen"),
        body=_("Open de Verwijsindex om te zien met wie u contact kunt opnemen."),
        url=reverse("verwijsindex:signal", args=[signal.pk]),
        organisation=membership.organisation,
    )

**The subject and body must not identify a client**: no name, BSN, address, date of birth or case detail — the
caller is responsible. The e-mail never carries them unless the caller passes ``sensitive=False`` for text about
organisations only (such as the sociale kaart reminders); by default it says only that there is a new message, with a
link that needs a login.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from samenveilig import audit
from samenveilig.lib import rows
from samenveilig.notifications.models import Notification

logger = logging.getLogger(__name__)


def is_app_url(url: str) -> bool:
    """A link inside this app: an absolute path on our own host, no scheme, no other host."""
    if not url:
        return True
    parts = urlsplit(url)
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return False
    return not parts.scheme and not parts.netloc


def notify(
    user,
    *,
    kind: str,
    subject: str,
    body: str = "",
    url: str = "",
    organisation=None,
    email: bool = True,
    sensitive: bool = True,
    actor=None,
) -> Notification:
    """Create a notification for ``user`` and, after the surrounding transaction commits, e-mail them about it.

    ``kind`` is a stable dotted name (``app.event``) callers can count and query by. ``url`` must be a path inside
    the app (``/sociale-kaart/verouderd/``). ``email=False`` keeps it in the app. ``sensitive=False`` lets the
    e-mail repeat the subject and body — only for text that is about organisations, never about a person.
    ``actor`` (a request or user; None for the system) is recorded in the audit entry.
    """
    return notify_many(
        [
            Note(
                user,
                kind=kind,
                subject=subject,
                body=body,
                url=url,
                organisation=organisation,
                email=email,
                sensitive=sensitive,
            )
        ],
        actor=actor,
    )[0]


@dataclass
class Note:
    """One notification to make with :func:`notify_many`; the fields as :func:`notify` takes them."""

    user: object
    kind: str
    subject: str
    body: str = ""
    url: str = ""
    organisation: object = None
    email: bool = True
    sensitive: bool = True


def notify_many(notes: list[Note], *, actor=None) -> list[Notification]:
    """Make several notifications at once: one insert, one insert of their audit entries, and one e-mail task for all
    after the surrounding transaction commits. For a service that tells every party of something in one request."""
    for note in notes:
        if not is_app_url(note.url):
            raise ValueError("A notification links to a page inside the app: a path starting with '/'.")
    if not notes:
        return []
    with transaction.atomic(savepoint=False):
        notifications = rows.insert(
            [
                Notification(
                    recipient=note.user,
                    organisation=note.organisation,
                    kind=note.kind,
                    subject=str(note.subject)[:200],
                    body=str(note.body),
                    url=note.url,
                    email_wanted=bool(note.email and note.user.is_active and note.user.email),
                    email_text=not note.sensitive,
                )
                for note in notes
            ]
        )
        audit.log_many(actor, "notifications.notification.created", notifications)
        mails = [(n.pk, n.email_text) for n in notifications if n.email_wanted]
        if mails:
            transaction.on_commit(lambda: _queue_emails(mails))
    return notifications


def _queue_emails(mails: list[tuple[int, bool]]) -> None:
    """Queue the e-mails (after commit). When the broker cannot take them, the request that made the notifications
    still succeeds: they stay owed, and :func:`send_pending_emails` sends them on its next run."""
    from samenveilig.notifications.tasks import send_notification_emails

    try:
        send_notification_emails.delay([[pk, include_text] for pk, include_text in mails])
    except (OperationalError, OSError) as exc:  # the broker is unreachable
        logger.warning(
            "%d notification e-mails not queued (%s); the periodic job sends them", len(mails), type(exc).__name__
        )


#: An owed e-mail is left to its queued task this long before the periodic job takes it over.
PENDING_GRACE = timedelta(minutes=2)
#: Owed e-mails older than this are no longer sent: the notification is in the app, and the news is stale.
PENDING_MAX_AGE = timedelta(days=2)
PENDING_BATCH = 500


def send_pending_emails(now) -> str:
    """Send the e-mails still owed (the task could not be queued, or gave up on a failing mail server), oldest first,
    at most :data:`PENDING_BATCH` per run. Each is claimed as it is sent, so a task that runs at the same moment does
    not send it twice. Returns a summary without personal data."""
    owed = list(
        Notification.objects.filter(
            email_wanted=True,
            emailed_at__isnull=True,
            created__lte=now - PENDING_GRACE,
            created__gt=now - PENDING_MAX_AGE,
        )
        .order_by("created", "pk")
        .values_list("pk", "email_text")[:PENDING_BATCH]
    )
    sent = failed = 0
    for pk, include_text in owed:
        try:
            sent += send_email(pk, include_text=include_text)
        except (OSError, smtplib.SMTPException) as exc:
            logger.warning("notification %s: e-mail failed (%s)", pk, type(exc).__name__)
            failed += 1
    return f"e-mails verstuurd: {sent}, mislukt: {failed}, niet meer nodig: {len(owed) - sent - failed}"


def send_email(notification_id: int, *, include_text: bool = False) -> bool:
    """Send the e-mail about a notification, at most once. Returns whether a mail went out.

    The notification is claimed first (``emailed_at``), so a retried or duplicated task sends nothing twice; a
    failed send releases the claim and raises, so the task can try again.
    """
    now = timezone.now()
    if not Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(emailed_at=now):
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return False
    link = settings.SAMENVEILIG_SITE_URL + notification.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        context = {"notification": notification, "link": link, "include_text": include_text}
        subject = render_to_string("notifications/email/subject.txt", context).strip()
        message = render_to_string("notifications/email/body.txt", context)
    try:
        send_mail(subject, message, None, [recipient.email])
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    logger.info("notification %s e-mailed", notification_id)
    return True


def mark_read(request, notification: Notification) -> None:
    """The recipient opened it. Reading was audited by the view (``get_visible_or_404``)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)


def mark_all_read(request) -> int:
    with transaction.atomic():
        count = Notification.objects.visible_to(request.user).unread().update(read_at=timezone.now())
        audit.log(request, "notifications.notification.all_read", object_type="notifications.notification")
    return count
