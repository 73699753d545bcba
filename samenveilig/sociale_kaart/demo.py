"""Demo data for the sociale kaart: a realistic, wholly synthetic map of the demo region Utrecht West.

Real municipality names, CBS codes and districts (public reference data); everything else is invented: organisation
names, people, streets. Phone numbers have the unassigned form ``0348-000 123``; the only real numbers are the national
public ones (112 and Veilig Thuis 0800-2000). E-mail addresses end in ``.invalid``, websites are under
``https://example.invalid/`` (RFC 2606).

``load(core_organisations)`` is called at the end of :func:`samenveilig.core.demo.load` with the core demo
organisations (keyed as in ``core.demo.ORGANISATIONS``); it adds about 200 organisations with map entries, locations,
about 300 services and the contact persons. It is idempotent and deterministic (a fixed random seed): records are keyed
on names (organisation; organisation + name for locations and services; organisation + role + name for contact
persons), created in bulk when missing and updated in bulk only when a value differs, so a second run on the same day
creates and changes nothing (not even a history row). The sectors, gemeenten and users of the core organisations are
left to ``core.demo``.

Deliberate gaps in the prevention matrix (no preventive service for the target group and theme in that municipality)
are listed in :data:`GAPS`; about 10% of entries and services are stale.
"""

from __future__ import annotations

import importlib
import logging
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from samenveilig.accounts.models import Organisation, Sector, User
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service, TargetGroup, Theme
from samenveilig.sociale_kaart.search import refresh_search_documents

logger = logging.getLogger(__name__)

CBS_YEAR = 2024
SEED = 2024
WOERDEN, DE_RONDE_VENEN, MONTFOORT, OUDEWATER, STICHTSE_VECHT = "GM0632", "GM0736", "GM0335", "GM0589", "GM1904"
DEMO_GEMEENTEN = [WOERDEN, DE_RONDE_VENEN, MONTFOORT, OUDEWATER, STICHTSE_VECHT]
VEILIG_THUIS_PHONE = "0800-2000"  # the real, national number: free, day and night
CHANGE_REASON = "demodata sociale kaart"

KS, SZS = "Kansrijke Start", "Scheiden zonder schade"
OVH, GHNT = "Ouderen in veilige handen", "Geweld hoort nergens thuis"
PREV, SUPP, SPEC = Service.Kind.PREVENTIEF, Service.Kind.ONDERSTEUNING, Service.Kind.SPECIALISTISCH
VRIJ, VERWIJZING = Service.Access.VRIJ, Service.Access.VERWIJZING

# (municipality, target group, theme) without any preventive service: the prevention matrix shows these as gaps.
GAPS = {
    (OUDEWATER, "ouderen", "financieel-misbruik"),
    (MONTFOORT, "12-18", "loverboyproblematiek"),
    (WOERDEN, "18-23", "eergerelateerd-geweld"),
}


@dataclass(frozen=True)
class Place:
    name: str
    area: str  # telephone area code
    postcodes: tuple[str, ...]
    wijken: tuple[str, ...]  # CBS district codes of 2024
    weight: int = 1


PLACES = {
    WOERDEN: [
        Place("Woerden", "0348", ("3441", "3442", "3443", "3445", "3446"), ("WK063201", "WK063202", "WK063203"), 6),
        Place("Harmelen", "0348", ("3481",), ("WK063206",), 2),
        Place("Kamerik", "0348", ("3471",), ("WK063207",)),
        Place("Zegveld", "0348", ("3474",), ("WK063208",)),
    ],
    DE_RONDE_VENEN: [
        Place("Mijdrecht", "0297", ("3641", "3642"), ("WK073601",), 4),
        Place("Vinkeveen", "0297", ("3645",), ("WK073604",), 2),
        Place("Wilnis", "0297", ("3648",), ("WK073606",), 2),
        Place("Abcoude", "0294", ("1391",), ("WK073607",), 2),
        Place("Baambrugge", "0294", ("1396",), ("WK073608",)),
    ],
    MONTFOORT: [
        Place("Montfoort", "0348", ("3417",), ("WK033500",), 3),
        Place("Linschoten", "0348", ("3461",), ("WK033501",)),
    ],
    OUDEWATER: [
        Place("Oudewater", "0348", ("3421",), ("WK058902",), 4),
        Place("Hekendorp", "0348", ("3465",), ("WK058901",)),
    ],
    STICHTSE_VECHT: [
        Place("Maarssen", "0346", ("3601", "3602", "3603"), ("WK190401",), 4),
        Place("Maarssenbroek", "0346", ("3605", "3606"), ("WK190412",), 2),
        Place("Breukelen", "0346", ("3621",), ("WK190402",), 2),
        Place("Loenen aan de Vecht", "0294", ("3632",), ("WK190403",)),
        Place("Kockengen", "0346", ("3628",), ("WK190405",)),
        Place("Nigtevecht", "0294", ("1393",), ("WK190408",)),
    ],
}
GEMEENTE_NAMES = {
    WOERDEN: "Woerden",
    DE_RONDE_VENEN: "De Ronde Venen",
    MONTFOORT: "Montfoort",
    OUDEWATER: "Oudewater",
    STICHTSE_VECHT: "Stichtse Vecht",
}

# Organisations per municipality: primary schools, secondary schools, childcare, GPs, welfare, sport.
PER_GEMEENTE = {
    WOERDEN: (10, 3, 7, 7, 2, 5),
    DE_RONDE_VENEN: (11, 2, 8, 6, 2, 4),
    MONTFOORT: (6, 1, 4, 2, 1, 3),
    OUDEWATER: (4, 1, 4, 2, 1, 3),
    STICHTSE_VECHT: (13, 2, 8, 7, 2, 5),
}

STREETS = [
    "Zonnedauwlaan",
    "Kievitsbloemstraat",
    "Wilgenpluis",
    "Reigerbekhof",
    "Fluitekruidweg",
    "Koekoeksbloemlaan",
    "Dotterbloemstraat",
    "Grutto-erf",
    "Pinksterbloemhof",
    "Kwikstaartlaan",
    "Lisdoddeweg",
    "Watermunthof",
    "Boterbloemstraat",
    "Veenpluislaan",
    "Karekietpad",
    "Zwanebloemstraat",
    "Knotwilgenerf",
    "Slootkantlaan",
    "Grienduinweg",
    "Molenwiekstraat",
    "Weidezichtlaan",
    "Polderhoevehof",
    "Vaartkantstraat",
    "Hooibergerf",
]
NOUNS = [
    "De Zonnebloem",
    "De Klimop",
    "Het Vlindertje",
    "De Wilgenhoek",
    "Het Kikkerhof",
    "De Speelwei",
    "De Regenboog",
    "Het Lisdodde",
    "De Boomgaard",
    "Het Waterhoen",
    "De Korenbloem",
    "De Vlonder",
    "Het Kompas",
    "De Notenboom",
    "De Sterrenwacht",
    "Het Polderhuis",
    "De Meerkoet",
    "De Knotwilg",
    "Het Zwaluwnest",
    "De Dotterbloem",
    "De Fluiter",
    "Het Molenerf",
    "De Hoogaars",
    "De Brug",
    "Het Slootje",
    "De Vuurtoren",
    "De Eikel",
    "Het Anker",
]
FIRST_NAMES = [
    "Anna",
    "Bas",
    "Carlijn",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Kim",
    "Lotte",
    "Mark",
    "Nina",
    "Omar",
    "Priya",
    "Ruben",
    "Sara",
    "Tim",
    "Yara",
    "Zeynep",
    "Mohammed",
    "Fatima",
    "Ilse",
    "Wouter",
    "Esther",
    "Rik",
    "Sophie",
    "Thijs",
    "Emma",
    "Hatice",
    "Koen",
    "Marloes",
    "Youssef",
    "Roos",
    "Jasper",
]
SURNAMES = [
    "Voorbeeldt",
    "Proefhuis",
    "Oefenberg",
    "Verzinsma",
    "Fictiefstra",
    "Bedachtink",
    "Schetsbos",
    "Modelman",
    "Probeersma",
    "Testerink",
    "Demoveld",
    "Droomink",
    "Fantasma",
    "Denkbeeldt",
    "Zomaarhof",
    "Nepkamp",
    "van Verzonnen",
    "de Bedenker",
    "van Proefdorp",
    "ter Oefening",
    "Schijnhout",
    "Ontwerpsma",
    "Concepthof",
    "van Papier",
    "Kladblok",
    "Gedachtenis",
]


@dataclass(frozen=True)
class S:
    """A service template."""

    name: str
    description: str
    kind: str
    target_groups: tuple[str, ...]
    themes: tuple[str, ...]
    access: str = VRIJ
    cost: str = "Gratis"
    programme: str = ""


JEUGDWET = "Gratis; vergoed door de gemeente (Jeugdwet)"
SERVICES = {
    "basisschool": [
        S(
            "Weerbaarheidstraining voor groep 7 en 8",
            "Tien lessen waarin kinderen oefenen met grenzen aangeven, nee "
            "zeggen en hulp vragen. Ouders krijgen vooraf een informatieavond.",
            PREV,
            ("4-12",),
            ("weerbaarheid",),
        ),
        S(
            "Lessen relaties en seksualiteit",
            "Lessen per groep over lichaam, gevoelens, grenzen en wat je doet als iemand over je grens gaat.",
            PREV,
            ("4-12",),
            ("seksueel-geweld", "weerbaarheid"),
        ),
        S(
            "Schoolmaatschappelijk werk",
            "Een schoolmaatschappelijk werker denkt mee met ouders en leerkrachten als het "
            "thuis of op school niet goed gaat.",
            SUPP,
            ("4-12", "ouders"),
            ("opvoedondersteuning", "kindermishandeling"),
        ),
        S(
            "Koffie-ochtend voor ouders",
            "Maandelijkse ochtend met de intern begeleider en de jeugdverpleegkundige over "
            "opvoeden, slapen, schermtijd en ruzie thuis.",
            PREV,
            ("ouders",),
            ("opvoedondersteuning",),
        ),
        S(
            "Praatgroep voor kinderen van gescheiden ouders",
            "Acht bijeenkomsten onder schooltijd voor kinderen van wie de ouders gescheiden zijn.",
            PREV,
            ("4-12",),
            ("complexe-scheiding",),
            programme=SZS,
        ),
    ],
    "vo": [
        S(
            "Voorlichting loverboyproblematiek en online uitbuiting",
            "Interactieve les voor klas 2 en 3 over verleiding, sexting en uitbuiting, met een gesprek na afloop.",
            PREV,
            ("12-18",),
            ("loverboyproblematiek", "seksueel-geweld"),
        ),
        S(
            "Weerbaarheidstraining voor de onderbouw",
            "Training in groepjes: opkomen voor jezelf, omgaan met groepsdruk en hulp vragen.",
            PREV,
            ("12-18",),
            ("weerbaarheid",),
        ),
        S(
            "Zorgadviesteam",
            "Overleg van mentor, zorgcoördinator, jeugdverpleegkundige en lokaal team over leerlingen "
            "over wie zorgen zijn.",
            SUPP,
            ("12-18", "ouders"),
            ("kindermishandeling",),
            VERWIJZING,
        ),
        S(
            "Gastles 'Gezonde relaties' voor klas 3",
            "Over verliefdheid, jaloezie, controle en geweld in relaties.",
            PREV,
            ("12-18",),
            ("partnergeweld", "seksueel-geweld"),
        ),
        S(
            "Vertrouwenspersoon voor leerlingen",
            "Een vaste docent bij wie leerlingen vertrouwelijk terechtkunnen.",
            SUPP,
            ("12-18",),
            ("seksueel-geweld", "kindermishandeling"),
        ),
    ],
    "kinderopvang": [
        S(
            "Peuteropvang met voorschoolse educatie",
            "Twee ochtenden per week spelen en leren in een kleine groep, met aandacht voor taal en ontwikkeling.",
            PREV,
            ("0-4",),
            ("opvoedondersteuning",),
            cost="Inkomensafhankelijke ouderbijdrage",
        ),
        S(
            "Ouderavond 'Grenzen stellen bij peuters'",
            "Avond met een pedagogisch coach over driftbuien, nee zeggen en consequent zijn.",
            PREV,
            ("ouders",),
            ("opvoedondersteuning",),
        ),
        S(
            "Pedagogisch spreekuur",
            "Ouders vragen de pedagogisch coach om raad over de ontwikkeling of het gedrag van hun kind.",
            PREV,
            ("ouders", "0-4"),
            ("opvoedondersteuning",),
        ),
        S(
            "Weerbaarheid op de BSO",
            "Spelenderwijs leren kinderen wat fijn en niet fijn is en bij wie ze terechtkunnen.",
            PREV,
            ("4-12",),
            ("weerbaarheid", "kindermishandeling"),
        ),
    ],
    "huisarts": [
        S(
            "POH-GGZ jeugd",
            "Praktijkondersteuner voor kinderen en jongeren met psychische klachten of zorgen thuis; "
            "korte begeleiding of verwijzing.",
            SUPP,
            ("4-12", "12-18", "ouders"),
            ("opvoedondersteuning",),
            VERWIJZING,
        ),
        S(
            "Spreekuur over thuis en relaties",
            "Ruimte om vertrouwelijk te praten over spanning, ruzie of geweld thuis.",
            SUPP,
            ("slachtoffers", "18-23"),
            ("partnergeweld",),
            cost="Basisverzekering",
        ),
        S(
            "Praktijkverpleegkundige ouderen",
            "Huisbezoek bij kwetsbare ouderen; let ook op signalen van ontspoorde zorg en financiële uitbuiting.",
            PREV,
            ("ouderen", "mantelzorgers"),
            ("ouderenmishandeling",),
            cost="Basisverzekering, zonder eigen risico",
            programme=OVH,
        ),
        S(
            "Kinderwensspreekuur",
            "Gesprek voor wie zwanger wil worden: gezondheid, leefstijl en steun in het gezin.",
            PREV,
            ("aanstaande-ouders",),
            ("opvoedondersteuning",),
            cost="Basisverzekering",
            programme=KS,
        ),
    ],
    "jgz": [
        S(
            "Consultatiebureau",
            "Vaccinaties, groei en ontwikkeling, en aandacht voor hoe het thuis gaat.",
            PREV,
            ("0-4", "ouders"),
            ("opvoedondersteuning", "kindermishandeling"),
        ),
        S(
            "Opvoedspreekuur",
            "Eén tot drie gesprekken met een pedagoog over opvoedvragen, zonder verwijzing.",
            PREV,
            ("ouders", "4-12"),
            ("opvoedondersteuning",),
        ),
        S(
            "Prenataal huisbezoek",
            "Een jeugdverpleegkundige bezoekt aanstaande ouders thuis, ook over spanning en veiligheid.",
            PREV,
            ("aanstaande-ouders",),
            ("kindermishandeling", "partnergeweld", "opvoedondersteuning"),
            programme=KS,
        ),
        S(
            "Video-hometraining",
            "Korte video-opnamen van alledaagse momenten thuis, samen teruggekeken om te zien wat goed gaat.",
            SUPP,
            ("ouders", "0-4"),
            ("opvoedondersteuning",),
            VERWIJZING,
        ),
        S(
            "Extra steun in het eerste levensjaar",
            "Extra huisbezoeken voor gezinnen met een zware start.",
            PREV,
            ("ouders", "0-4"),
            ("kindermishandeling", "opvoedondersteuning"),
            programme=KS,
        ),
        S(
            "Jeugdverpleegkundige op school",
            "Spreekuur op school en gezondheidsonderzoek in klas 2.",
            PREV,
            ("12-18",),
            ("weerbaarheid", "seksueel-geweld"),
        ),
        S(
            "Cursus 'Positief opvoeden'",
            "Vier avonden voor ouders van kinderen tot twaalf jaar.",
            PREV,
            ("ouders",),
            ("opvoedondersteuning",),
            cost="€ 15 voor de hele cursus",
        ),
    ],
    "lokaal_team": [
        S(
            "Gezinscoach",
            "Een vaste coach helpt het gezin bij opvoeden, geldzorgen en spanning thuis.",
            SUPP,
            ("ouders", "0-4", "4-12", "12-18"),
            ("opvoedondersteuning", "kindermishandeling"),
        ),
        S(
            "Cursus Scheiden zonder schade",
            "Drie avonden voor ouders in scheiding: het kind centraal, afspraken maken.",
            PREV,
            ("ouders",),
            ("complexe-scheiding",),
            programme=SZS,
        ),
        S(
            "Ouderschap na scheiding: gesprekken met beide ouders",
            "Begeleiding van ouders die er samen niet uitkomen.",
            SUPP,
            ("ouders",),
            ("complexe-scheiding",),
            programme=SZS,
        ),
        S(
            "Inloopspreekuur",
            "Zonder afspraak binnenlopen met vragen over opvoeden, zorg, geld of veiligheid.",
            PREV,
            ("ouders", "ouderen", "mantelzorgers"),
            ("opvoedondersteuning",),
        ),
        S(
            "Ondersteuning bij huiselijk geweld",
            "Hulp voor het hele gezin na een melding of huisverbod, samen met Veilig Thuis.",
            SUPP,
            ("slachtoffers", "plegers"),
            ("partnergeweld", "kindermishandeling"),
            programme=GHNT,
        ),
        S(
            "Schuldhulpverlening",
            "Hulp bij schulden en geldzaken, ook als iemand anders over uw geld beslist.",
            SUPP,
            ("18-23", "ouderen"),
            ("financieel-misbruik",),
        ),
        S(
            "Toegang jeugdhulp en Wmo",
            "Het lokaal team beslist over jeugdhulp en Wmo-ondersteuning.",
            SUPP,
            ("ouders", "ouderen"),
            ("opvoedondersteuning",),
        ),
    ],
    "jeugdhulp": [
        S(
            "Ambulante gezinsbegeleiding",
            "Intensieve begeleiding thuis bij ernstige opvoed- en veiligheidszorgen.",
            SPEC,
            ("ouders", "0-4", "4-12", "12-18"),
            ("kindermishandeling", "opvoedondersteuning"),
            VERWIJZING,
            JEUGDWET,
        ),
        S(
            "Video-hometraining",
            "Ouders leren met video-opnamen aansluiten bij hun kind.",
            SUPP,
            ("ouders", "0-4", "4-12"),
            ("opvoedondersteuning",),
            VERWIJZING,
            JEUGDWET,
        ),
        S(
            "Traumabehandeling voor kinderen",
            "Behandeling na mishandeling, misbruik of geweld tussen ouders.",
            SPEC,
            ("4-12", "12-18", "slachtoffers"),
            ("kindermishandeling", "seksueel-geweld"),
            VERWIJZING,
            JEUGDWET,
        ),
        S(
            "Pleegzorg",
            "Tijdelijk of langdurig opgroeien in een pleeggezin.",
            SPEC,
            ("0-4", "4-12", "12-18"),
            ("kindermishandeling",),
            VERWIJZING,
            JEUGDWET,
        ),
        S(
            "Hulp bij vechtscheidingen",
            "Gezinstherapie voor ouders en kinderen in een conflictscheiding.",
            SPEC,
            ("ouders", "4-12", "12-18"),
            ("complexe-scheiding",),
            VERWIJZING,
            JEUGDWET,
            SZS,
        ),
        S(
            "Jongerencoaching",
            "Een coach voor jongeren die vastlopen op school, thuis of met vrienden.",
            SUPP,
            ("12-18", "18-23"),
            ("weerbaarheid",),
            VERWIJZING,
            JEUGDWET,
        ),
        S(
            "Groepstraining 'Weerbaar en zelfbewust'",
            "Training voor tieners: grenzen, online verleiding, vriendschap.",
            PREV,
            ("12-18",),
            ("weerbaarheid", "loverboyproblematiek"),
        ),
        S(
            "Begeleiding na seksuele uitbuiting",
            "Specialistische hulp voor jongeren die zijn uitgebuit.",
            SPEC,
            ("12-18", "18-23", "slachtoffers"),
            ("loverboyproblematiek", "seksueel-geweld"),
            VERWIJZING,
            JEUGDWET,
        ),
        S(
            "Gezinshuis",
            "Wonen in een gezin met professionele gezinshuisouders.",
            SPEC,
            ("4-12", "12-18"),
            ("kindermishandeling",),
            VERWIJZING,
            JEUGDWET,
        ),
    ],
    "ggz": [
        S(
            "Behandeling voor plegers van huiselijk geweld",
            "Groeps- en individuele behandeling om geweld te stoppen.",
            SPEC,
            ("plegers",),
            ("partnergeweld", "kindermishandeling"),
            VERWIJZING,
            "Basisverzekering",
            GHNT,
        ),
        S(
            "Traumabehandeling voor volwassenen",
            "Behandeling na partnergeweld of seksueel geweld.",
            SPEC,
            ("slachtoffers", "18-23"),
            ("partnergeweld", "seksueel-geweld"),
            VERWIJZING,
            "Basisverzekering",
        ),
        S(
            "Ouder-kindbehandeling 0-4",
            "Behandeling van de band tussen ouder en jong kind.",
            SPEC,
            ("0-4", "ouders"),
            ("kindermishandeling",),
            VERWIJZING,
            JEUGDWET,
        ),
        S(
            "Steungroep voor kinderen van ouders met psychische problemen",
            "Acht bijeenkomsten voor kinderen: praten, herkennen, ontspannen.",
            PREV,
            ("4-12", "12-18"),
            ("opvoedondersteuning",),
        ),
        S(
            "Agressieregulatietraining",
            "Leren omgaan met boosheid, voor jongvolwassenen en volwassenen.",
            SPEC,
            ("plegers", "18-23"),
            ("partnergeweld",),
            VERWIJZING,
            "Basisverzekering",
            GHNT,
        ),
        S(
            "Basis-GGZ",
            "Kortdurende behandeling bij psychische klachten.",
            SUPP,
            ("18-23",),
            ("weerbaarheid",),
            VERWIJZING,
            "Basisverzekering (eigen risico)",
        ),
    ],
    "politie": [
        S(
            "Wijkagent",
            "Vast aanspreekpunt in de wijk, ook voor zorgen over geweld achter de voordeur.",
            SUPP,
            ("slachtoffers", "ouderen"),
            ("partnergeweld", "kindermishandeling", "ouderenmishandeling"),
        ),
        S(
            "Jeugdagent: voorlichting op scholen",
            "Voorlichting over sexting, uitbuiting en groepsdruk.",
            PREV,
            ("12-18",),
            ("loverboyproblematiek", "seksueel-geweld"),
        ),
        S(
            "Aangifte en zedenadvies",
            "Gesprek met een zedenrechercheur over aangifte en hulp.",
            SPEC,
            ("slachtoffers",),
            ("seksueel-geweld",),
        ),
        S(
            "Tijdelijk huisverbod",
            "Uithuisplaatsing van de pleger voor tien dagen, met hulp voor het hele gezin.",
            SPEC,
            ("plegers", "slachtoffers"),
            ("partnergeweld", "kindermishandeling"),
            VERWIJZING,
            programme=GHNT,
        ),
    ],
    "gi": [
        S(
            "Jeugdbescherming (ondertoezichtstelling)",
            "Uitvoering van een kinderbeschermingsmaatregel.",
            SPEC,
            ("0-4", "4-12", "12-18", "ouders"),
            ("kindermishandeling", "complexe-scheiding"),
            VERWIJZING,
            "Op last van de kinderrechter",
        ),
        S(
            "Jeugdreclassering",
            "Begeleiding van jongeren met een straf of maatregel.",
            SPEC,
            ("12-18", "18-23", "plegers"),
            ("weerbaarheid",),
            VERWIJZING,
            "Op last van de kinderrechter",
        ),
        S(
            "Consultatie voor lokale teams",
            "Meedenken over de veiligheid van een kind voordat een maatregel nodig is.",
            SUPP,
            ("professionals",),
            ("kindermishandeling",),
        ),
    ],
    "veilig_thuis": [
        S(
            "Advies en consult voor professionals",
            "Bel voor advies bij een vermoeden van huiselijk geweld of kindermishandeling, ook anoniem over de cliënt.",
            SUPP,
            ("professionals",),
            ("kindermishandeling", "partnergeweld", "ouderenmishandeling", "eergerelateerd-geweld"),
        ),
        S(
            "Advies voor iedereen",
            "Bel gratis en anoniem, dag en nacht, als u zich zorgen maakt over uzelf of iemand anders.",
            SUPP,
            ("slachtoffers", "ouders", "ouderen", "mantelzorgers"),
            ("kindermishandeling", "partnergeweld", "ouderenmishandeling", "financieel-misbruik"),
        ),
        S(
            "Melding en onderzoek",
            "Veilig Thuis beoordeelt een melding en onderzoekt wat er nodig is.",
            SPEC,
            ("slachtoffers", "0-4", "4-12", "12-18", "ouderen"),
            ("kindermishandeling", "partnergeweld", "ouderenmishandeling", "eergerelateerd-geweld"),
        ),
        S(
            "Voorlichting over de Meldcode",
            "Voorlichting op locatie voor teams en aandachtsfunctionarissen.",
            PREV,
            ("professionals",),
            ("kindermishandeling", "partnergeweld", "ouderenmishandeling"),
            programme=GHNT,
        ),
        S(
            "Consultatie ouderenmishandeling",
            "Advies over ontspoorde mantelzorg en financiële uitbuiting.",
            SUPP,
            ("ouderen", "mantelzorgers", "professionals"),
            ("ouderenmishandeling", "financieel-misbruik"),
            programme=OVH,
        ),
    ],
    "vrouwenopvang": [
        S(
            "Crisisopvang",
            "Veilige opvang op een geheim adres voor wie thuis niet veilig is.",
            SPEC,
            ("slachtoffers", "0-4", "4-12"),
            ("partnergeweld", "eergerelateerd-geweld"),
            VERWIJZING,
            "Gratis; aanmelden via Veilig Thuis of de politie",
        ),
        S(
            "Ambulante hulp bij partnergeweld",
            "Begeleiding thuis bij het stoppen van geweld en het vinden van rust.",
            SUPP,
            ("slachtoffers",),
            ("partnergeweld",),
            programme=GHNT,
        ),
        S(
            "Hulp bij eergerelateerd geweld",
            "Gespecialiseerde hulp voor meisjes, vrouwen en jongens die bedreigd worden door familie.",
            SPEC,
            ("slachtoffers", "12-18", "18-23"),
            ("eergerelateerd-geweld",),
            VERWIJZING,
        ),
        S(
            "Groep 'Gezonde relaties' voor jonge vrouwen",
            "Zes bijeenkomsten over grenzen en controle in relaties.",
            PREV,
            ("18-23",),
            ("partnergeweld", "weerbaarheid"),
        ),
    ],
    "welzijn": [
        S(
            "Steunpunt Mantelzorg",
            "Informatie, lotgenotencontact en respijtzorg voor mantelzorgers.",
            SUPP,
            ("mantelzorgers",),
            ("ouderenmishandeling",),
        ),
        S(
            "Voorlichting 'Geldzaken veilig geregeld'",
            "Bijeenkomsten voor ouderen over volmachten, babbeltrucs en financiële uitbuiting.",
            PREV,
            ("ouderen",),
            ("financieel-misbruik",),
            programme=OVH,
        ),
        S(
            "Training 'Ontspoorde zorg herkennen'",
            "Voor mantelzorgers: overbelasting herkennen voordat het misgaat.",
            PREV,
            ("mantelzorgers",),
            ("ouderenmishandeling",),
            programme=OVH,
        ),
        S(
            "Ouderenadviseur",
            "Huisbezoek en advies bij vragen over wonen, zorg en geld.",
            SUPP,
            ("ouderen",),
            ("ouderenmishandeling", "financieel-misbruik"),
        ),
        S(
            "Ambulant jongerenwerk",
            "Jongerenwerkers zoeken jongeren op straat en online op.",
            PREV,
            ("12-18", "18-23"),
            ("weerbaarheid", "loverboyproblematiek"),
        ),
        S(
            "Meidengroep",
            "Wekelijkse groep voor meiden: praten over vriendschap, relaties en grenzen.",
            PREV,
            ("12-18",),
            ("weerbaarheid", "seksueel-geweld"),
        ),
        S(
            "Gezinsmaatje",
            "Een getrainde vrijwilliger bezoekt gezinnen met jonge kinderen wekelijks.",
            PREV,
            ("ouders", "0-4"),
            ("opvoedondersteuning",),
            programme=KS,
        ),
        S(
            "Vrouwengroep 'Samen sterk'",
            "Ontmoeting en voorlichting voor vrouwen, ook over eer en vrijheid.",
            PREV,
            ("ouders", "18-23"),
            ("eergerelateerd-geweld", "partnergeweld"),
        ),
        S(
            "Maatschappelijk werk",
            "Hulp bij relatieproblemen, geldzorgen en rouw.",
            SUPP,
            ("18-23", "ouders", "ouderen"),
            ("partnergeweld", "financieel-misbruik"),
        ),
        S(
            "Buddyproject voor jongeren",
            "Een vrijwillige buddy voor jongeren die er alleen voor staan.",
            SUPP,
            ("12-18", "18-23"),
            ("weerbaarheid",),
        ),
    ],
    "woningcorporatie": [
        S(
            "Huismeester achter de voordeur",
            "Huismeesters letten op signalen en bellen het lokaal team.",
            PREV,
            ("professionals",),
            ("kindermishandeling", "ouderenmishandeling"),
        ),
        S(
            "Urgentie na huiselijk geweld",
            "Voorrang op een woning als thuis wonen niet meer veilig is.",
            SUPP,
            ("slachtoffers",),
            ("partnergeweld",),
            VERWIJZING,
        ),
        S(
            "Vroegsignalering huurachterstand",
            "Contact bij de eerste gemiste huur, samen met schuldhulp.",
            PREV,
            ("18-23", "ouders"),
            ("financieel-misbruik",),
        ),
    ],
    "sport": [
        S(
            "Vertrouwenscontactpersoon van de club",
            "Voor leden en ouders die iets vervelends meemaken.",
            SUPP,
            ("4-12", "12-18"),
            ("seksueel-geweld",),
        ),
        S(
            "Weerbaarheid door sport",
            "Sportlessen waarin kinderen leren opkomen voor zichzelf.",
            PREV,
            ("4-12", "12-18"),
            ("weerbaarheid",),
            cost="€ 2 per les",
        ),
        S(
            "Gedragscode en VOG voor vrijwilligers",
            "Ondersteuning van verenigingen bij een veilig sportklimaat.",
            PREV,
            ("professionals",),
            ("seksueel-geweld", "kindermishandeling"),
        ),
    ],
    "gemeente": [
        S(
            "Meldpunt zorg en overlast",
            "Meld zorgen over een inwoner; het meldpunt zoekt uit wie kan helpen.",
            SUPP,
            ("ouderen", "18-23"),
            ("ouderenmishandeling",),
        ),
        S(
            "Leerplicht",
            "Leerplichtambtenaren zoeken uit waarom een kind niet naar school gaat.",
            SUPP,
            ("4-12", "12-18"),
            ("kindermishandeling",),
        ),
        S(
            "Training Meldcode voor medewerkers",
            "Basistraining voor medewerkers van de gemeente.",
            PREV,
            ("professionals",),
            ("kindermishandeling", "partnergeweld", "ouderenmishandeling"),
            programme=GHNT,
        ),
        S(
            "Bijzondere bijstand",
            "Een bijdrage voor noodzakelijke kosten bij een laag inkomen.",
            SUPP,
            ("ouders", "ouderen"),
            ("financieel-misbruik",),
            VERWIJZING,
        ),
    ],
    "regio": [
        S(
            "Regionale training voor aandachtsfunctionarissen",
            "Tweedaagse training en terugkomdag volgens het Afwegingskader.",
            PREV,
            ("professionals",),
            ("kindermishandeling", "partnergeweld", "ouderenmishandeling"),
            cost="Gratis voor partners",
            programme=GHNT,
        ),
        S(
            "Netwerk aandachtsfunctionarissen Utrecht West",
            "Vier keer per jaar intervisie en nieuws.",
            PREV,
            ("professionals",),
            ("kindermishandeling", "eergerelateerd-geweld"),
        ),
        S(
            "Aanpak ouderenmishandeling Utrecht West",
            "Scholing en casusoverleg over ouderenmishandeling.",
            PREV,
            ("professionals",),
            ("ouderenmishandeling", "financieel-misbruik"),
            programme=OVH,
        ),
    ],
}

DESCRIPTIONS = {
    Sector.ONDERWIJS: "School in {place}. Heeft een aandachtsfunctionaris en werkt met de Meldcode.",
    Sector.KINDEROPVANG: "Kinderopvang in {place}: dagopvang, peuteropvang en buitenschoolse opvang.",
    Sector.HUISARTS: "Huisartsenpraktijk in {place}, met praktijkondersteuners voor jeugd en ouderen.",
    Sector.JGZ: "Jeugdgezondheidszorg van min negen maanden tot achttien jaar: consultatiebureau en school.",
    Sector.LOKAAL_TEAM: "Het lokaal team van {gemeente}: voor vragen over opvoeden, zorg, geld en veiligheid thuis.",
    Sector.JEUGDHULP: "Jeugdhulp in de regio Utrecht West, ambulant en met verblijf.",
    Sector.GGZ: "Geestelijke gezondheidszorg voor jeugd en volwassenen.",
    Sector.POLITIE: "Basisteam van de politie. Bij spoed: 112.",
    Sector.GI: "Gecertificeerde instelling: jeugdbescherming en jeugdreclassering.",
    Sector.VEILIG_THUIS: "Advies- en meldpunt huiselijk geweld en kindermishandeling. Gratis en anoniem, dag en "
    "nacht bereikbaar op 0800-2000. Bij acuut gevaar: 112.",
    Sector.VROUWENOPVANG: "Opvang en hulp bij partnergeweld en eergerelateerd geweld. Adressen zijn geheim.",
    Sector.WELZIJN: "Welzijnswerk in {place}: ouderenwerk, jongerenwerk, mantelzorg en maatschappelijk werk.",
    Sector.WONINGCORPORATIE: "Woningcorporatie met huurwoningen in {gemeente}.",
    Sector.SPORT: "Vereniging en vrijwilligers in {place}.",
    Sector.GEMEENTE: "Afdeling van de gemeente {gemeente}.",
}


@dataclass
class Org:
    key: str
    name: str
    sector: str
    codes: list[str]
    home: tuple[str, Place]  # (gemeente code, place)
    profile: str
    service_count: int | tuple[int, int] = (1, 2)
    force_services: tuple[str, ...] = ()
    extra_locations: list[tuple[str, Place]] = field(default_factory=list)
    core: Organisation | None = None
    public: bool | None = None
    fresh: bool = False


class _Gen:
    """Deterministic generator: the same seed gives the same region, whatever the database holds."""

    def __init__(self, today: date):
        self.rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not security
        self.today = today
        self.names: set[str] = set()
        self.numbers: dict[str, int] = {}

    def phone(self, area: str) -> str:
        self.numbers[area] = self.numbers.get(area, 100) + 1
        return f"{area}-000 {self.numbers[area] % 1000:03d}"

    def place(self, code: str) -> Place:
        places = PLACES[code]
        return self.rng.choices(places, weights=[p.weight for p in places])[0]

    def unique(self, make) -> str:
        for _ in range(50):
            name = make()
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("no unique demo name")  # pragma: no cover

    def person(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)

    def last_verified(self, fresh: bool = False) -> date | None:
        r = self.rng.random()
        days = self.rng.randint(0, 330)
        stale_days = self.rng.randint(400, 1100)
        if fresh or r >= 0.10:
            return self.today - timedelta(days=days)
        return None if r < 0.03 else self.today - timedelta(days=stale_days)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def tri(self, p_true: float, p_none: float) -> bool | None:
        r = self.rng.random()
        return True if r < p_true else (None if r < p_true + p_none else False)


def slug(text: str) -> str:
    text = text.lower().translate(str.maketrans("éëèïöüá'", "eeeioua-"))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _organisations(gen: _Gen, core: dict[str, Organisation], core_codes: dict[int, list[str]]) -> list[Org]:
    rng = gen.rng
    orgs: list[Org] = []

    def add(sector, profile, codes, home, make_name, **kw):
        orgs.append(Org("", gen.unique(make_name), sector, codes, home, profile, **kw))

    def add_core(key, profile, home, **kw):
        organisation = core.get(key)
        if organisation is not None:
            codes = core_codes.get(organisation.pk) or [home[0]]
            orgs.append(Org(key, organisation.name, organisation.sector, codes, home, profile, core=organisation, **kw))

    woerden = (WOERDEN, PLACES[WOERDEN][0])
    add_core("gemeente", "gemeente", woerden, service_count=2)
    add_core("school", "basisschool", woerden, service_count=2)
    add_core(
        "jongerenwerk", "welzijn", woerden, force_services=("Ambulant jongerenwerk", "Meidengroep"), service_count=0
    )
    add_core("lokaal_team", "lokaal_team", woerden, service_count=7, public=True, fresh=True)
    add_core("kinderopvang", "kinderopvang", woerden, service_count=2)
    add_core("veilig_thuis", "veilig_thuis", woerden, service_count=5, public=True, fresh=True)
    add_core("regio", "regio", woerden, service_count=3)

    for code in DEMO_GEMEENTEN:
        gname = GEMEENTE_NAMES[code]
        primary, secondary, childcare, gps, welfare, sport = PER_GEMEENTE[code]
        for _ in range(primary):
            place = gen.place(code)
            kinds = [
                "Basisschool",
                "Openbare basisschool",
                "CBS",
                "RK basisschool",
                "Daltonschool",
                "Jenaplanschool",
                "Montessorischool",
            ]
            add(
                Sector.ONDERWIJS,
                "basisschool",
                [code],
                (code, place),
                lambda kinds=kinds, place=place: f"{rng.choice(kinds)} {rng.choice(NOUNS)} {place.name}",
                service_count=1,
            )
        for _ in range(secondary):
            place = PLACES[code][0]
            kinds = ["Scholengemeenschap", "Lyceum", "Vmbo-school", "College"]
            add(
                Sector.ONDERWIJS,
                "vo",
                [code],
                (code, place),
                lambda kinds=kinds, place=place: f"{rng.choice(kinds)} {rng.choice(NOUNS)} {place.name}",
                service_count=(2, 3),
            )
        for _ in range(childcare):
            place = gen.place(code)
            kinds = ["Kinderopvang", "Kinderdagverblijf", "Peuteropvang", "BSO", "Gastouderbureau"]
            add(
                Sector.KINDEROPVANG,
                "kinderopvang",
                [code],
                (code, place),
                lambda kinds=kinds, place=place: f"{rng.choice(kinds)} {rng.choice(NOUNS)} {place.name}",
                service_count=1,
            )
        for _ in range(gps):
            place = gen.place(code)

            def gp_name(place=place):
                if rng.random() < 0.4:
                    return f"Huisartsenpraktijk {rng.choice(SURNAMES)} {place.name}"
                kind = rng.choice(["Huisartsenpraktijk", "Gezondheidscentrum", "Huisartsen"])
                return f"{kind} {rng.choice(NOUNS)} {place.name}"

            add(Sector.HUISARTS, "huisarts", [code], (code, place), gp_name, service_count=1)
        home = (code, PLACES[code][0])
        if code != WOERDEN or "lokaal_team" not in core:
            add(
                Sector.LOKAAL_TEAM,
                "lokaal_team",
                [code],
                home,
                lambda gname=gname: f"Lokaal Team {gname}",
                service_count=(6, 7),
                public=True,
                fresh=True,
            )
        for i in range(welfare):
            place = PLACES[code][i % len(PLACES[code])]
            kinds = ["Welzijn", "Stichting Welzijn", "Welzijnskwartier", "Buurtkracht"]
            add(
                Sector.WELZIJN,
                "welzijn",
                [code],
                (code, place),
                lambda kinds=kinds, place=place: f"{rng.choice(kinds)} {rng.choice(NOUNS)} {place.name}",
                service_count=(2, 4),
                force_services=("Steunpunt Mantelzorg", "Voorlichting 'Geldzaken veilig geregeld'") if i == 0 else (),
            )
        for _ in range(sport):
            place = gen.place(code)
            kinds = [
                "Voetbalvereniging",
                "Scouting",
                "Zwemvereniging",
                "Turnvereniging",
                "Vrijwilligerscentrale",
                "Hockeyclub",
            ]
            add(
                Sector.SPORT,
                "sport",
                [code],
                (code, place),
                lambda kinds=kinds, place=place: f"{rng.choice(kinds)} {rng.choice(NOUNS)} {place.name}",
                service_count=1,
            )
        for team in ("team Sociaal Domein", "team Publiekszaken"):
            add(
                Sector.GEMEENTE,
                "gemeente",
                [code],
                home,
                lambda gname=gname, team=team: f"Gemeente {gname}, {team}",
                service_count=(1, 2),
            )

    west, vecht = [WOERDEN, MONTFOORT, OUDEWATER], [DE_RONDE_VENEN, STICHTSE_VECHT]
    everyone = list(DEMO_GEMEENTEN)
    first = {code: (code, PLACES[code][0]) for code in DEMO_GEMEENTEN}
    regional = [
        (Sector.JGZ, "jgz", "Jeugdgezondheidszorg Groene Hart West", [*west, DE_RONDE_VENEN], 6),
        (Sector.JGZ, "jgz", "JGZ Vecht en Plassen", [STICHTSE_VECHT], 5),
        (Sector.POLITIE, "politie", "Politie Basisteam Oude Rijn-Lopikerwaard", west, 4),
        (Sector.POLITIE, "politie", "Politie Basisteam Venen en Vecht", vecht, 4),
        (Sector.GI, "gi", "Stichting Jeugdbescherming Utrechtse Waarden", everyone, 3),
        (Sector.GI, "gi", "Gecertificeerde Instelling Het Kinderrecht", everyone, 2),
        (Sector.VROUWENOPVANG, "vrouwenopvang", "Vrouwenopvang De Veilige Haven Utrecht", everyone, 3),
        (Sector.VROUWENOPVANG, "vrouwenopvang", "Stichting Blijf-van-mijn-Lijf Groene Hart", everyone, 2),
    ]
    jeugdhulp = [
        "Jeugdhulp De Wegwijzer",
        "Gezinsbegeleiding Vechtoever",
        "Kompaszorg Jeugd",
        "Pleegzorg Groene Hart",
        "Jeugdhulp Het Baken",
        "Stichting Opgroeien in de Venen",
        "Gezinshuizen De Linde",
        "Jeugdzorgpraktijk Oeverwal",
        "Traumacentrum Jeugd Utrecht West",
        "Jongerencoaching De Sprong",
        "Jeugd-GGZ De Lantaarn",
        "Orthopedagogenpraktijk Kwikstaart",
        "Stichting Thuis in de Polder",
        "Jeugdhulp Waterlelie",
        "Opvoedpraktijk De Stapsteen",
    ]
    ggz = [
        "GGZ Rijn en Venen",
        "Psychologenpraktijk De Oever",
        "Praktijk voor Psychotherapie Vechtzicht",
        "GGZ Het Groene Erf",
        "Centrum voor Relatie en Geweld Utrecht West",
        "Basis-GGZ Lange Linschoten",
        "Ouder-kindcentrum De Eerste Stap",
        "Verslavingszorg Veenstroom",
        "Psychiatrische praktijk Kromme Kade",
        "Forensische polikliniek Brugwachter",
    ]
    corporations = [
        ("Woonstichting Oude Rijn Wonen", west),
        ("Woongoed Venen en Plassen", [DE_RONDE_VENEN]),
        ("Vechtwonen", [STICHTSE_VECHT]),
        ("Woningbouwvereniging De Goede Stede", [MONTFOORT, OUDEWATER]),
        ("Stichting Huurhuis Groene Hart", [WOERDEN, DE_RONDE_VENEN]),
    ]
    for sector, profile, name, codes, count in regional:
        extra = [(c, PLACES[c][0]) for c in codes[1:]] if profile in ("jgz", "politie") else []
        add(
            sector,
            profile,
            codes,
            first[codes[0]],
            lambda name=name: name,
            service_count=count,
            extra_locations=extra,
            fresh=profile == "politie",
        )
    for i, name in enumerate(jeugdhulp):
        codes = [everyone, west, vecht][i % 3]
        add(
            Sector.JEUGDHULP,
            "jeugdhulp",
            codes,
            first[codes[i % len(codes)]],
            lambda name=name: name,
            service_count=(1, 3),
        )
    for i, name in enumerate(ggz):
        codes = [everyone, west, vecht][i % 3]
        add(Sector.GGZ, "ggz", codes, first[codes[0]], lambda name=name: name, service_count=(1, 3))
    for name, codes in corporations:
        add(
            Sector.WONINGCORPORATIE,
            "woningcorporatie",
            codes,
            first[codes[0]],
            lambda name=name: name,
            service_count=(1, 2),
        )
    return orgs


def _bulk_sync(model: type[Model], key_fields: tuple[str, ...], rows: list[dict]) -> tuple[dict, int, int]:
    """``update_or_create`` in bulk: one query to read, one to create, one to update (with history if kept).

    Returns ``(objects by key, created, updated)``; only rows whose values differ are updated.
    """
    first = key_fields[0]
    lookup = {f"{first}__in": {row[first] for row in rows}}
    existing = {tuple(getattr(obj, f) for f in key_fields): obj for obj in model.objects.filter(**lookup)}
    has_history = hasattr(model, "history")
    to_create, to_update, changed_fields = [], [], set()
    for row in rows:
        key = tuple(row[f] for f in key_fields)
        obj = existing.get(key)
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
            existing[key] = obj
            continue
        changed = [name for name, value in row.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            changed_fields.update(changed)
            to_update.append(obj)
    if to_create:
        if has_history:
            bulk_create_with_history(to_create, model, batch_size=500, default_change_reason=CHANGE_REASON)
        else:
            model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        fields = sorted(changed_fields)
        if has_history:
            bulk_update_with_history(to_update, model, fields, batch_size=500, default_change_reason=CHANGE_REASON)
        else:
            model.objects.bulk_update(to_update, fields, batch_size=500)
    return existing, len(to_create), len(to_update)


def _sync_m2m(model: type[Model], field_name: str, wanted: dict[int, set[int]]) -> None:
    """Make the many-to-many rows of the objects in ``wanted`` exactly the wanted ones (no signals, no history)."""
    m2m = model._meta.get_field(field_name)
    through = m2m.remote_field.through
    source, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    rows = through.objects.filter(**{f"{source}__in": list(wanted)}).values_list("pk", source, target)
    have, extra = set(), []
    for pk, src, dst in rows:
        if dst in wanted[src]:
            have.add((src, dst))
        else:
            extra.append(pk)
    if extra:
        through.objects.filter(pk__in=extra).delete()
    missing = [
        through(**{source: s, target: d}) for s, targets in wanted.items() for d in targets if (s, d) not in have
    ]
    through.objects.bulk_create(missing, batch_size=500)


def _ensure_terms() -> tuple[dict[str, TargetGroup], dict[str, Theme]]:
    """The managed lists as the migration seeds them (a flushed test database may have lost them)."""
    seed = importlib.import_module("samenveilig.sociale_kaart.migrations.0002_seed_target_groups_and_themes")
    result = []
    for model, terms in ((TargetGroup, seed.TARGET_GROUPS), (Theme, seed.THEMES)):
        have = {term.code: term for term in model.objects.all()}
        missing = [
            model(code=code, name=name, order=order * 10)
            for order, (code, name) in enumerate(terms, start=1)
            if code not in have
        ]
        for term in model.objects.bulk_create(missing):
            have[term.code] = term
        result.append(have)
    return result[0], result[1]


def _meldcode(gen: _Gen, sector: str, has_af: bool, af_trained: bool) -> dict:
    """Meldcode status as it looks in practice: complete for most schools and childcare, patchy elsewhere."""
    strict = sector in (
        Sector.ONDERWIJS,
        Sector.KINDEROPVANG,
        Sector.HUISARTS,
        Sector.JGZ,
        Sector.VEILIG_THUIS,
        Sector.LOKAAL_TEAM,
        Sector.GI,
        Sector.JEUGDHULP,
    )
    loose = sector in (Sector.SPORT, Sector.WONINGCORPORATIE)
    protocol = gen.tri(0.92, 0.04) if strict else gen.tri(0.45, 0.35) if loose else gen.tri(0.75, 0.15)
    checked = gen.rng.randint(10, 700)
    status = {
        "has_meldcode_protocol": True if has_af and protocol is False else protocol,
        "af_appointed": True if has_af else (None if protocol is None else False),
        "af_trained": (True if af_trained else gen.tri(0.0, 0.5)) if has_af else None,
        "lvak_member": gen.tri(0.35, 0.4) if has_af else None,
        "keurmerk_meldcode": gen.tri(0.12, 0.5) if strict else gen.tri(0.02, 0.7),
        "verwijsindex_connected": gen.tri(0.8, 0.1) if strict else gen.tri(0.1, 0.6),
        "meldcode_checked_on": None if gen.chance(0.1) else gen.today - timedelta(days=checked),
    }
    return status


def _contacts(gen: _Gen, org: Org, domain: str, gemeente_names: dict[str, str]) -> list[dict]:
    """Contact persons of an organisation: aandachtsfunctionaris, vaste contactpersonen, sleutelpersonen."""
    area = org.home[1].area
    people = []

    def person(role, job_title, note="", trained=False, name=None):
        first, last = name or gen.person()
        local = slug(f"{first}.{last}").replace("-", ".")
        trained_on = gen.today - timedelta(days=gen.rng.randint(30, 1500)) if trained else None
        people.append(
            {
                "role": role,
                "name": f"{first} {last}",
                "job_title": job_title,
                "phone": gen.phone(area),
                "email": f"{local}@{domain}",
                "note": note,
                "trained_on": trained_on,
            }
        )

    af = ContactPerson.Role.AANDACHTSFUNCTIONARIS
    vast = ContactPerson.Role.VASTE_CONTACTPERSOON
    af_jobs = {
        Sector.ONDERWIJS: ["Intern begeleider", "Zorgcoördinator", "Adjunct-directeur"],
        Sector.KINDEROPVANG: ["Pedagogisch coach", "Locatiemanager", "Pedagogisch beleidsmedewerker"],
        Sector.HUISARTS: ["Huisarts", "Praktijkondersteuner", "Praktijkmanager"],
        Sector.JGZ: ["Jeugdarts", "Jeugdverpleegkundige"],
        Sector.LOKAAL_TEAM: ["Gedragswetenschapper", "Teamleider"],
        Sector.JEUGDHULP: ["Gedragswetenschapper", "Teamleider"],
        Sector.GGZ: ["GZ-psycholoog", "Sociaal psychiatrisch verpleegkundige"],
        Sector.WELZIJN: ["Maatschappelijk werker", "Coördinator jongerenwerk"],
        Sector.GEMEENTE: ["Beleidsadviseur", "Teamleider"],
        Sector.SPORT: ["Vertrouwenscontactpersoon"],
        Sector.WONINGCORPORATIE: ["Sociaal beheerder"],
    }
    p_af = {
        Sector.ONDERWIJS: 0.9,
        Sector.KINDEROPVANG: 0.88,
        Sector.HUISARTS: 0.85,
        Sector.JGZ: 1.0,
        Sector.LOKAAL_TEAM: 1.0,
        Sector.JEUGDHULP: 0.7,
        Sector.GGZ: 0.6,
        Sector.WELZIJN: 0.6,
        Sector.GEMEENTE: 0.5,
        Sector.SPORT: 0.3,
        Sector.WONINGCORPORATIE: 0.4,
    }.get(org.sector, 0.0)
    has_af = gen.chance(p_af)
    if org.key == "school":
        # The school's aandachtsfunctionaris is the demo user 'af' (see core.demo.USERS).
        person(af, "Intern begeleider en aandachtsfunctionaris", trained=True, name=("Anouk", "Testzorg"))
        people[-1]["email"] = "af@demo.samenveilig.invalid"
    elif has_af:
        person(af, gen.rng.choice(af_jobs[org.sector]), trained=gen.chance(0.7))
    if org.sector == Sector.POLITIE:
        for code in org.codes:
            person(
                vast,
                gen.rng.choice(["Wijkagent", "Jeugdagent"]),
                f"Vaste contactpersoon voor {gemeente_names[code]} (jeugd en huiselijk geweld)",
            )
    elif org.sector == Sector.GI:
        person(vast, "Jeugdbeschermer", "Vaste contactpersoon voor de lokale teams")
        person(vast, "Gedragswetenschapper", "Vaste contactpersoon voor scholen en kinderopvang")
    elif org.sector == Sector.VEILIG_THUIS:
        for note in ("scholen en kinderopvang", "huisartsen en jeugdgezondheidszorg", "politie en lokale teams"):
            person(vast, "Medewerker advies en meldingen", f"Vaste contactpersoon voor {note} in Utrecht West")
    elif org.sector == Sector.WELZIJN and gen.chance(0.5):
        note = gen.rng.choice(
            [
                "eergerelateerd geweld",
                "de Turkse en Marokkaanse gemeenschap",
                "statushouders",
                "jongeren op straat",
                "ouderen in de wijk",
            ]
        )
        person(ContactPerson.Role.SLEUTELPERSOON, "Sleutelpersoon", f"Sleutelpersoon voor {note}")
    return people


def _service_templates(gen: _Gen, org: Org) -> list[S]:
    pool = SERVICES[org.profile]
    forced = [s for s in pool if s.name in org.force_services]
    count = org.service_count
    if isinstance(count, tuple):
        count = gen.rng.randint(*count)
    rest = [s for s in pool if s not in forced]
    return forced + gen.rng.sample(rest, min(max(count - len(forced), 0), len(rest)))


def _served(template: S, codes: list[str]) -> list[str]:
    """The municipalities a service serves, leaving out those where it would fill a deliberate gap."""
    if template.kind != PREV:
        return list(codes)
    return [
        code
        for code in codes
        if not any((code, tg, theme) in GAPS for tg in template.target_groups for theme in template.themes)
    ]


@transaction.atomic
def load(core_organisations: dict[str, Organisation] | None = None) -> dict[str, int]:
    """Load the demo map; ``core_organisations`` are the organisations of :mod:`samenveilig.core.demo`."""
    if core_organisations is None:
        from samenveilig.core.demo import ORGANISATIONS

        names = {key: spec[0] for key, spec in ORGANISATIONS.items()}
        found = {o.name: o for o in Organisation.objects.filter(name__in=names.values())}
        core_organisations = {key: found[name] for key, name in names.items() if name in found}
    today = timezone.localdate()
    gen = _Gen(today)
    target_groups, themes = _ensure_terms()
    gemeenten = {g.code: g for g in Gemeente.objects.filter(code__in=DEMO_GEMEENTEN, year=CBS_YEAR)}
    missing = sorted(set(DEMO_GEMEENTEN) - set(gemeenten))
    if missing:
        # Without the CBS rows (a flushed test database) there is no region to map: skip rather than fail core.demo.
        logger.warning("sociale kaart demo skipped: CBS %s rows missing for %s", CBS_YEAR, ", ".join(missing))
        return dict.fromkeys(("organisations", "entries", "locations", "services", "contact_persons", "created"), 0)
    wijken = {w.code: w for w in Wijk.objects.filter(year=CBS_YEAR, gemeente__code__in=DEMO_GEMEENTEN)}
    gemeente_names = {code: g.name for code, g in gemeenten.items()}
    core_codes: dict[int, list[str]] = {}
    through = Organisation.gemeenten.through
    for org_id, code in through.objects.filter(
        organisation_id__in=[o.pk for o in core_organisations.values()], gemeente__code__in=DEMO_GEMEENTEN
    ).values_list("organisation_id", "gemeente__code"):
        core_codes.setdefault(org_id, []).append(code)
    for codes in core_codes.values():
        codes.sort(key=DEMO_GEMEENTEN.index)

    specs = _organisations(gen, core_organisations, core_codes)

    # Organisations (the core ones are core.demo's: not touched here).
    new_specs = [spec for spec in specs if spec.core is None]
    organisations, created_orgs, _ = _bulk_sync(
        Organisation, ("name",), [{"name": s.name, "sector": s.sector, "is_active": True} for s in new_specs]
    )
    _sync_m2m(
        Organisation,
        "gemeenten",
        {organisations[(s.name,)].pk: {gemeenten[c].pk for c in s.codes} for s in new_specs},
    )
    for spec in specs:
        spec_org = spec.core or organisations[(spec.name,)]
        spec.core = spec_org  # from here on: the organisation itself

    af_user = User.objects.filter(username="af").first()
    entry_rows, location_rows, contact_rows, service_plans = [], [], [], []
    for spec in specs:
        org = spec.core
        code, place = spec.home
        domain = f"{slug(spec.name)}.invalid"
        people = _contacts(gen, spec, domain, gemeente_names)
        for person in people:
            contact_rows.append({"organisation_id": org.pk, **person})
        afs = [p for p in people if p["role"] == ContactPerson.Role.AANDACHTSFUNCTIONARIS]
        status = _meldcode(gen, spec.sector, bool(afs), any(p["trained_on"] for p in afs))
        phone = VEILIG_THUIS_PHONE if spec.sector == Sector.VEILIG_THUIS else gen.phone(place.area)
        public = spec.public if spec.public is not None else gen.chance(0.92)
        description = DESCRIPTIONS[spec.sector].format(place=place.name, gemeente=gemeente_names[code])
        entry_rows.append(
            {
                "organisation_id": org.pk,
                "description": description,
                "website": f"https://example.invalid/{slug(spec.name)}",
                "email": f"info@{domain}",
                "phone": phone,
                "is_public": public,
                "last_verified": gen.last_verified(fresh=spec.fresh),
                "owner_id": af_user.pk if af_user is not None and spec.key == "school" else None,
                **status,
            }
        )
        hidden = spec.sector == Sector.VROUWENOPVANG  # shelter addresses are secret
        for i, (loc_code, loc_place) in enumerate([spec.home, *spec.extra_locations]):
            street = f"{gen.rng.choice(STREETS)} {gen.rng.randint(1, 180)}"
            postcode = (
                f"{gen.rng.choice(loc_place.postcodes)} {gen.rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
                f"{gen.rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
            )
            wijk = wijken.get(gen.rng.choice(loc_place.wijken))
            location_rows.append(
                {
                    "organisation_id": org.pk,
                    "name": spec.name if i == 0 else f"{spec.name}, locatie {loc_place.name}",
                    "address": "" if hidden else street,
                    "postal_code": "" if hidden else postcode,
                    "city": loc_place.name,
                    "gemeente_id": gemeenten[loc_code].pk,
                    "wijk_id": wijk.pk if wijk else None,
                    "is_public": not hidden,
                }
            )
        for template in _service_templates(gen, spec):
            service_plans.append((spec, template, _served(template, spec.codes)))

    entries, created_entries, _ = _bulk_sync(OrganisationEntry, ("organisation_id",), entry_rows)
    locations, created_locations, _ = _bulk_sync(Location, ("organisation_id", "name"), location_rows)
    contacts, created_contacts, _ = _bulk_sync(ContactPerson, ("organisation_id", "role", "name"), contact_rows)

    locations_by_org: dict[int, list[Location]] = {}
    for location in locations.values():
        locations_by_org.setdefault(location.organisation_id, []).append(location)

    service_rows, service_links = [], []
    for spec, template, served in service_plans:
        if not served:
            continue  # the whole service would fill a deliberate gap
        org = spec.core
        entry = entries[(org.pk,)]
        phone = VEILIG_THUIS_PHONE if spec.sector == Sector.VEILIG_THUIS else entry.phone
        active = gen.chance(0.98)
        service_rows.append(
            {
                "organisation_id": org.pk,
                "name": template.name,
                "description": template.description,
                "kind": template.kind,
                "access": template.access,
                "cost": template.cost,
                "national_programme": template.programme,
                "website": f"{entry.website}/{slug(template.name)}",
                "email": entry.email,
                "phone": phone,
                "is_public": spec.public or gen.chance(0.95),
                "is_active": active,
                "last_verified": gen.last_verified(fresh=spec.fresh),
            }
        )
        service_links.append((spec, template, served))
    services, created_services, _ = _bulk_sync(Service, ("organisation_id", "name"), service_rows)

    wanted = {"target_groups": {}, "themes": {}, "gemeenten": {}, "locations": {}}
    for spec, template, served in service_links:
        pk = services[(spec.core.pk, template.name)].pk
        wanted["target_groups"][pk] = {target_groups[c].pk for c in template.target_groups}
        wanted["themes"][pk] = {themes[c].pk for c in template.themes}
        wanted["gemeenten"][pk] = {gemeenten[c].pk for c in served}
        served_ids = wanted["gemeenten"][pk]
        wanted["locations"][pk] = {
            loc.pk for loc in locations_by_org.get(spec.core.pk, []) if loc.gemeente_id in served_ids
        }
    for field_name, rows in wanted.items():
        _sync_m2m(Service, field_name, rows)
    refresh_search_documents([service.pk for service in services.values()])

    return {
        "organisations": len(specs),
        "entries": len(entries),
        "locations": len(locations),
        "services": len(services),
        "contact_persons": len(contacts),
        "created": created_orgs + created_entries + created_locations + created_services + created_contacts,
    }
