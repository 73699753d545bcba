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
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from samenveilig import audit
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
    if not is_app_url(url):
        raise ValueError("A notification links to a page inside the app: a path starting with '/'.")
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=user,
            organisation=organisation,
            kind=kind,
            subject=str(subject)[:200],
            body=str(body),
            url=url,
        )
        audit.log(actor, "notifications.notification.created", notification)
        if email and user.is_active and user.email:
            pk, include_text = notification.pk, not sensitive
            transaction.on_commit(lambda: _queue_email(pk, include_text))
    return notification


def _queue_email(notification_id: int, include_text: bool) -> None:
    from samenveilig.notifications.tasks import send_notification_email

    send_notification_email.delay(notification_id, include_text=include_text)


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
