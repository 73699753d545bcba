"""The public route map "Wie kan ik bellen?" and the public service page: open to anyone, only public entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenveilig.accounts.models import Sector
from samenveilig.accounts.tests.factories import OrganisationFactory, UserFactory
from samenveilig.regio.tests.factories import GemeenteFactory
from samenveilig.sociale_kaart.models import Service
from samenveilig.sociale_kaart.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationEntryFactory,
    ServiceFactory,
    target_group,
    theme,
)
from samenveilig.sociale_kaart.views_public import normalise_code, tel_href

pytestmark = pytest.mark.django_db

URL = reverse("publiek:route_map")


def service_url(service) -> str:
    return reverse("publiek:service", args=[service.pk])


def local_team(name, gemeente, *, public=True, phone="0348-428 800", **entry):
    organisation = OrganisationFactory(name=name, sector=Sector.LOKAAL_TEAM)
    organisation.gemeenten.add(gemeente)
    OrganisationEntryFactory(organisation=organisation, is_public=public, phone=phone, **entry)
    return organisation


@pytest.fixture
def kaart(db):
    """Two municipalities, each with a public local team; one hidden team; public, hidden and inactive services."""
    noord = GemeenteFactory(code="GM9101", name="Noorderveld")
    zuid = GemeenteFactory(code="GM9102", name="Zuiderdam")
    team_noord = local_team(
        "Wijkteam Noorderveld", noord, email="info@wijkteam-noord.example", website="https://wijkteam-noord.example/"
    )
    LocationFactory(organisation=team_noord, name="Buurthuis De Ster", gemeente=noord, address="Sterlaan 4")
    LocationFactory(organisation=team_noord, name="Geheime werkplek", gemeente=noord, is_public=False)
    local_team("Lokaal team Zuiderdam", zuid)
    local_team("Verborgen Wijkteam", noord, public=False)
    inactive = local_team("Opgeheven Wijkteam", noord)
    inactive.is_active = False
    inactive.save()

    ContactPersonFactory(organisation=team_noord, name="Zwaantje Geheimhouder", phone="06-99999999")
    entry = team_noord.kaart
    entry.owner = UserFactory(username="eigenaar_kaart", first_name="Eigenaar", last_name="Kaartmans")
    entry.save()

    ServiceFactory(
        name="Opvoedspreekuur Noorderveld",
        organisation=team_noord,
        phone="0348-111 222",
        website="https://opvoeden.example/",
        access=Service.Access.VRIJ,
        cost="Gratis",
        gemeenten=[noord],
        themes=[theme("kindermishandeling")],
        target_groups=[target_group("ouders")],
    )
    by_location = ServiceFactory(name="Inloop De Ster", organisation=team_noord, access=Service.Access.VERWIJZING)
    by_location.locations.add(team_noord.locations.get(name="Buurthuis De Ster"))
    ServiceFactory(name="Geheime Dienst Noorderveld", organisation=team_noord, is_public=False, gemeenten=[noord])
    ServiceFactory(name="Gestopte Dienst Noorderveld", organisation=team_noord, is_active=False, gemeenten=[noord])
    ServiceFactory(name="Zuiderdam Sportmaatje", gemeenten=[zuid], themes=[theme("kindermishandeling")])
    return {"noord": noord, "zuid": zuid, "team_noord": team_noord}


def test_route_map_is_open_to_anyone_and_names_112_and_veilig_thuis(client, kaart):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:112"' in html
    assert "0800-2000" in html and 'href="tel:08002000"' in html
    assert "gratis" in html.lower() and "dag en nacht" in html
    assert "veiligthuis.nl" in html
    assert "anoniem" in html
    # 112 comes first: acute danger before anything else
    assert html.index("Bel 112") < html.index("Bel Veilig Thuis")
    # the chooser lists the municipalities and works without JavaScript (a plain GET form)
    assert 'method="get"' in html and '<option value="GM9101">Noorderveld</option>' in html
    assert "<script>" not in html and "style=" not in html
    assert '<html lang="nl"' in html


def test_chosen_municipality_shows_its_own_local_team_only(client, kaart):
    html = client.get(URL, {"gemeente": "GM9101"}).content.decode()
    assert "Wijkteam Noorderveld" in html
    assert 'href="tel:0348428800"' in html
    assert "mailto:info@wijkteam-noord.example" in html
    assert "https://wijkteam-noord.example/" in html
    assert "Buurthuis De Ster" in html and "Sterlaan 4" in html
    assert '<option value="GM9101" selected>' in html
    assert "Lokaal team Zuiderdam" not in html
    assert "Zuiderdam Sportmaatje" not in html

    html = client.get(URL, {"gemeente": "gm9102"}).content.decode()
    assert "Lokaal team Zuiderdam" in html and "Zuiderdam Sportmaatje" in html
    assert "Wijkteam Noorderveld" not in html


def test_public_services_of_the_municipality_are_listed_by_theme(client, kaart):
    html = client.get(URL, {"gemeente": "GM9101"}).content.decode()
    assert "Hulp in uw gemeente" in html
    assert "Opvoedspreekuur Noorderveld" in html
    assert "Inloop De Ster" in html  # only through its location in the municipality
    assert "Kindermishandeling" in html and "Overige hulp" in html
    assert html.index("Kindermishandeling") < html.index("Opvoedspreekuur Noorderveld") < html.index("Overige hulp")
    assert 'href="tel:0348111222"' in html and "Gratis" in html
    assert "U heeft een verwijzing nodig" in html and "U kunt zelf contact opnemen" in html


def test_hidden_and_inactive_entries_never_appear(client, kaart):
    html = client.get(URL, {"gemeente": "GM9101"}).content.decode()
    for hidden in (
        "Verborgen Wijkteam",
        "Opgeheven Wijkteam",
        "Geheime werkplek",
        "Geheime Dienst Noorderveld",
        "Gestopte Dienst Noorderveld",
    ):
        assert hidden not in html


def test_contact_persons_and_owners_never_appear(client, kaart):
    pages = [client.get(URL, {"gemeente": "GM9101"})]
    pages += [client.get(service_url(s)) for s in Service.objects.filter(is_public=True, is_active=True)]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert "Zwaantje" not in html and "Geheimhouder" not in html and "06-99999999" not in html
        assert "Kaartmans" not in html and "eigenaar_kaart" not in html


def test_unknown_municipality_gets_a_friendly_message(client, kaart):
    for asked in ("GM0000", "Atlantis", "<script>alert(1)</script>"):
        response = client.get(URL, {"gemeente": asked})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Deze gemeente kennen wij niet" in html
        assert "alert(1)" not in html
        assert "Hulp in uw gemeente" not in html


def test_municipality_without_local_team_points_to_the_municipality_or_veilig_thuis(client, kaart):
    leeg = GemeenteFactory(code="GM9103", name="Leegdorp")
    html = client.get(URL, {"gemeente": "GM9103"}).content.decode()
    assert "wij weten nog niet welk lokaal team er in Leegdorp werkt" in html
    assert "Ook het algemene nummer van de gemeente staat nog niet op onze kaart" in html
    assert "U kunt altijd Veilig Thuis bellen: 0800-2000" in html
    assert "Voor Leegdorp staat nog geen hulp op onze kaart" in html

    municipality = OrganisationFactory(name="Gemeente Leegdorp", sector=Sector.GEMEENTE)
    municipality.gemeenten.add(leeg)
    OrganisationEntryFactory(organisation=municipality, is_public=True, phone="14 0348")
    html = client.get(URL, {"gemeente": "GM9103"}).content.decode()
    assert "Gemeente Leegdorp" in html and 'href="tel:140348"' in html


def test_query_count_does_not_grow_with_the_map(client, kaart, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as small:
        client.get(URL, {"gemeente": "GM9101"})
    noord = kaart["noord"]
    for n in range(3):
        team = local_team(f"Extra wijkteam {n}", noord)
        LocationFactory(organisation=team, gemeente=noord)
        ServiceFactory(
            organisation=team,
            gemeenten=[noord],
            themes=[theme("partnergeweld")],
            target_groups=[target_group("ouders")],
        )
    with django_assert_max_num_queries(len(small.captured_queries)) as big:
        response = client.get(URL, {"gemeente": "GM9101"})
    assert "Extra wijkteam 2" in response.content.decode()
    assert len(big.captured_queries) == len(small.captured_queries)


def test_service_page_shows_a_public_service(client, kaart):
    service = Service.objects.get(name="Opvoedspreekuur Noorderveld")
    response = client.get(service_url(service), {"gemeente": "GM9101"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Opvoedspreekuur Noorderveld</h1>' in html
    assert 'href="tel:0348111222"' in html and "Gratis" in html and "Ouders" in html
    assert "Wijkteam Noorderveld" in html and "Noorderveld" in html
    assert f'href="{URL}?gemeente=GM9101"' in html


def test_service_page_of_a_hidden_or_inactive_service_is_404(client, kaart):
    for name in ("Geheime Dienst Noorderveld", "Gestopte Dienst Noorderveld"):
        assert client.get(service_url(Service.objects.get(name=name))).status_code == 404
    assert client.get(reverse("publiek:service", args=[999999])).status_code == 404


def test_service_page_hides_a_non_public_organisation_entry_and_locations(client, kaart):
    hidden_team = OrganisationFactory(name="Stille Organisatie", sector=Sector.JEUGDHULP)
    OrganisationEntryFactory(organisation=hidden_team, is_public=False, phone="0348-777777")
    service = ServiceFactory(name="Open Dienst", organisation=hidden_team, gemeenten=[kaart["noord"]])
    service.locations.add(LocationFactory(organisation=hidden_team, name="Verborgen pand", is_public=False))
    html = client.get(service_url(service)).content.decode()
    assert "Open Dienst" in html
    assert "0348-777777" not in html and "Verborgen pand" not in html


@pytest.mark.parametrize(
    ("text", "code"), [("GM0632", "GM0632"), ("gm0632", "GM0632"), ("632", "GM0632"), ("Woerden", ""), ("", "")]
)
def test_normalise_code(text, code):
    assert normalise_code(text) == code


def test_tel_href():
    assert tel_href("0348 - 42 88 00") == "tel:0348428800"
    assert tel_href("+31 348 428800") == "tel:+31348428800"
    assert tel_href("") == ""
