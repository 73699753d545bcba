"""Matchregie: which party of a match coordinates, hand-over, and the outcome of the coordination.

The rule: of the parties (signals) of a match, the one whose organisation type (``accounts.Sector``) ranks highest
in the order the functioneel beheerder set (:class:`Regieprioriteit`) becomes coordinator; a type without a rank
comes after every ranked one; ties go to the earliest signal. The coordinator may hand the regie over to another
party at once (no acceptance step: the parties agree on it when they talk, the system records it). A coordinator
chosen by hand-over keeps it until their signal ends; otherwise the rule is applied again whenever the parties
change (a signal joins or ends). Every change of coordinator is notified to the new coordinator; a hand-over to
every party. History (:class:`Regiestap`) is appended, never edited. Counts for the figures go to
:class:`FigureEvent`, without any person.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.lib import rows
from samenveilig.verwijsindex import announce
from samenveilig.verwijsindex.models import (
    FigureEvent,
    Jongere,
    Match,
    Outcome,
    Regieprioriteit,
    Regiestap,
    Signaal,
    is_system,
    owns,
)

REGIE_KIND = "verwijsindex.matchregie"
UNRANKED = 10_000


class RegieRefused(Exception):
    """A matchregie action that may not be stored; the message is shown at the field (no personal values)."""


def ranks() -> dict[str, int]:
    return dict(Regieprioriteit.objects.values_list("sector", "rank"))


def choose(signals: list[Signaal], order: dict[str, int] | None = None) -> Signaal:
    """The party that gets the regie by the rule: highest-ranked organisation type, then the earliest signal."""
    order = ranks() if order is None else order
    return min(signals, key=lambda s: (order.get(s.organisation.sector, UNRANKED), s.created, s.pk))


def regie_url(signal: Signaal) -> str:
    return reverse("verwijsindex:matchregie", args=[signal.pk])


def _tell(signal: Signaal, subject: str, body: str) -> announce.Tell:
    return announce.Tell(signal, REGIE_KIND, subject, body, regie_url(signal))


def _recorder(request):
    """The user who recorded a step; empty for a client system (the audit entry names the credential)."""
    return None if is_system(request.user) else request.user


def apply_rule(
    actor,
    match: Match,
    signals: list[Signaal] | None = None,
    *,
    tells: list[announce.Tell] | None = None,
    order: dict[str, int] | None = None,
) -> Signaal | None:
    """(Re)choose the coordinator after the parties changed; called with the young person's row locked.

    Keeps a handed-over coordinator whose signal still exists; else applies the rule (with ``order``, the ranks of the
    parties' organisation types, when the caller read them already). A new coordinator is told — at once, or added
    to ``tells`` when the caller sends a batch. A new match (not saved yet) is saved here with its coordinator.
    """
    if signals is None:
        signals = list(
            Signaal.objects.filter(jongere_id=match.jongere_id).select_related("organisation", "professional")
        )
    if not signals:
        return None
    current = next((s for s in signals if s.pk == match.coordinator_id), None)
    if current is not None and match.coordinator_by == Match.ChosenBy.HANDOVER:
        return current
    chosen = choose(signals, order)
    if chosen.pk == match.coordinator_id:
        return chosen
    match.coordinator, match.coordinator_by = chosen, Match.ChosenBy.RULE
    if match.pk is None:
        rows.insert([match])
    else:
        match.save(update_fields=["coordinator", "coordinator_by"])
    step = Regiestap(
        match=match, kind=Regiestap.Kind.ASSIGNED, organisation_id=chosen.organisation_id, day=timezone.localdate()
    )
    rows.insert([step])
    audit.log(actor, "verwijsindex.matchregie.assigned", match, purpose="regel")
    tell = _tell(
        chosen,
        _("U hebt de matchregie bij een match in de Verwijsindex"),
        _(
            "Volgens de afspraken in de regio coördineert u de afstemming tussen de betrokken professionals. Open de "
            "matchregie om de andere partijen te zien en de uitkomst vast te leggen."
        ),
    )
    if tells is None:
        announce.send([tell], actor=actor)
    else:
        tells.append(tell)
    return chosen


def match_party_events(match: Match, signals: list[Signaal], *, new: bool = False) -> list[FigureEvent]:
    """A figure row (unsaved) for every organisation that became party to this match and has none yet (``new``: the
    match was just made, so none has)."""
    counted = (
        set()
        if new
        else set(
            FigureEvent.objects.filter(kind=FigureEvent.Kind.MATCH, match_ref=match.pk).values_list(
                "organisation_id", flat=True
            )
        )
    )
    today = timezone.localdate()
    new = {}
    for signal in signals:
        if signal.organisation_id not in counted:
            new.setdefault(signal.organisation_id, signal.organisation.sector)
    return [
        FigureEvent(kind=FigureEvent.Kind.MATCH, day=today, organisation_id=org, sector=sector, match_ref=match.pk)
        for org, sector in new.items()
    ]


# --- the coordinator's actions -------------------------------------------------------------------------------------


def _locked(match: Match) -> tuple[Match, list[Signaal]]:
    Jongere.objects.select_for_update().get(pk=match.jongere_id)
    match = Match.objects.get(pk=match.pk)
    signals = list(Signaal.objects.filter(jongere_id=match.jongere_id).select_related("organisation", "professional"))
    return match, signals


def hand_over(request, match: Match, to_signal_id: int) -> Signaal:
    """The coordinator hands the regie to another party of the match; it takes effect at once and every party is
    told. Refuses (:class:`RegieRefused`) a party that is not (or no longer) in the match, or oneself."""
    action = "verwijsindex.matchregie.handed_over"
    require_perm(request, "verwijsindex.coordinate_match", action, match)
    with transaction.atomic():
        match, signals = _locked(match)
        if not owns(request.user, match.coordinator, getattr(request, "membership", None)):
            raise RegieRefused(_("U hebt de matchregie niet (meer)."))
        target = next((s for s in signals if s.pk == to_signal_id), None)
        if target is None:
            raise RegieRefused(_("Kies een andere partij van deze match."))
        if target.pk == match.coordinator_id:
            raise RegieRefused(_("U hebt de matchregie al."))
        match.coordinator, match.coordinator_by = target, Match.ChosenBy.HANDOVER
        match.save(update_fields=["coordinator", "coordinator_by"])
        Regiestap.objects.create(
            match=match,
            kind=Regiestap.Kind.HANDED_OVER,
            organisation_id=target.organisation_id,
            day=timezone.localdate(),
            recorded_by=_recorder(request),
        )
        audit.log(request, action, match, purpose="overdracht")
        tells = [
            _tell(
                target,
                _("De matchregie is aan u overgedragen"),
                _(
                    "Een andere professional heeft de matchregie bij een match in de Verwijsindex aan u overgedragen. "
                    "Open de matchregie om de partijen te zien en de uitkomst vast te leggen."
                ),
            )
        ]
        membership = getattr(request, "membership", None)
        for signal in signals:
            if signal.pk != target.pk and not owns(request.user, signal, membership):
                tells.append(
                    _tell(
                        signal,
                        _("De matchregie bij een van uw matches is overgedragen"),
                        _("Open de matchregie om te zien wie de afstemming nu coördineert."),
                    )
                )
        announce.send(tells, actor=request)
    return target


def record_outcome(request, match: Match, outcome: str, day: date) -> Regiestap:
    """The coordinator records that coordination happened and its outcome, with a date (not in the future, not
    before the match arose). History is appended; the first "afgestemd" also counts the days since the match."""
    action = "verwijsindex.matchregie.outcome_recorded"
    require_perm(request, "verwijsindex.coordinate_match", action, match)
    if outcome not in Outcome.values:
        raise RegieRefused(_("Kies een uitkomst."))
    today = timezone.localdate()
    with transaction.atomic():
        match, _signals = _locked(match)
        coordinator = match.coordinator
        if not owns(request.user, coordinator, getattr(request, "membership", None)):
            raise RegieRefused(_("U hebt de matchregie niet (meer)."))
        started = timezone.localdate(match.created)
        if day > today:
            raise RegieRefused(_("Deze datum ligt in de toekomst."))
        if day < started:
            raise RegieRefused(_("Deze datum ligt vóór het ontstaan van de match."))
        step = Regiestap.objects.create(
            match=match,
            kind=Regiestap.Kind.OUTCOME,
            organisation_id=coordinator.organisation_id,
            outcome=outcome,
            day=day,
            recorded_by=_recorder(request),
        )
        first_done = (
            outcome == Outcome.DONE and not match.regiestappen.filter(outcome=Outcome.DONE).exclude(pk=step.pk).exists()
        )
        FigureEvent.objects.create(
            kind=FigureEvent.Kind.OUTCOME,
            day=day,
            organisation_id=coordinator.organisation_id,
            sector=coordinator.organisation.sector,
            match_ref=match.pk,
            outcome=outcome,
            days=(day - started).days if first_done else None,
        )
        audit.log(request, action, match, purpose=f"uitkomst: {outcome}")
    return step


def save_priority(request, order: list[str]) -> None:
    """The functioneel beheerder sets the order of organisation types (first = highest). Types left out have no
    rank. Existing matches keep their coordinator until their parties change."""
    action = "verwijsindex.regieprioriteit.updated"
    require_perm(request, "verwijsindex.manage_matchregie", action, object_type="verwijsindex.regieprioriteit")
    with transaction.atomic():
        Regieprioriteit.objects.all().delete()
        Regieprioriteit.objects.bulk_create(
            Regieprioriteit(sector=sector, rank=rank) for rank, sector in enumerate(order, start=1)
        )
        audit.log(request, action, object_type="verwijsindex.regieprioriteit", purpose="volgorde matchregie")
