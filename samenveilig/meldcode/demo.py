"""Demo dossiers for the demo school, one at every step: wholly synthetic people and events.

``load(users, organisations)`` takes the demo users by username (``professional``, ``af``, ``leerkracht2``) and
the demo organisations by key (``school``) from :mod:`samenveilig.core.demo`. Idempotent: the demo dossiers are
recognised by their reference (``DEMO-…``) and made again from scratch. Everything goes through the services, so the
demo dossiers follow the same rules as real ones.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from samenveilig.meldcode import services
from samenveilig.meldcode.models import ChecklistItem, Dossier

PREFIX = "DEMO-"


def _acting(user, organisation):
    user.active_membership = user.memberships.filter(organisation=organisation, is_active=True).first()
    return user


def _items(*codes):
    return list(ChecklistItem.objects.filter(organisation=None, code__in=codes))


@transaction.atomic
def load(users: dict, organisations: dict) -> dict[str, int]:
    school = organisations["school"]
    femke = _acting(users["professional"], school)
    af = _acting(users["af"], school)
    sanne = _acting(users["leerkracht2"], school)
    Dossier.objects.filter(organisation=school, local_reference__startswith=PREFIX).delete()
    today = timezone.localdate()

    def day(n):
        return today - datetime.timedelta(days=n)

    def dossier(reference, concern, person, owner=femke):
        return services.create_dossier(owner, concern=concern, local_reference=PREFIX + reference, person=person)

    def signal(d, n, fact, interpretation="", codes=(), owner=femke, source="zelf"):
        services.add_signal(
            owner,
            d,
            observed_on=day(n),
            fact=fact,
            interpretation=interpretation,
            source=source,
            checklist_items=_items(*codes),
        )

    def consult(d, n, owner=femke):
        services.add_consultation(
            owner,
            d,
            consulted_on=day(n),
            kind="aandachtsfunctionaris",
            with_whom="Anouk Testzorg (AF)",
            question="Zijn deze signalen reden tot zorg?",
            advice="Ja: bespreek je zorgen met de ouders.",
        )

    def talk(d, n, owner=femke):
        services.add_conversation(
            owner,
            d,
            held=True,
            held_on=day(n),
            participants="Moeder",
            said="Zorgen over de blauwe plekken en het vroege ophalen gedeeld.",
            reaction="Moeder schrok en zei dat het thuis zwaar is sinds de verhuizing.",
        )

    def weigh(d, n, owner=femke):
        services.add_weighing(owner, d, weighed_on=day(n), note="Herhaalde signalen; uitleg klopt niet steeds.")

    def fresh(d):
        return Dossier.objects.get(pk=d.pk)

    # Step 1: just opened, nothing recorded yet.
    d0 = dossier("2025-00", "kindermishandeling", {"kind": "kind", "local_reference": "L-1203"})

    # Step 1 done: the first signal; a consultation is next.
    d1 = dossier("2025-01", "kindermishandeling", {"kind": "kind", "local_reference": "L-1041"})
    signal(
        d1,
        3,
        "Kwam drie dagen achter elkaar zonder ontbijt en zonder lunch.",
        "Mogelijk verwaarlozing.",
        ["kind-4-12-honger"],
    )

    # Step 1 done too, shared with a colleague.
    d2 = dossier("2025-02", "kindermishandeling", {"kind": "kind", "local_reference": "L-1077"}, owner=sanne)
    signal(
        d2,
        20,
        "Blauwe plek op de bovenarm, verklaring: van de fiets gevallen.",
        "Past niet bij een val.",
        ["kind-4-12-letsel"],
        owner=sanne,
    )
    signal(d2, 12, "Vertelde in de kring dat papa 'heel boos kan worden'.", source="kind", owner=sanne)
    services.add_member(sanne, d2, user=femke)

    # Step 2 done: consulted, the conversation is next.
    d3 = dossier(
        "2025-03", "kindermishandeling", {"kind": "kind", "local_reference": "L-1102", "name": "Demo Kind Drie"}
    )
    signal(d3, 30, "Schrikt bij harde geluiden en duikt weg.", "Angstig.", ["kind-4-12-gedrag"])
    consult(d3, 25)

    # Step 3 done: conversation held, the weighing of step 4 is next.
    d4 = dossier("2025-04", "kindermishandeling", {"kind": "kind", "local_reference": "L-1130"})
    signal(d4, 40, "Vaak te laat en vier keer ziek gemeld in twee weken.", codes=["kind-4-12-verzuim"])
    consult(d4, 35)
    talk(d4, 30)

    # Help offered, effects followed (question 5: not yet to be judged).
    d5 = dossier("2025-05", "kindermishandeling", {"kind": "kind", "local_reference": "L-1151"})
    signal(d5, 60, "Onverzorgd, kleding al dagen dezelfde.", codes=["kind-4-12-honger"])
    consult(d5, 55)
    talk(d5, 50)
    weigh(d5, 45)
    services.assess(
        femke,
        fresh(d5),
        answers=("ja", "nee", "ja", "ja", "nog_niet"),
        reasons=(
            "Signalen en gesprek wijzen op verwaarlozing.",
            "Geen acuut gevaar; geen herhaald geweld.",
            "Schoolmaatschappelijk werk kan een gezinscoach inzetten.",
            "Moeder wil graag hulp.",
            "De hulp is net gestart.",
        ),
        outcome="hulp",
        version=fresh(d5).version,
    )

    # Report to Veilig Thuis due (the AF supports).
    d6 = dossier(
        "2025-06",
        "kindermishandeling",
        {"kind": "kind", "local_reference": "L-1188", "name": "Demo Kind Zes", "bsn": "111222333"},
    )
    signal(d6, 15, "Striemen op de rug gezien bij de gymles.", "Mogelijk geslagen.", ["kind-4-12-letsel"])
    consult(d6, 14)
    services.add_conversation(
        femke,
        d6,
        held=False,
        held_on=day(13),
        skip_reason="veiligheid",
        skip_explanation="Vader dreigde eerder de moeder iets aan te doen als school belde.",
    )
    weigh(d6, 12)
    services.support(af, fresh(d6))
    services.assess(
        femke,
        fresh(d6),
        answers=("ja", "ja", None, None, None),
        reasons=("Letsel en angst.", "Herhaald geweld: structurele onveiligheid.", "", "", ""),
        outcome="melden",
        version=fresh(d6).version,
    )

    # An adult: partner violence, with the kindcheck.
    d7 = dossier("2025-07", "partnergeweld", {"kind": "volwassene", "local_reference": "O-22"})
    adult = d7.persons.get()
    signal(
        d7,
        8,
        "Moeder vertelde bij het ophalen dat haar partner haar telefoon controleert.",
        codes=["partner-controle"],
        source="betrokkene",
    )
    services.add_kindcheck(
        femke,
        d7,
        person=adult,
        checked_on=day(8),
        children_in_care="ja",
        pregnancy="nee",
        number_of_children=2,
        ages="6 en 9 jaar",
        action_taken="Beide kinderen zitten op school; de mentor is gevraagd extra alert te zijn.",
    )

    # Closed: no suspicion after all.
    d8 = dossier("2024-12", "kindermishandeling", {"kind": "kind", "local_reference": "L-0990"})
    signal(d8, 90, "Grote schaafwond op de knie.")
    consult(d8, 88)
    talk(d8, 87)
    weigh(d8, 86)
    services.assess(
        femke,
        fresh(d8),
        answers=("nee", None, None, None, None),
        reasons=("Gevallen op het schoolplein; gezien door de pleinwacht.", "", "", "", ""),
        outcome="afsluiten",
        version=fresh(d8).version,
    )

    # Idle times that look real in the aandachtsfunctionaris' list.
    now = timezone.now()
    timeline = (
        (d0, 0, 0),
        (d1, 3, 3),
        (d2, 12, 20),
        (d3, 25, 30),
        (d4, 30, 40),
        (d5, 45, 60),
        (d6, 2, 15),
        (d7, 8, 8),
        (d8, 86, 90),
    )
    for d, idle, opened in timeline:
        Dossier.objects.filter(pk=d.pk).update(last_activity=now - datetime.timedelta(days=idle), opened_on=day(opened))
    return {
        "meldcode_dossiers": Dossier.objects.filter(organisation=school, local_reference__startswith=PREFIX).count()
    }
