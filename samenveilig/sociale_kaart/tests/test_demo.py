"""The demo map loads, twice without duplicates, with local teams, stale entries, gaps and no real contact data."""

import time

import pytest

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.core import demo as core_demo
from samenveilig.regio.loader import load_cbs
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart import demo
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service

pytestmark = pytest.mark.django_db

MODELS = [Organisation, OrganisationEntry, Location, Service, ContactPerson]
HISTORY = [OrganisationEntry.history, Location.history, Service.history, ContactPerson.history]


def counts():
    return (
        [m.objects.count() for m in MODELS]
        + [h.count() for h in HISTORY]
        + [
            Service.target_groups.through.objects.count(),
            Service.themes.through.objects.count(),
            Service.gemeenten.through.objects.count(),
            Service.locations.through.objects.count(),
            Organisation.gemeenten.through.objects.count(),
        ]
    )


def core_organisations():
    result = core_demo.load(password="demo")
    if isinstance(result, dict) and all(isinstance(v, Organisation) for v in result.values()):
        return result
    names = {key: spec[0] for key, spec in core_demo.ORGANISATIONS.items()}
    return {key: Organisation.objects.get(name=name) for key, name in names.items()}


@pytest.fixture
def loaded(db):
    # A transactional test elsewhere in the worker may have flushed the migrated CBS rows; reload them then.
    if Gemeente.objects.filter(year=2024).count() != 342 or Wijk.objects.filter(year=2024).count() != 3474:
        load_cbs(2024)
    organisations = core_organisations()
    # core_demo.load() loads the map too; time a second load here (it must find everything in place, quickly).
    started = time.perf_counter()
    result = demo.load(organisations)
    return organisations, result, time.perf_counter() - started


def test_loads_a_region_of_realistic_size_quickly(loaded):
    _organisations, result, seconds = loaded
    assert seconds < 5
    assert 180 <= result["organisations"] <= 230
    assert 250 <= result["services"] <= 350
    for sector in (
        Sector.ONDERWIJS,
        Sector.KINDEROPVANG,
        Sector.HUISARTS,
        Sector.JGZ,
        Sector.LOKAAL_TEAM,
        Sector.JEUGDHULP,
        Sector.GGZ,
        Sector.POLITIE,
        Sector.GI,
        Sector.VEILIG_THUIS,
        Sector.VROUWENOPVANG,
        Sector.WELZIJN,
        Sector.WONINGCORPORATIE,
        Sector.SPORT,
        Sector.GEMEENTE,
    ):
        assert OrganisationEntry.objects.filter(organisation__sector=sector).exists(), sector
    assert ContactPerson.objects.filter(role=ContactPerson.Role.AANDACHTSFUNCTIONARIS).count() > 80
    assert ContactPerson.objects.filter(role=ContactPerson.Role.SLEUTELPERSOON).exists()
    for code in demo.DEMO_GEMEENTEN:
        assert ContactPerson.objects.filter(
            organisation__sector=Sector.POLITIE,
            role=ContactPerson.Role.VASTE_CONTACTPERSOON,
            note__contains=Gemeente.objects.get(code=code, year=2024).name,
        ).exists()
    assert Location.objects.filter(gemeente__code="GM0632", wijk__isnull=False).exists()


def test_second_load_changes_nothing(loaded):
    organisations, first, _seconds = loaded
    before = counts()
    second = demo.load(organisations)
    assert counts() == before
    assert second["created"] == 0
    assert {k: v for k, v in second.items() if k != "created"} == {k: v for k, v in first.items() if k != "created"}


def test_core_organisations_get_entries(loaded):
    organisations, _result, _seconds = loaded
    vt = OrganisationEntry.objects.get(organisation=organisations["veilig_thuis"])
    assert vt.phone == "0800-2000" and vt.is_public
    school = OrganisationEntry.objects.get(organisation=organisations["school"])
    assert school.owner is not None and school.owner.username == "af"
    assert organisations["school"].contact_persons.filter(role=ContactPerson.Role.AANDACHTSFUNCTIONARIS).exists()


def test_each_demo_municipality_has_a_public_local_team_with_a_phone(loaded):
    for code in demo.DEMO_GEMEENTEN:
        entries = OrganisationEntry.objects.filter(
            organisation__sector=Sector.LOKAAL_TEAM, organisation__gemeenten__code=code, is_public=True
        ).exclude(phone="")
        assert entries.count() == 1, code
        assert not entries.get().is_stale


def test_some_entries_and_services_are_stale(loaded):
    entries, services = OrganisationEntry.objects.count(), Service.objects.count()
    stale_entries, stale_services = OrganisationEntry.objects.stale().count(), Service.objects.stale().count()
    assert 0.03 * entries <= stale_entries <= 0.2 * entries
    assert 0.03 * services <= stale_services <= 0.2 * services
    assert OrganisationEntry.objects.filter(last_verified__isnull=True).exists()


@pytest.mark.parametrize(("code", "group", "theme"), sorted(demo.GAPS))
def test_prevention_matrix_has_the_planned_gaps(loaded, code, group, theme):
    preventive = Service.objects.filter(kind=Service.Kind.PREVENTIEF, target_groups__code=group, themes__code=theme)
    assert not preventive.filter(gemeenten__code=code).exists()
    assert not preventive.filter(locations__gemeente__code=code).exists()
    # ... while the same cell is filled elsewhere, so the gap is a real one.
    assert preventive.exclude(gemeenten__code=code).exists()


def test_ouderen_financieel_misbruik_is_covered_outside_oudewater(loaded):
    for code in ("GM0632", "GM0736", "GM0335", "GM1904"):
        assert Service.objects.filter(
            kind=Service.Kind.PREVENTIEF,
            target_groups__code="ouderen",
            themes__code="financieel-misbruik",
            gemeenten__code=code,
        ).exists(), code


def test_no_real_contact_details(loaded):
    emails = [
        *OrganisationEntry.objects.values_list("email", flat=True),
        *Service.objects.values_list("email", flat=True),
        *ContactPerson.objects.values_list("email", flat=True),
    ]
    assert emails and all(e == "" or e.endswith(".invalid") for e in emails)
    websites = [
        *OrganisationEntry.objects.values_list("website", flat=True),
        *Service.objects.values_list("website", flat=True),
    ]
    assert websites and all(w == "" or w.startswith("https://example.invalid/") for w in websites)
    phones = [
        *OrganisationEntry.objects.values_list("phone", flat=True),
        *Service.objects.values_list("phone", flat=True),
        *ContactPerson.objects.values_list("phone", flat=True),
    ]
    fictional = [p for p in phones if p not in ("", "0800-2000", "112")]
    assert fictional and all(p.split("-", 1)[1].startswith("000 ") for p in fictional)
    assert not Location.objects.filter(organisation__sector=Sector.VROUWENOPVANG, is_public=True).exists()


def test_skips_without_the_cbs_rows(db):
    Gemeente.objects.filter(code="GM0589").delete()
    assert demo.load({})["created"] == 0
    assert not Service.objects.exists()
