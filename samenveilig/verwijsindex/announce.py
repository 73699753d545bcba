"""Telling the owners of signals: the professional in the app (and by e-mail), a client system's contact by e-mail.

A signal made by a professional is told through ``notifications`` (in the app, and an e-mail that names nothing).
A signal made by an organisation's client system (:class:`~samenveilig.verwijsindex.models.Koppeling`) has no user
to notify: its contact person gets an e-mail with the same subject, no link and nothing about the young person —
the client system reads the details through the API. Everything a request tells goes out in one batch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction

from samenveilig import audit
from samenveilig.verwijsindex.models import Signaal

CONTACT_EMAILED = "verwijsindex.signaal.contact_emailed"

logger = logging.getLogger(__name__)


@dataclass
class Tell:
    signal: Signaal
    kind: str
    subject: str
    body: str
    url: str


def send(tells: list[Tell], *, actor=None) -> None:
    """Notify the professionals and queue the e-mails to system contacts, after the surrounding transaction."""
    from samenveilig.notifications.services import Note, notify_many

    people = [t for t in tells if t.signal.professional_id is not None]
    systems = [t for t in tells if t.signal.professional_id is None]
    notify_many(
        [
            Note(
                t.signal.professional,
                kind=t.kind,
                subject=t.subject,
                body=t.body,
                url=t.url,
                organisation=t.signal.organisation,
            )
            for t in people
        ],
        actor=actor,
    )
    if systems:
        audit.log_many(
            actor,
            CONTACT_EMAILED,
            list({t.signal.pk: t.signal for t in systems}.values()),
            purpose="bericht aan contactpersoon",
        )
        subjects: dict[int, list[str]] = {}
        for t in systems:  # one e-mail per signal, however much happened to it in this request
            subjects.setdefault(t.signal.pk, []).append(str(t.subject))
        mails = [[pk, texts] for pk, texts in subjects.items()]
        transaction.on_commit(lambda: _queue(mails))


def _queue(mails: list[list]) -> None:
    """Queue the contact e-mails after commit; when the broker cannot take them, send them in this process (slower,
    but the request still succeeds and nothing is lost: there is no other record to send them from later)."""
    from kombu.exceptions import OperationalError

    from samenveilig.verwijsindex.tasks import email_system_contacts

    try:
        email_system_contacts.delay(mails)
    except (OperationalError, OSError) as exc:  # the broker is unreachable
        logger.warning("%d contact e-mails not queued (%s); sent in-process", len(mails), type(exc).__name__)
        email_system_contacts.apply(args=[mails])


def email_contact(signal_id: int, subjects: list[str]) -> bool:
    """Send one system contact their e-mail about what happened (``subjects``: texts without any personal detail);
    nothing when the signal is gone meanwhile. Returns whether it went."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils import translation
    from django.utils.translation import gettext as _

    row = Signaal.objects.filter(pk=signal_id, professional__isnull=True).values("contact_email").first()
    if row is None or not row["contact_email"]:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = _(
            "Dit bericht gaat over een signaal dat het cliëntsysteem van uw organisatie in de Verwijsindex heeft "
            "afgegeven, met u als contactpersoon. Bekijk de details, zoals de contactgegevens van andere "
            "betrokken professionals, in het cliëntsysteem van uw organisatie.\n\nDit bericht bevat bewust geen "
            "gegevens over de jongere."
        )
        what = "\n".join(f"- {text}" for text in subjects)
        send_mail(f"Samen Veilig — {subjects[0]}", f"{what}\n\n{body}", None, [row["contact_email"]])
    return True
