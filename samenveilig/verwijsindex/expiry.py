"""The end of signals by law, enforced by the periodic job ``verwijsindex.expire_signals`` (Jeugdwet art. 7.1.4.5).

Every signal is gone at the latest on its ``remove_on`` day (two years after it was made, or the young person's 23rd
birthday, whichever is first) and as soon as possible after a death was recorded. The trace of a removed signal goes
on its ``keep_until`` day; a young person's row goes when nothing refers to it any more. Each deletion leaves an
audit entry with ids and the reason only. Runs also when the Verwijsindex is switched off: stored data still expires.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from samenveilig import audit
from samenveilig.verwijsindex import terms
from samenveilig.verwijsindex.models import Jongere, Match, RemovalReason, Signaal, Signaalhistorie
from samenveilig.verwijsindex.services import remove_signal

BATCH = 500


def _reason(signal: Signaal) -> str:
    if signal.remove_on == terms.add_years(timezone.localdate(signal.created), terms.SIGNAL_MAX_YEARS):
        return RemovalReason.TERM
    return RemovalReason.AGE


def expire(now: datetime) -> str:
    """Remove what the law says must go by ``now``; returns counts only. Switched off with
    ``SAMENVEILIG_VERWIJSINDEX_WHEN_OFF=purge``: remove everything (:func:`purge`)."""
    if not settings.SAMENVEILIG_VERWIJSINDEX_ENABLED and settings.SAMENVEILIG_VERWIJSINDEX_WHEN_OFF == "purge":
        return purge()
    today = timezone.localdate(now)
    counts = {RemovalReason.TERM: 0, RemovalReason.AGE: 0, RemovalReason.DECEASED: 0}
    due = Signaal.objects.filter(Q(remove_on__lte=today) | Q(jongere__deceased_on__isnull=False))
    while True:
        person_ids = list(due.values_list("jongere_id", flat=True).distinct()[:BATCH])
        if not person_ids:
            break
        for person_id in person_ids:
            with transaction.atomic():
                jongere = Jongere.objects.select_for_update().get(pk=person_id)
                for signal in list(due.filter(jongere_id=person_id)):
                    reason = RemovalReason.DECEASED if jongere.deceased_on else _reason(signal)
                    remove_signal(None, signal, reason, today=today)
                    counts[reason] += 1

    history = 0
    while ids := list(Signaalhistorie.objects.filter(keep_until__lte=today).values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            for pk in ids:
                audit.log(
                    None,
                    "verwijsindex.signaalhistorie.removed",
                    object_type="verwijsindex.signaalhistorie",
                    object_id=str(pk),
                    purpose="bewaartermijn verstreken",
                )
            history += Signaalhistorie.objects.filter(pk__in=ids).delete()[0]

    # A young person's row without signals and history goes; a recorded death is kept for the history term, so that
    # no new signal can be made about them meanwhile.
    death_kept_from = terms.add_years(today, -settings.SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS)
    orphans = Jongere.objects.filter(
        ~Exists(Signaal.objects.filter(jongere=OuterRef("pk"))),
        ~Exists(Signaalhistorie.objects.filter(jongere=OuterRef("pk"))),
    ).filter(Q(deceased_on__isnull=True) | Q(deceased_on__lte=death_kept_from))
    persons = 0
    while True:
        with transaction.atomic():
            # Skip rows a registration holds right now; delete only what is still an orphan once locked.
            ids = list(orphans.select_for_update(skip_locked=True).values_list("pk", flat=True)[:BATCH])
            deleted = orphans.filter(pk__in=ids).delete()[0] if ids else 0
        persons += deleted
        if not deleted:
            break

    return (
        f"{sum(counts.values())} signalen verwijderd (termijn {counts[RemovalReason.TERM]}, "
        f"leeftijd {counts[RemovalReason.AGE]}, overleden {counts[RemovalReason.DECEASED]}); "
        f"{history} historieregels; {persons} jongeren zonder gegevens"
    )


def purge() -> str:
    """The region switched the Verwijsindex off and chose to purge: delete every signal, match (with its regie
    history), trace and young person's row, and their notifications, in batches of young persons. Leaves one audit
    entry per batch with counts only. Keeps the connected organisations, the regie order and the figures' counts
    (:class:`FigureEvent` holds no person)."""
    from samenveilig.notifications.models import Notification
    from samenveilig.verwijsindex import regie
    from samenveilig.verwijsindex.services import MATCH_KIND, REMINDER_KIND, TRANSFER_KIND

    totals = {"signalen": 0, "matches": 0, "historie": 0, "jongeren": 0}
    with transaction.atomic():
        notifications = Notification.objects.filter(
            kind__in=(MATCH_KIND, REMINDER_KIND, TRANSFER_KIND, regie.REGIE_KIND)
        ).delete()[0]
    while True:
        with transaction.atomic():
            ids = list(Jongere.objects.select_for_update(skip_locked=True).values_list("pk", flat=True)[:BATCH])
            if not ids:
                break
            counts = {
                "matches": Match.objects.filter(jongere_id__in=ids).delete()[1].get("verwijsindex.Match", 0),
                "signalen": Signaal.objects.filter(jongere_id__in=ids).delete()[0],
                "historie": Signaalhistorie.objects.filter(jongere_id__in=ids).delete()[0],
                "jongeren": Jongere.objects.filter(pk__in=ids).delete()[0],
            }
            audit.log(
                None,
                "verwijsindex.purged",
                object_type="verwijsindex.jongere",
                purpose="uitgeschakeld, gegevens gewist: " + ", ".join(f"{n} {what}" for what, n in counts.items()),
            )
        for what, n in counts.items():
            totals[what] += n
    return (
        f"uitgeschakeld, gewist: {totals['signalen']} signalen, {totals['matches']} matches, "
        f"{totals['historie']} historieregels, {totals['jongeren']} jongeren, {notifications} berichten"
    )


def remind(now: datetime) -> str:
    """Notify the professional of every signal whose legal end is within the reminder term, once per signal.

    The text names no date (a removal day can be a 23rd birthday) and nothing about the young person; the link leads
    to the signal, where the professional sees the day. Idempotent: ``reminded_on`` marks a signal reminded.
    Does nothing while the Verwijsindex is switched off.
    """
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from samenveilig.verwijsindex import announce
    from samenveilig.verwijsindex.services import REMINDER_KIND

    if not settings.SAMENVEILIG_VERWIJSINDEX_ENABLED:
        return "uitgeschakeld"
    today = timezone.localdate(now)
    horizon = today + timedelta(days=settings.SAMENVEILIG_VERWIJSINDEX_REMINDER_DAYS)
    due = Signaal.objects.filter(remove_on__gt=today, remove_on__lte=horizon, reminded_on__isnull=True)
    sent = 0
    while ids := list(due.values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            signals = Signaal.objects.filter(pk__in=ids).select_related("professional", "organisation")
            tells = [
                announce.Tell(
                    signal,
                    REMINDER_KIND,
                    _("Een signaal van u in de Verwijsindex wordt binnenkort verwijderd"),
                    _(
                        "Een signaal dat u hebt afgegeven bereikt binnenkort zijn wettelijke einddatum en wordt dan "
                        "verwijderd. Blijft de zorg bestaan en is de jongere nog geen 23, geef dan een nieuw signaal "
                        "af; het oude wordt niet verlengd."
                    ),
                    reverse("verwijsindex:signal", args=[signal.pk]),
                )
                for signal in signals
            ]
            announce.send(tells)
            sent += len(tells)
            Signaal.objects.filter(pk__in=ids).update(reminded_on=today)
    return f"{sent} herinneringen"
