"""The write paths of the Verwijsindex: connect an organisation, register, end, record a death, read history.

Each takes the acting request, checks the permission before its transaction, writes in ``transaction.atomic()``,
audits with identifiers only (never a BSN, name or date of birth) and notifies after the match check. The expiry of
signals is in :mod:`samenveilig.verwijsindex.expiry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.accounts.models import Organisation, User
from samenveilig.core.access import require_perm
from samenveilig.lib import rows
from samenveilig.verwijsindex import announce, hashing, regie, terms
from samenveilig.verwijsindex import bsn as bsn_module
from samenveilig.verwijsindex.models import (
    SIGNALLING_ROLES,
    AangeslotenOrganisatie,
    FigureEvent,
    Jongere,
    Koppeling,
    Match,
    Regieprioriteit,
    RemovalReason,
    Signaal,
    Signaalhistorie,
    is_system,
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


# --- organisation API credentials (koppelingen) -------------------------------------------------------------------


def make_koppeling(actor, connection: AangeslotenOrganisatie, name: str, *, created_by=None) -> tuple[Koppeling, str]:
    """A new organisation API credential for ``connection``; returns it with its key, which is shown this once."""
    with transaction.atomic():
        koppeling, key = Koppeling.generate(aansluiting=connection, name=name, created_by=created_by)
        audit.log(actor, "verwijsindex.koppeling.created", koppeling, purpose="koppeling aangemaakt")
    return koppeling, key


def create_koppeling(request, organisation, name: str) -> tuple[Koppeling, str]:
    """The functioneel beheerder makes a credential for a connected organisation's client system."""
    require_perm(request, "verwijsindex.manage_connections", "verwijsindex.koppeling.created", organisation)
    connection = AangeslotenOrganisatie.objects.filter(organisation=organisation).first()
    if connection is None:
        raise RegistrationRefused(_("Sluit de organisatie eerst aan op de Verwijsindex."))
    return make_koppeling(request, connection, name, created_by=request.user)


def revoke_koppeling(request, koppeling: Koppeling) -> None:
    """Revoke at once; the organisation's signals stay (they belong to its systems, not to one credential)."""
    action = "verwijsindex.koppeling.revoked"
    require_perm(request, "verwijsindex.manage_connections", action, koppeling.aansluiting.organisation)
    with transaction.atomic():
        Koppeling.objects.filter(pk=koppeling.pk, revoked__isnull=True).update(revoked=timezone.now())
        audit.log(request, action, koppeling, purpose="koppeling ingetrokken")


# --- the young person's row: the lock for matching -----------------------------------------------------------------


def _lock_jongere(digits: str, *, create: bool = True) -> tuple[Jongere | None, bool]:
    """The young person's row, locked for this transaction, made (under the current key) when new; and whether this
    call made it (then nothing refers to it yet). The row carries ``has_history``.

    With one key (the usual case) the row is inserted first: on PostgreSQL one statement inserts or locks it
    (:func:`_upsert_jongere`); elsewhere a known one is locked after the insert found it. While keys are rotated it
    looks under every configured key first and re-keys a row found under an older one. Two registrations at the same
    moment both try to insert the same hash: the unique constraint lets one win, the other waits for it and then
    locks that row.
    """
    key_id, current = hashing.current_hash(digits)
    if create and connection.vendor == "postgresql" and len(hashing.keys()) == 1:
        return _upsert_jongere(current, key_id)
    history = Exists(Signaalhistorie.objects.filter(jongere_id=OuterRef("pk")))
    # Only the row itself may come with the lock: after waiting for it, PostgreSQL re-reads the locked row but not what
    # the same statement joined (a match made meanwhile would be missed), so the match and signals are read after it.
    # The history flag may be that old: it only tells the professional that earlier signals existed.
    locked = Jongere.objects.select_for_update().annotate(has_history=history)
    if create and len(hashing.keys()) == 1:
        made = _insert_jongere(current, key_id)
        if made is not None:
            return made, True
        return locked.get(bsn_hash=current), False
    jongere = locked.filter(bsn_hash__in=list(hashing.all_hashes(digits))).order_by("pk").first()
    if jongere is not None:
        if jongere.bsn_hash != current:
            jongere.bsn_hash, jongere.key_id = current, key_id
            jongere.save(update_fields=["bsn_hash", "key_id"])
        return jongere, False
    if not create:
        return None, False
    try:
        with transaction.atomic():
            jongere = Jongere.objects.create(bsn_hash=current, key_id=key_id)
            jongere.has_history = False
            return jongere, True
    except IntegrityError:
        return locked.get(bsn_hash=current), False


def _upsert_jongere(bsn_hash: str, key_id: str) -> tuple[Jongere, bool]:
    """PostgreSQL: insert the row, or lock the existing one, in one statement. ``ON CONFLICT DO UPDATE`` locks the row
    it conflicts with (waiting for a concurrent inserter to commit first); the no-op assignment is usually a heap-only
    update (no index changes; autovacuum clears the old version). ``xmax = 0`` tells a row this statement inserted
    from one it locked. Only the row's own columns and the history flag are read here: signals of a transaction it
    waited for are not in this statement's snapshot (see :func:`_lock_jongere`)."""
    now = timezone.now()
    table = connection.ops.quote_name(Jongere._meta.db_table)
    history = connection.ops.quote_name(Signaalhistorie._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} AS j (bsn_hash, key_id, created) VALUES (%s, %s, %s) "  # noqa: S608 - model tables
            "ON CONFLICT (bsn_hash) DO UPDATE SET key_id = EXCLUDED.key_id "
            f"RETURNING j.id, j.deceased_on, j.created, j.xmax = 0, "
            f"EXISTS (SELECT 1 FROM {history} h WHERE h.jongere_id = j.id)",
            [bsn_hash, key_id, now],
        )
        pk, deceased_on, created, made, has_history = cursor.fetchone()
    jongere = Jongere(pk=pk, bsn_hash=bsn_hash, key_id=key_id, deceased_on=deceased_on, created=created)
    jongere._state.adding = False
    jongere.has_history = has_history
    return jongere, made


def _insert_jongere(bsn_hash: str, key_id: str) -> Jongere | None:
    """Insert the row unless the hash is known (``ON CONFLICT DO NOTHING``, PostgreSQL and SQLite alike); the new row,
    or None when it existed."""
    now = timezone.now()
    table = connection.ops.quote_name(Jongere._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bsn_hash, key_id, created) VALUES (%s, %s, %s) "  # noqa: S608 - the model's table
            "ON CONFLICT (bsn_hash) DO NOTHING RETURNING id",
            [bsn_hash, key_id, connection.ops.adapt_datetimefield_value(now)],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    jongere = Jongere(pk=row[0], bsn_hash=bsn_hash, key_id=key_id, created=now)
    jongere._state.adding = False
    jongere.has_history = False
    return jongere


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
    """Register that the acting professional (or client system) is involved with the young person with this BSN.

    The same professional registering the same young person again gets their existing signal back (``created`` is
    False); so does an organisation's client system, whichever of the organisation's credentials it uses. Refuses
    (:class:`RegistrationRefused`) an invalid BSN, a date of birth out of the legal range, and a young person recorded
    as deceased; nothing is stored then.
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
    system = user.koppeling if is_system(user) else None
    professional = None if system else user
    with transaction.atomic(), audit.batch():
        jongere, made = _lock_jongere(digits)
        if jongere.deceased_on is not None:
            raise RegistrationRefused(_("Over deze jongere kan geen signaal worden afgegeven."))
        has_history = jongere.has_history
        # The other signals on this young person: none when the row is new, else one query that also finds ours.
        others, order = ([], {}) if made else _signals_with_ranks(jongere, organisation.sector)
        professional_id = getattr(professional, "pk", None)
        existing = next(
            (s for s in others if s.organisation_id == organisation.pk and s.professional_id == professional_id), None
        )
        if existing is not None:
            audit.log(request, "verwijsindex.signaal.registered_again", existing, purpose="registratie")
            return Registration(
                existing, created=False, matched=_match_of(jongere) is not None, has_history=has_history
            )
        [signal] = rows.insert(
            [
                Signaal(
                    jongere=jongere,
                    organisation=organisation,
                    professional=professional,
                    koppeling=system,
                    contact_name=contact_name,
                    contact_phone=contact_phone,
                    contact_email=contact_email,
                    start_date=start_date,
                    created=timezone.now(),
                    remove_on=terms.remove_on(today, birth_date),
                    informed=informed,
                    label=label,
                )
            ]
        )
        audit.log(request, action, signal, purpose="registratie")
        events = [
            FigureEvent(kind=FigureEvent.Kind.SIGNAL, day=today, organisation=organisation, sector=organisation.sector)
        ]
        parties = {s.organisation_id for s in others}
        matched = bool(parties - {organisation.pk})
        if matched:
            # A match exists exactly while signals of two or more organisations do (every writer keeps it so under
            # this lock): with the others all of one organisation, there is none yet and nothing to look up.
            _match_and_notify(request, jongere, [*others, signal], events, order, exists=len(parties) >= 2)
        rows.insert(events)
    return Registration(signal, created=True, matched=matched, has_history=has_history)


def _match_of(jongere: Jongere) -> Match | None:
    """The young person's match; read after the row was locked, so it is current."""
    return Match.objects.filter(jongere=jongere).first()


SIGNAL_ROW = rows.Select(Signaal, "s", Organisation, "o", User, "u")


def _signals_with_ranks(jongere: Jongere, sector: str) -> tuple[list[Signaal], dict[str, int]]:
    """The young person's signals with their organisation and professional, and the matchregie ranks of their
    organisation types and of ``sector`` (the registering organisation's): what a registration needs to decide on a
    match and its coordinator, in one query (:mod:`samenveilig.lib.rows`) on the hot path of the index."""
    q = connection.ops.quote_name
    ranks = q(Regieprioriteit._meta.db_table)
    sql = (
        f"SELECT {SIGNAL_ROW.columns}, r.rank, (SELECT own.rank FROM {ranks} own WHERE own.sector = %s) "  # noqa: S608
        f"FROM {q(Signaal._meta.db_table)} s "
        f"JOIN {q(Organisation._meta.db_table)} o ON o.id = s.organisation_id "
        f"LEFT JOIN {q(User._meta.db_table)} u ON u.id = s.professional_id "
        f"LEFT JOIN {ranks} r ON r.sector = o.sector "
        "WHERE s.jongere_id = %s ORDER BY s.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [sector, jongere.pk])
        fetched = cursor.fetchall()
    signals, order = [], {}
    for row in fetched:
        signal, organisation, professional = SIGNAL_ROW.instances(row[:-2])
        signal.organisation = organisation
        signal.professional = professional if signal.professional_id is not None else None
        signals.append(signal)
        for rank_sector, rank in ((organisation.sector, row[-2]), (sector, row[-1])):
            if rank is not None:
                order[rank_sector] = rank
    return signals, order


def _match_and_notify(
    actor,
    jongere: Jongere,
    signals: list[Signaal],
    events: list[FigureEvent],
    order: dict[str, int],
    *,
    exists: bool = True,
) -> None:
    """After a new signal, with signals of two or more organisations on the young person (``signals``, the new one
    included): make (or keep) the match, add its figure rows to ``events``, and tell every party (and a new
    coordinator), all in one batch. Called with the young person's row locked; ``exists=False`` when the young person
    had signals of one organisation only before, so that there is no match yet."""
    # The young person's row is locked, so nobody else makes this match meanwhile: no get_or_create savepoint.
    match = _match_of(jongere) if exists else None
    created = match is None
    tells: list[announce.Tell] = []
    if created:
        match = Match(jongere=jongere)  # saved by apply_rule, with its coordinator
    regie.apply_rule(actor, match, signals, tells=tells, order=order)
    audit.log(actor, "verwijsindex.match.created" if created else "verwijsindex.match.extended", match)
    events.extend(regie.match_party_events(match, signals, new=created))
    tells[:0] = [
        announce.Tell(
            signal,
            MATCH_KIND,
            _("Er is een match op een van uw signalen in de Verwijsindex"),
            _(
                "Een professional van een andere organisatie is betrokken bij een jongere over wie u een signaal "
                "hebt afgegeven. Open het signaal om te zien met wie u contact kunt opnemen."
            ),
            reverse("verwijsindex:signal", args=[signal.pk]),
        )
        for signal in signals
    ]
    announce.send(tells, actor=actor)


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
        jongere, _made = _lock_jongere(digits)
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
    history = list(
        Signaalhistorie.objects.filter(jongere_id=signal.jongere_id)
        .order_by("-removed_on", "-pk")
        .values("organisation__name", "registered_on", "removed_on", "reason")
    )
    audit.log(request, action, signal, purpose=f"historie opgevraagd: {purpose}")
    return history


# --- moving a leaving professional's signals -----------------------------------------------------------------------

TRANSFER_KIND = "verwijsindex.contact_changed"


def transfer_signals(request, organisation, leaver, colleague) -> int:
    """Move every signal ``leaver`` made for ``organisation`` to ``colleague`` of the same organisation, with the
    colleague's contact details; the other parties of each match see the new contact and are told so. Where the
    colleague already has a signal on the same young person, the leaver's signal goes (the organisation stays
    involved through the colleague's) and the regie moves with it. Returns the number of signals moved or merged."""
    from samenveilig.accounts.models import Membership
    from samenveilig.notifications.models import Notification

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
        tells = []
        for party in notified:
            mine = party.professional_id == colleague.pk and party.organisation_id == organisation.pk
            tells.append(
                announce.Tell(
                    party,
                    TRANSFER_KIND,
                    _("Een signaal is aan u overgedragen")
                    if mine
                    else _("Een andere partij bij een match heeft een nieuwe contactpersoon"),
                    _(
                        "Een signaal van een vertrokken collega in de Verwijsindex staat nu op uw naam; u bent de "
                        "contactpersoon."
                    )
                    if mine
                    else _("Open het signaal om de nieuwe contactgegevens van de andere partij te zien."),
                    reverse("verwijsindex:signal", args=[party.pk]),
                )
            )
        announce.send(tells, actor=request)
    return moved
