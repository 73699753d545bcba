"""The end of signals by law, enforced by the periodic job ``verwijsindex.expire_signals`` (Jeugdwet art. 7.1.4.5).

Every signal is gone at the latest on its ``remove_on`` day (two years after it was made, or the young person's 23rd
birthday, whichever is first) and as soon as possible after a death was recorded. The trace of a removed signal goes
on its ``keep_until`` day; a young person's row goes when nothing refers to it any more. Each deletion leaves an
audit entry with ids and the reason only. Runs also when the Verwijsindex is switched off: stored data still expires.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from samenveilig import audit
from samenveilig.verwijsindex import terms
from samenveilig.verwijsindex.models import Jongere, RemovalReason, Signaal, Signaalhistorie
from samenveilig.verwijsindex.services import remove_signal

BATCH = 500


def _reason(signal: Signaal) -> str:
    if signal.remove_on == terms.add_years(timezone.localdate(signal.created), terms.SIGNAL_MAX_YEARS):
        return RemovalReason.TERM
    return RemovalReason.AGE


def expire(now: datetime) -> str:
    """Remove what the law says must go by ``now``; returns counts only."""
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
