"""How long a closed Meldcode dossier is kept, per kind of organisation, and the deletion when that term ends.

The Meldcode dossier is part of the professional's own record and falls under the record-keeping rules of the
profession (``docs/meldcode-retention.md`` gives each rule's legal basis and says which are verified). The term is
counted from the day the dossier closed. An open dossier is never deleted by this job.

:data:`RULES` is the one place with the terms; ``SAMENVEILIG_MELDCODE_RETENTION_YEARS`` (``sector:years``) overrides
the number of years per sector without changing the rule's name. The periodic job ``meldcode.retention`` calls
:func:`delete_expired`; each deletion leaves a :class:`~samenveilig.meldcode.models.DeletionRecord` and an audit
entry, both with ids, dates and the rule only. The dossier's change history (simple-history rows, which hold the same
encrypted personal data) goes with it, and so does everything that hangs from the dossier (cascade).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core import checks
from django.db import router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig import audit
from samenveilig.accounts.models import Sector
from samenveilig.meldcode.models import DeletionRecord, Dossier, PersonConcerned
from samenveilig.meldcode.workflow import Status

BATCH = 200


@dataclass(frozen=True)
class Rule:
    code: str  # stable, stored in DeletionRecord.rule
    years: int
    basis: str
    verified: bool


WGBO = Rule(
    "wgbo",
    20,
    _("WGBO, art. 7:454 lid 3 BW: twintig jaar (sinds 2020 gerekend vanaf de laatste wijziging van het dossier)"),
    verified=False,
)
JEUGDWET = Rule(
    "jeugdwet",
    20,
    _("Jeugdwet, art. 7.3.8: twintig jaar, of zoveel langer als uit de zorg van een goed hulpverlener voortvloeit"),
    verified=False,
)
NO_STATUTORY_TERM = Rule(
    "avg_noodzaak",
    5,
    _(
        "Geen wettelijke termijn voor deze sector: niet langer dan nodig (AVG art. 5 lid 1 onder e); "
        "standaard van Samen Veilig, vast te stellen door de organisatie"
    ),
    verified=False,
)

#: The rule per sector (accounts.Sector). A sector not named here gets NO_STATUTORY_TERM.
RULES: dict[str, Rule] = {
    Sector.HUISARTS: WGBO,
    Sector.GGZ: WGBO,
    Sector.JGZ: WGBO,
    Sector.JEUGDHULP: JEUGDWET,
    Sector.GI: JEUGDWET,
    Sector.LOKAAL_TEAM: JEUGDWET,
}


def rule_for(sector: str) -> Rule:
    """The rule for a sector, with the number of years from ``SAMENVEILIG_MELDCODE_RETENTION_YEARS`` if set there."""
    rule = RULES.get(sector, NO_STATUTORY_TERM)
    override = settings.SAMENVEILIG_MELDCODE_RETENTION_YEARS.get(sector)
    if override is not None and override != rule.years:
        return Rule(f"{rule.code}:instelling", override, rule.basis, rule.verified)
    return rule


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February in a common year."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def delete_until(day: date, sector: str) -> date:
    """A dossier of this sector closed on or before the returned day has reached its term on ``day``."""
    return add_years(day, -rule_for(sector).years)


def expired(today: date):
    """The closed dossiers whose term has ended on ``today``, per sector (one query per sector)."""
    closed = Dossier.objects.filter(status=Status.GESLOTEN, closed_on__isnull=False)
    for sector in Sector.values:
        yield sector, closed.filter(organisation__sector=sector, closed_on__lte=delete_until(today, sector))


def delete_dossier(dossier: Dossier, *, rule: Rule, now: datetime) -> DeletionRecord:
    """Delete one dossier with everything that hangs from it and its change history; record it without personal data."""
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().select_related("organisation").get(pk=dossier.pk)
        record = DeletionRecord.objects.create(
            dossier_id=dossier.pk,
            organisation_id=dossier.organisation_id,
            sector=dossier.organisation.sector,
            concern=dossier.concern,
            opened_on=dossier.opened_on,
            closed_on=dossier.closed_on,
            deleted=now,
            rule=rule.code,
            retention_years=rule.years,
        )
        audit.log(
            None,
            "meldcode.dossier.deleted",
            object_type="meldcode.dossier",
            object_id=str(dossier.pk),
            purpose=f"bewaartermijn verstreken ({rule.code}, {rule.years} jaar)",
        )
        # Which rows go (the cascade), so that their history rows can follow: simple-history even adds a row on
        # delete, holding the last (encrypted) values.
        collector = Collector(using=router.db_for_write(Dossier))
        collector.collect([dossier])
        tracked = {
            model: [obj.pk for obj in objects]
            for model, objects in collector.data.items()
            if getattr(model._meta, "simple_history_manager_attribute", None)
        }
        collector.delete()
        for model, pks in tracked.items():
            getattr(model, model._meta.simple_history_manager_attribute).filter(id__in=pks).delete()
        # Persons once in the dossier but no longer there leave history rows too.
        PersonConcerned.history.filter(dossier_id=record.dossier_id).delete()
    return record


def delete_expired(now: datetime) -> str:
    """Delete every closed dossier past its term on ``now``; returns counts only."""
    today = timezone.localdate(now)
    counts: dict[str, int] = {}
    for sector, dossiers in expired(today):
        rule = rule_for(sector)
        while batch := list(dossiers[:BATCH]):
            for dossier in batch:
                delete_dossier(dossier, rule=rule, now=now)
                counts[rule.code] = counts.get(rule.code, 0) + 1
    total = sum(counts.values())
    detail = ", ".join(f"{code} {count}" for code, count in sorted(counts.items()))
    return f"{total} dossiers verwijderd" + (f" ({detail})" if detail else "")


@checks.register()
def retention_sectors_are_known(app_configs, **kwargs):
    """A typo in ``SAMENVEILIG_MELDCODE_RETENTION_YEARS`` stops the system checks instead of being ignored."""
    unknown = [s for s in settings.SAMENVEILIG_MELDCODE_RETENTION_YEARS if s not in Sector.values]
    if unknown:
        return [
            checks.Error(
                f"SAMENVEILIG_MELDCODE_RETENTION_YEARS names unknown sectors: {', '.join(unknown)}",
                hint=f"Use sector codes from accounts.Sector: {', '.join(Sector.values)}",
                id="meldcode.E002",
            )
        ]
    return []
