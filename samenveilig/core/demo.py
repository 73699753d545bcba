"""A realistic, wholly synthetic region for demos and manual testing.

Real municipality names and CBS codes (public reference data); invented organisations and invented people.
Idempotent: running it again updates the same records instead of adding new ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from samenveilig import audit
from samenveilig.accounts.models import Membership, Organisation, Sector, User
from samenveilig.accounts.roles import Role
from samenveilig.regio.models import Gemeente, Regio

CBS_YEAR = 2024
UTRECHT_WEST = ["GM0632", "GM0736", "GM0335", "GM0589", "GM1904"]  # Woerden, De Ronde Venen, Montfoort, ...

ORGANISATIONS = {
    "gemeente": ("Gemeente Woerden (demo)", Sector.GEMEENTE, ["GM0632"]),
    "school": ("Basisschool De Vlinderboom (demo)", Sector.ONDERWIJS, ["GM0632"]),
    "jongerenwerk": ("Jongerenwerk Groene Hart (demo)", Sector.WELZIJN, ["GM0632", "GM0589", "GM0335"]),
    "lokaal_team": ("Lokaal Team Woerden (demo)", Sector.LOKAAL_TEAM, ["GM0632"]),
    "kinderopvang": ("Kinderopvang Het Klavertje (demo)", Sector.KINDEROPVANG, ["GM0632", "GM0736"]),
    "veilig_thuis": ("Veilig Thuis Regio Utrecht (demo)", Sector.VEILIG_THUIS, None),  # None: the whole VT region
    "regio": ("Samenwerkingsverband Utrecht West (demo)", Sector.GEMEENTE, UTRECHT_WEST),
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    job_title: str
    organisation: str
    role: str


USERS = [
    DemoUser("professional", "Femke", "Voorbeeld", "Leerkracht groep 5", "school", Role.PROFESSIONAL),
    DemoUser("professional2", "Joris", "Proefmans", "Jongerenwerker", "jongerenwerk", Role.PROFESSIONAL),
    DemoUser(
        "af", "Anouk", "Testzorg", "Intern begeleider en aandachtsfunctionaris", "school", Role.AANDACHTSFUNCTIONARIS
    ),
    DemoUser("coordinator", "Bram", "Beleidsma", "Beleidsadviseur huiselijk geweld", "gemeente", Role.COORDINATOR),
    DemoUser("veiligthuis", "Noor", "Thuisveld", "Medewerker advies en meldingen", "veilig_thuis", Role.VEILIG_THUIS),
    DemoUser("beheerder", "Kees", "Beheersma", "Functioneel beheerder", "gemeente", Role.BEHEERDER),
    # Colleagues, so that organisation pages look like real ones.
    DemoUser("leerkracht2", "Sanne", "Oefenaar", "Leerkracht groep 2", "school", Role.PROFESSIONAL),
    DemoUser("wijkcoach", "Milan", "Fictief", "Wijkcoach", "lokaal_team", Role.PROFESSIONAL),
    DemoUser("pm_opvang", "Lieke", "Verzonnen", "Pedagogisch medewerker", "kinderopvang", Role.PROFESSIONAL),
]


def _gemeenten(codes):
    return list(Gemeente.objects.filter(code__in=codes, year=CBS_YEAR))


@transaction.atomic
def load(password: str | None = None) -> dict[str, int]:
    password = password if password is not None else settings.SAMENVEILIG_DEMO_PASSWORD
    utrecht = list(Gemeente.objects.filter(province_code="PV26", year=CBS_YEAR))
    vt_region, _ = Regio.objects.update_or_create(
        name="Veilig Thuis-regio Utrecht (demo)", defaults={"kind": Regio.Kind.VEILIG_THUIS}
    )
    vt_region.gemeenten.set(utrecht)
    west, _ = Regio.objects.update_or_create(name="Utrecht West (demo)", defaults={"kind": Regio.Kind.SAMENWERKING})
    west.gemeenten.set(_gemeenten(UTRECHT_WEST))

    organisations = {}
    for key, (name, sector, codes) in ORGANISATIONS.items():
        organisation, _ = Organisation.objects.update_or_create(name=name, defaults={"sector": sector})
        organisation.gemeenten.set(utrecht if codes is None else _gemeenten(codes))
        organisations[key] = organisation

    users = {}
    for spec in USERS:
        user, _created = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@demo.samenveilig.invalid",
                "job_title": spec.job_title,
                "phone": "",
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        users[spec.username] = user
        Membership.objects.update_or_create(
            user=user, organisation=organisations[spec.organisation], role=spec.role, defaults={"is_active": True}
        )
    # The coordinator also works for the regional partnership, which shows the organisation switcher.
    Membership.objects.update_or_create(
        user=User.objects.get(username="coordinator"),
        organisation=organisations["regio"],
        role=Role.COORDINATOR,
        defaults={"is_active": True},
    )
    from samenveilig.sociale_kaart import demo as kaart_demo

    kaart = kaart_demo.load(organisations)
    from samenveilig.verwijsindex import demo as verwijsindex_demo

    verwijsindex = verwijsindex_demo.load(users, organisations)
    from samenveilig.meldcode import demo as meldcode_demo

    meldcode = meldcode_demo.load(users, organisations)
    from samenveilig.meldcode import demo_vt as meldcode_vt_demo

    meldcode_vt = meldcode_vt_demo.load_vt(users, organisations)
    from samenveilig.monitor import demo as monitor_demo

    monitor = monitor_demo.load(users, organisations)
    from samenveilig.plannen import demo as plannen_demo

    plannen = plannen_demo.load(users, organisations)
    audit.log(None, "core.demo.loaded", purpose="demo data")
    return {
        "organisations": len(organisations),
        "users": len(USERS),
        "regions": 2,
        **{f"kaart_{k}": v for k, v in kaart.items()},
        **verwijsindex,
        **meldcode,
        **meldcode_vt,
        **monitor,
        **plannen,
    }
