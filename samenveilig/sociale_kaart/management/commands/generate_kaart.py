"""Fill the sociale kaart with synthetic services, for benchmarks and load tests (never for demo or production).

    manage.py generate_kaart --services 50000 [--seed 1] [--replace]

Creates about one organisation per five services (each with a map entry and one or two locations), in the demo
region's municipalities (Woerden, De Ronde Venen, Montfoort, Oudewater, Stichtse Vecht) and a few dozen random others
of the newest CBS year, with themes, target groups and municipalities served. Everything is written with
``bulk_create`` (the many-to-many rows through their ``through`` models), so no history rows and no signals; the
search documents of the new services are computed at the end, in one ``UPDATE`` (PostgreSQL). All names are synthetic
and the organisations' names start with :data:`PREFIX`; ``--replace`` removes earlier synthetic data first (only that).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart.models import Location, OrganisationEntry, Service, TargetGroup, Theme
from samenveilig.sociale_kaart.search import refresh_search_documents

PREFIX = "Synthetische organisatie"
DEMO_REGION = ("GM0632", "GM0736", "GM0335", "GM0589", "GM1904")
OTHER_GEMEENTEN = 40
DEMO_SHARE = 0.5
SERVICES_PER_ORGANISATION = 5
BATCH = 5000

ACTIVITIES = (
    "Opvoedspreekuur",
    "Weerbaarheidstraining",
    "Lotgenotengroep",
    "Gezinscoaching",
    "Inloopochtend",
    "Huisbezoek",
    "Cursus positief opvoeden",
    "Schuldhulpmaatjes",
    "Mantelzorgondersteuning",
    "Jongerencoach",
    "Relatiecursus",
    "Ouderavond",
    "Steunpunt",
    "Buddyproject",
    "Scheidingsspreekuur",
    "Kinderpraatgroep",
    "Daderhulpverlening",
    "Slachtofferondersteuning",
    "Voorlichting op school",
    "Signaleringstraining",
)
SUBJECTS = (
    "voor gezinnen",
    "voor ouders",
    "voor jongeren",
    "voor kinderen",
    "voor ouderen",
    "voor mantelzorgers",
    "bij scheiding",
    "bij huiselijk geweld",
    "bij opvoedvragen",
    "bij geldzorgen",
    "in de wijk",
    "op school",
)
PHRASES = (
    "Ondersteuning voor gezinnen met vragen over opvoeden en opgroeien.",
    "Wij helpen kinderen en jongeren om weerbaar te worden.",
    "Gratis en laagdrempelig, zonder verwijzing.",
    "Voor ouders die na een scheiding samen goed voor hun kinderen willen zorgen.",
    "Deskundige begeleiding bij huiselijk geweld en kindermishandeling.",
    "Ouderen en hun mantelzorgers kunnen hier terecht met zorgen over financieel misbruik.",
    "Groepsbijeenkomsten met ervaringsdeskundigen.",
    "Onze medewerkers komen bij u thuis.",
    "In samenwerking met het lokale team en de huisarts.",
    "Trainingen voor professionals over de meldcode.",
    "Ook voor slachtoffers en plegers van partnergeweld.",
    "Aanmelden kan telefonisch of via de website.",
)
ORG_WORDS = (
    "Jeugd",
    "Gezin",
    "Welzijn",
    "Zorg",
    "Samen",
    "Thuis",
    "Wijk",
    "Sport",
    "Opvoeding",
    "Hulp",
    "Buurt",
    "Veilig",
)
STREETS = ("Dorpsstraat", "Kerkweg", "Molenlaan", "Schoolstraat", "Stationsweg", "Rijnkade", "Lindenlaan", "Singel")


def _through_rows(field, pairs):
    through = getattr(Service, field).through
    target = {"themes": "theme_id", "target_groups": "targetgroup_id", "gemeenten": "gemeente_id"}.get(
        field, "location_id"
    )
    return through, [through(service_id=service_id, **{target: other_id}) for service_id, other_id in pairs]


class Command(BaseCommand):
    help = "Vult de sociale kaart met synthetische diensten (voor benchmarks; niet voor demo of productie)."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, required=True, help="Aantal diensten.")
        parser.add_argument("--seed", type=int, default=1, help="Startwaarde van de toevalsgenerator.")
        parser.add_argument("--replace", action="store_true", help="Verwijder eerst eerdere synthetische gegevens.")

    def handle(self, *args, services: int, seed: int, replace: bool, **options):
        if services < 1:
            raise CommandError("--services moet minstens 1 zijn.")
        rng = random.Random(seed)  # noqa: S311 -- synthetic data, reproducible by seed
        themes = list(Theme.objects.values_list("pk", flat=True))
        groups = list(TargetGroup.objects.values_list("pk", flat=True))
        year = Gemeente.objects.latest_year()
        if not (themes and groups and year):
            raise CommandError("Eerst migreren: thema's, doelgroepen en CBS-gemeenten ontbreken.")
        demo = list(Gemeente.objects.filter(year=year, code__in=DEMO_REGION).values_list("pk", flat=True))
        others = list(Gemeente.objects.filter(year=year).exclude(code__in=DEMO_REGION).values_list("pk", flat=True))
        others = rng.sample(others, min(OTHER_GEMEENTEN, len(others)))
        wijken: dict[int, list[int]] = {}
        for pk, gemeente_id in Wijk.objects.filter(gemeente_id__in=demo + others).values_list("pk", "gemeente_id"):
            wijken.setdefault(gemeente_id, []).append(pk)

        with transaction.atomic():
            if replace:
                self.stdout.write(f"Verwijderd: {delete_synthetic()} synthetische organisaties.")
            start = Organisation.objects.filter(name__startswith=PREFIX).count()
            created = self._generate(rng, services, start, themes, groups, demo, others, wijken)
        self.stdout.write(self.style.SUCCESS(f"{created} synthetische diensten aangemaakt."))

    def _generate(self, rng, count, start, themes, groups, demo, others, wijken) -> int:
        today = timezone.localdate()
        sectors = [value for value, _label in Sector.choices]
        n_orgs = max(1, count // SERVICES_PER_ORGANISATION)

        def pick_gemeente():
            return rng.choice(demo) if (demo and rng.random() < DEMO_SHARE) or not others else rng.choice(others)

        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"{PREFIX} {rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS).lower()} {start + i + 1:06d}",
                    sector=rng.choice(sectors),
                )
                for i in range(n_orgs)
            ],
            batch_size=BATCH,
        )
        OrganisationEntry.objects.bulk_create(
            [
                OrganisationEntry(
                    organisation=org,
                    phone=f"0348-{rng.randrange(100000, 999999)}",
                    last_verified=today - timedelta(days=rng.randrange(0, 800)),
                )
                for org in organisations
            ],
            batch_size=BATCH,
        )
        location_objects, org_gemeente = [], {}
        for org in organisations:
            home = pick_gemeente()
            org_gemeente[org.pk] = home
            for n in range(1 if rng.random() < 0.8 else 2):
                gemeente_id = home if n == 0 else pick_gemeente()
                district = wijken.get(gemeente_id)
                location_objects.append(
                    Location(
                        organisation=org,
                        name=f"Locatie {rng.choice(STREETS)} {n + 1}",
                        address=f"{rng.choice(STREETS)} {rng.randrange(1, 200)}",
                        postal_code=f"{rng.randrange(1000, 9999)} {rng.choice('ABCDEFGHJ')}{rng.choice('ABCDEFGHJ')}",
                        gemeente_id=gemeente_id,
                        wijk_id=rng.choice(district) if district else None,
                    )
                )
        locations = Location.objects.bulk_create(location_objects, batch_size=BATCH)
        org_locations: dict[int, list[Location]] = {}
        for location in locations:
            org_locations.setdefault(location.organisation_id, []).append(location)
        Organisation.gemeenten.through.objects.bulk_create(
            [
                Organisation.gemeenten.through(organisation_id=org_id, gemeente_id=gemeente_id)
                for org_id, gemeente_id in org_gemeente.items()
            ],
            batch_size=BATCH,
        )

        kinds = [value for value, _label in Service.Kind.choices]
        accesses = [value for value, _label in Service.Access.choices]
        service_objects = []
        for _i in range(count):
            org = rng.choice(organisations)
            service_objects.append(
                Service(
                    organisation=org,
                    name=f"{rng.choice(ACTIVITIES)} {rng.choice(SUBJECTS)}",
                    description=" ".join(rng.sample(PHRASES, 3)),
                    kind=rng.choice(kinds),
                    access=rng.choice(accesses),
                    cost="Gratis" if rng.random() < 0.7 else "Eigen bijdrage",
                    phone=f"06-{rng.randrange(10000000, 99999999)}" if rng.random() < 0.6 else "",
                    is_active=rng.random() < 0.95,
                    is_public=rng.random() < 0.5,
                    last_verified=today - timedelta(days=rng.randrange(0, 800)) if rng.random() < 0.9 else None,
                )
            )
        created = Service.objects.bulk_create(service_objects, batch_size=BATCH)

        theme_pairs, group_pairs, gemeente_pairs, location_pairs = [], [], [], []
        for service in created:
            theme_pairs += [(service.pk, t) for t in rng.sample(themes, rng.randint(1, min(3, len(themes))))]
            group_pairs += [(service.pk, g) for g in rng.sample(groups, rng.randint(1, min(3, len(groups))))]
            served = {org_gemeente[service.organisation_id]}
            if rng.random() < 0.3:
                served.add(pick_gemeente())
            gemeente_pairs += [(service.pk, g) for g in served]
            location_pairs += [(service.pk, loc.pk) for loc in org_locations[service.organisation_id]]
        for field, pairs in (
            ("themes", theme_pairs),
            ("target_groups", group_pairs),
            ("gemeenten", gemeente_pairs),
            ("locations", location_pairs),
        ):
            through, rows = _through_rows(field, pairs)
            through.objects.bulk_create(rows, batch_size=BATCH)
        # A subquery, not a list of ids: any number of services in one UPDATE (earlier synthetic ones are redone too).
        refresh_search_documents(Service.objects.filter(organisation__name__startswith=PREFIX).values("pk"))
        return len(created)


def delete_synthetic() -> int:
    """Remove the synthetic organisations and everything under them with plain DELETEs (no history, no signals)."""
    organisations = Organisation.objects.filter(name__startswith=PREFIX)
    org_ids = organisations.values("pk")
    service_ids = Service.objects.filter(organisation_id__in=org_ids).values("pk")
    for field in ("themes", "target_groups", "gemeenten", "locations"):
        getattr(Service, field).through.objects.filter(service_id__in=service_ids)._raw_delete("default")
    Service.objects.filter(organisation_id__in=org_ids)._raw_delete("default")
    Location.objects.filter(organisation_id__in=org_ids)._raw_delete("default")
    OrganisationEntry.objects.filter(organisation_id__in=org_ids)._raw_delete("default")
    Organisation.gemeenten.through.objects.filter(organisation_id__in=org_ids)._raw_delete("default")
    return organisations._raw_delete("default")
