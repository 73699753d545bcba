"""The write paths of the Verwijsindex: connect an organisation, register, end, record a death, read history.

Each takes the acting request, checks the permission before its transaction, writes in ``transaction.atomic()``,
audits with identifiers only (never a BSN, name or date of birth) and notifies after the match check. The expiry of
signals is in :mod:`samenveilig.verwijsindex.expiry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.verwijsindex import bsn as bsn_module
from samenveilig.verwijsindex import hashing, regie, terms
from samenveilig.verwijsindex.models import (
    SIGNALLING_ROLES,
    AangeslotenOrganisatie,
    FigureEvent,
    Jongere,
    Match,
    RemovalReason,
    Signaal,
    Signaalhistorie,
)

MATCH_KIND = "verwijsindex.match"
REMINDER_KIND = "verwijsindex.term_reminder"


class RegistrationRefused(Exception):
    """A registration that may not be stored; the message is shown to the professional (no personal values)."""


@dataclass(frozen=True)
class Registration:
    signal: Signaal
    created: bool
    matched: bool
    has_history: bool


# --- connected organisations ---------------------------------------------------------------------------------------


def save_connection(request, organisation, *, meldingsbevoegd: bool, criteria: str) -> AangeslotenOrganisatie:
    action = "verwijsindex.aangeslotenorganisatie.updated"
    require_perm(request, "verwijsindex.manage_connections", action, organisation)
    with transaction.atomic():
        connection, _created = AangeslotenOrganisatie.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        connection.meldingsbevoegd = meldingsbevoegd
        connection.criteria = criteria
        connection.save()
        audit.log(request, action, connection, purpose="aansluiting verwijsindex")
    return connection


# --- the young person's row: the lock for matching -----------------------------------------------------------------


def _lock_jongere(digits: str, *, create: bool = True) -> Jongere | None:
    """The young person's row, locked for this transaction; made (under the current key) when new.

    Looks under every configured key, and re-keys a row found under an older key. Two registrations at the same
    moment both try to insert the same hash: the unique constraint lets one win, the other then locks that row.
    """
    hashes = hashing.all_hashes(digits)
    key_id, current = hashing.current_hash(digits)
    jongere = Jongere.objects.select_for_update().filter(bsn_hash__in=list(hashes)).order_by("pk").first()
    if jongere is not None:
        if jongere.bsn_hash != current:
            jongere.bsn_hash, jongere.key_id = current, key_id
            jongere.save(update_fields=["bsn_hash", "key_id"])
        return jongere
    if not create:
        return None
    try:
        with transaction.atomic():
            return Jongere.objects.create(bsn_hash=current, key_id=key_id)
    except IntegrityError:
        return Jongere.objects.select_for_update().get(bsn_hash=current)


# --- registering ---------------------------------------------------------------------------------------------------


def register(
    request,
    *,
    bsn: str,
    birth_date: date,
    start_date: date,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
    informed: str,
    label: str = "",
) -> Registration:
    """Register that the acting professional is involved with the young person with this BSN.

    The same professional registering the same young person again gets their existing signal back (``created`` is
    False). Refuses (:class:`RegistrationRefused`) an invalid BSN, a date of birth out of the legal range, and a young
    person recorded as deceased; nothing is stored then.
    """
    action = "verwijsindex.signaal.created"
    require_perm(request, "verwijsindex.register_signal", action, object_type="verwijsindex.signaal")
    digits = bsn_module.normalise(bsn)
    today = timezone.localdate()
    if not bsn_module.passes_eleven_test(digits):
        raise RegistrationRefused(_("Dit is geen geldig burgerservicenummer."))
    if not terms.in_age_range(birth_date, today):
        raise RegistrationRefused(_("De jongere moet geboren zijn en jonger dan 23 jaar."))
    if informed not in Signaal.Informed.values:
        raise RegistrationRefused(_("Geef aan of de jongere of de ouders zijn geïnformeerd."))
    user = request.user
    organisation = (getattr(request, "membership", None) or user.active_membership).organisation
    with transaction.atomic():
        jongere = _lock_jongere(digits)
        if jongere.deceased_on is not None:
            raise RegistrationRefused(_("Over deze jongere kan geen signaal worden afgegeven."))
        has_history = jongere.historie.exists()
        existing = jongere.signalen.filter(organisation=organisation, professional=user).first()
        if existing is not None:
            audit.log(request, "verwijsindex.signaal.registered_again", existing, purpose="registratie")
            return Registration(existing, created=False, matched=_has_match(jongere), has_history=has_history)
        signal = Signaal.objects.create(
            jongere=jongere,
            organisation=organisation,
            professional=user,
            contact_name=contact_name,
            contact_phone=contact_phone,
            contact_email=contact_email,
            start_date=start_date,
            created=timezone.now(),
            remove_on=terms.remove_on(today, birth_date),
            informed=informed,
            label=label,
        )
        audit.log(request, action, signal, purpose="registratie")
        FigureEvent.objects.create(
            kind=FigureEvent.Kind.SIGNAL, day=today, organisation=organisation, sector=organisation.sector
        )
        matched = _match_and_notify(request, jongere)
    return Registration(signal, created=True, matched=matched, has_history=has_history)


def _has_match(jongere: Jongere) -> bool:
    return Match.objects.filter(jongere=jongere).exists()


def _match_and_notify(actor, jongere: Jongere) -> bool:
    """After a new signal: when two or more organisations now have a signal, make (or keep) the match and notify
    every party. Called with the young person's row locked."""
    from samenveilig.notifications.services import notify

    signals = list(jongere.signalen.select_related("professional", "organisation"))
    if len({s.organisation_id for s in signals}) < 2:
        return False
    # The young person's row is locked, so nobody else makes this match meanwhile: no get_or_create savepoint.
    match = Match.objects.filter(jongere=jongere).first()
    created = match is None
    if created:
        match = Match.objects.create(jongere=jongere)
    audit.log(actor, "verwijsindex.match.created" if created else "verwijsindex.match.extended", match)
    regie.record_match_parties(match, signals)
    for signal in signals:
        notify(
            signal.professional,
            kind=MATCH_KIND,
            subject=_("Er is een match op een van uw signalen in de Verwijsindex"),
            body=_(
                "Een professional van een andere organisatie is betrokken bij een jongere over wie u een signaal "
                "hebt afgegeven. Open het signaal om te zien met wie u contact kunt opnemen."
            ),
            url=reverse("verwijsindex:signal", args=[signal.pk]),
            organisation=signal.organisation,
            actor=actor,
        )
    regie.apply_rule(actor, match, signals)
    return True


# --- ending --------------------------------------------------------------------------------------------------------


def remove_signal(actor, signal: Signaal, reason: str, *, today: date | None = None) -> None:
    """Remove a signal (its young person's row locked by the caller): keep its trace, delete its match
    notifications, end the match when fewer than two organisations remain, and audit the deletion."""
    from samenveilig.notifications.models import Notification

    today = today or timezone.localdate()
    Signaalhistorie.objects.create(
        jongere_id=signal.jongere_id,
        organisation_id=signal.organisation_id,
        registered_on=timezone.localdate(signal.created),
        removed_on=today,
        reason=reason,
        keep_until=terms.history_keep_until(today),
    )
    Notification.objects.filter(
        kind__in=(MATCH_KIND, regie.REGIE_KIND, REMINDER_KIND, TRANSFER_KIND),
        recipient_id=signal.professional_id,
        url__in=[reverse(name, args=[signal.pk]) for name in ("verwijsindex:signal", "verwijsindex:matchregie")],
    ).delete()
    signal_id = signal.pk
    signal.delete()
    audit.log(
        actor,
        "verwijsindex.signaal.removed",
        object_type="verwijsindex.signaal",
        object_id=str(signal_id),
        purpose=f"verwijderd: {reason}",
    )
    remaining = Signaal.objects.filter(jongere_id=signal.jongere_id).values("organisation_id").distinct().count()
    match = Match.objects.filter(jongere_id=signal.jongere_id).first()
    if match is None:
        return
    if remaining < 2:
        audit.log(actor, "verwijsindex.match.ended", match, purpose="minder dan twee organisaties")
        Notification.objects.filter(kind=regie.REGIE_KIND, url__in=_regie_urls(match)).delete()
        match.delete()
    else:
        regie.apply_rule(actor, match)


def _regie_urls(match: Match) -> list[str]:
    ids = Signaal.objects.filter(jongere_id=match.jongere_id).values_list("pk", flat=True)
    return [reverse("verwijsindex:matchregie", args=[pk]) for pk in ids]


def end_signal(request, signal: Signaal, reason: str) -> None:
    """The professional removes their own signal: not justified, or the risk is gone (Jeugdwet art. 7.1.4.5 lid 1)."""
    action = "verwijsindex.signaal.ended"
    require_perm(request, "verwijsindex.end_signal", action, signal)
    if reason not in (RemovalReason.NOT_JUSTIFIED, RemovalReason.RISK_GONE):
        raise ValueError("A professional ends a signal as not justified or because the risk is gone.")
    with transaction.atomic():
        Jongere.objects.select_for_update().get(pk=signal.jongere_id)
        audit.log(request, action, signal, purpose=f"beëindigd: {reason}")
        remove_signal(request, signal, reason)


def record_death(request, bsn: str) -> None:
    """The functioneel beheerder records that a young person died; their signals go at once (art. 7.1.4.5 lid 2c).

    Says nothing about whether the index knew the young person: the beheerder never learns that.
    """
    action = "verwijsindex.jongere.death_recorded"
    require_perm(request, "verwijsindex.record_death", action, object_type="verwijsindex.jongere")
    digits = bsn_module.normalise(bsn)
    if not bsn_module.passes_eleven_test(digits):
        raise RegistrationRefused(_("Dit is geen geldig burgerservicenummer."))
    with transaction.atomic():
        jongere = _lock_jongere(digits)
        if jongere.deceased_on is None:
            jongere.deceased_on = timezone.localdate()
            jongere.save(update_fields=["deceased_on"])
        audit.log(request, action, jongere, purpose="overlijden")
        for signal in list(jongere.signalen.all()):
            remove_signal(request, signal, RemovalReason.DECEASED)


# --- history -------------------------------------------------------------------------------------------------------


def request_history(request, signal: Signaal, purpose: str) -> list[dict]:
    """The trace of removed signals on the young person of ``signal``: organisation and dates only, with the
    request and its reason (a fixed choice) in the audit log."""
    action = "verwijsindex.signaalhistorie.requested"
    require_perm(request, "verwijsindex.request_history", action, signal)
    rows = list(
        Signaalhistorie.objects.filter(jongere_id=signal.jongere_id)
        .order_by("-removed_on", "-pk")
        .values("organisation__name", "registered_on", "removed_on", "reason")
    )
    audit.log(request, action, signal, purpose=f"historie opgevraagd: {purpose}")
    return rows


# --- moving a leaving professional's signals -----------------------------------------------------------------------

TRANSFER_KIND = "verwijsindex.contact_changed"


def transfer_signals(request, organisation, leaver, colleague) -> int:
    """Move every signal ``leaver`` made for ``organisation`` to ``colleague`` of the same organisation, with the
    colleague's contact details; the other parties of each match see the new contact and are told so. Where the
    colleague already has a signal on the same young person, the leaver's signal goes (the organisation stays
    involved through the colleague's) and the regie moves with it. Returns the number of signals moved or merged."""
    from samenveilig.accounts.models import Membership
    from samenveilig.notifications.models import Notification
    from samenveilig.notifications.services import notify

    action = "verwijsindex.signaal.transferred"
    require_perm(request, "verwijsindex.transfer_signals", action, organisation)
    if not Membership.objects.filter(user=colleague, organisation=organisation, role__in=SIGNALLING_ROLES).exists():
        raise RegistrationRefused(_("De collega moet professional zijn bij dezelfde organisatie."))
    if colleague.pk == leaver.pk:
        raise RegistrationRefused(_("Kies een andere collega dan de vertrekkende professional."))
    if not colleague.phone or not colleague.email:
        raise RegistrationRefused(_("Deze collega heeft geen telefoonnummer of e-mailadres in het profiel."))
    name = colleague.get_full_name() or colleague.username
    moved = 0
    notified: list[Signaal] = []
    with transaction.atomic():
        person_ids = list(
            Signaal.objects.filter(organisation=organisation, professional=leaver).values_list("jongere_id", flat=True)
        )
        for jongere in Jongere.objects.select_for_update().filter(pk__in=person_ids).order_by("pk"):
            signal = jongere.signalen.filter(organisation=organisation, professional=leaver).first()
            if signal is None:
                continue
            Notification.objects.filter(
                recipient_id=leaver.pk,
                url__in=[reverse(n, args=[signal.pk]) for n in ("verwijsindex:signal", "verwijsindex:matchregie")],
            ).delete()
            kept = jongere.signalen.filter(organisation=organisation, professional=colleague).first()
            if kept is not None:
                Match.objects.filter(jongere=jongere, coordinator=signal).update(coordinator=kept)
                audit.log(request, "verwijsindex.signaal.merged", signal, purpose=f"samengevoegd met {kept.pk}")
                signal.delete()
                signal = kept
            else:
                signal.professional = colleague
                signal.contact_name, signal.contact_phone, signal.contact_email = name, colleague.phone, colleague.email
                signal.label = ""  # the leaver's own label is theirs, not the colleague's
                signal.reminded_on = None
                signal.save(
                    update_fields=[
                        "professional",
                        "contact_name",
                        "contact_phone",
                        "contact_email",
                        "label",
                        "reminded_on",
                    ]
                )
                audit.log(request, action, signal, purpose="professional vertrokken")
            moved += 1
            if Match.objects.filter(jongere=jongere).exists():
                notified.extend(jongere.signalen.select_related("professional", "organisation"))
        for party in notified:
            mine = party.professional_id == colleague.pk and party.organisation_id == organisation.pk
            notify(
                party.professional,
                kind=TRANSFER_KIND,
                subject=_("Een signaal is aan u overgedragen")
                if mine
                else _("Een andere partij bij een match heeft een nieuwe contactpersoon"),
                body=_(
                    "Een signaal van een vertrokken collega in de Verwijsindex staat nu op uw naam; u bent de "
                    "contactpersoon."
                )
                if mine
                else _("Open het signaal om de nieuwe contactgegevens van de andere partij te zien."),
                url=reverse("verwijsindex:signal", args=[party.pk]),
                organisation=party.organisation,
                actor=request,
            )
    return moved
