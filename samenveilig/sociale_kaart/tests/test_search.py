"""Search of the sociale kaart: search_services, the page /sociale-kaart/zoeken/, the stemmer, generate_kaart."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.accounts.tests.factories import OrganisationFactory, UserFactory
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart.models import Service
from samenveilig.sociale_kaart.search import gemeente_code, search_services, stem
from samenveilig.sociale_kaart.tests.factories import (
    LocationFactory,
    OrganisationEntryFactory,
    ServiceFactory,
    target_group,
    theme,
)

URL = "/sociale-kaart/zoeken/"
pytestmark = pytest.mark.django_db


def gemeente(code: str) -> Gemeente:
    return Gemeente.objects.filter(code=code).order_by("-year").first()


def names(queryset) -> set[str]:
    return {service.name for service in queryset}


@pytest.fixture
def kaart(db):
    """Services in Woerden and Montfoort, on two themes, one only by location, one inactive."""
    woerden, montfoort = gemeente("GM0632"), gemeente("GM0335")
    wijk = Wijk.objects.filter(gemeente=woerden).order_by("code").first()
    jeugd = OrganisationFactory(name="Stichting Jeugdhulp Groene Hart", sector=Sector.JEUGDHULP)
    welzijn = OrganisationFactory(name="Welzijn Lopikerwaard", sector=Sector.WELZIJN)
    OrganisationEntryFactory(organisation=welzijn, phone="0348-123456")
    in_woerden = LocationFactory(organisation=welzijn, gemeente=woerden, wijk=wijk)
    partner, opvoeden = theme("partnergeweld"), theme("opvoedondersteuning")
    ServiceFactory(
        name="Steunpunt partnergeweld Woerden",
        organisation=jeugd,
        kind=Service.Kind.SPECIALISTISCH,
        themes=[partner],
        target_groups=[target_group("slachtoffers")],
        gemeenten=[woerden],
    )
    ServiceFactory(
        name="Partnergeweld Montfoort",
        organisation=jeugd,
        kind=Service.Kind.SPECIALISTISCH,
        themes=[partner],
        gemeenten=[montfoort],
    )
    by_location = ServiceFactory(
        name="Relatiecursus", organisation=welzijn, themes=[partner], target_groups=[target_group("ouders")]
    )
    by_location.locations.add(in_woerden)
    ServiceFactory(
        name="Opvoedspreekuur",
        organisation=welzijn,
        description="Voor ouders en gezinnen met vragen over opvoeden.",
        themes=[opvoeden],
        target_groups=[target_group("ouders")],
        gemeenten=[woerden],
    )
    ServiceFactory(
        name="Oud aanbod partnergeweld", organisation=jeugd, themes=[partner], gemeenten=[woerden], is_active=False
    )
    return {"woerden": woerden, "wijk": wijk}


# --- search_services --------------------------------------------------------------------------------------------


def test_a_theme_in_a_municipality_gives_the_services_there_and_no_others(kaart):
    found = search_services({"thema": "partnergeweld", "gemeente": "GM0632"})

    # For inhabitants of Woerden, or at a location in Woerden; not Montfoort's, not another theme, not the inactive.
    assert names(found) == {"Steunpunt partnergeweld Woerden", "Relatiecursus"}


def test_the_municipality_code_may_be_written_loosely(kaart):
    assert gemeente_code("0632") == gemeente_code("gm0632") == "GM0632"
    assert names(search_services({"gemeente": "0632", "thema": "partnergeweld"})) == names(
        search_services({"gemeente": "GM0632", "thema": "partnergeweld"})
    )


def test_free_text_finds_by_organisation_name(kaart):
    assert names(search_services({"q": "Lopikerwaard"})) == {"Relatiecursus", "Opvoedspreekuur"}


def test_free_text_finds_by_a_stemmed_word(kaart):
    # "gezinnen" in the query finds "gezinnen" in the description (and would find "gezin").
    assert "Opvoedspreekuur" in names(search_services({"q": "gezinnen"}))
    assert "Opvoedspreekuur" in names(search_services({"q": "gezin"}))


def test_free_text_finds_by_theme_name(kaart):
    assert "Relatiecursus" in names(search_services({"q": "partnergeweld"}))


def test_every_word_must_match(kaart):
    assert names(search_services({"q": "partnergeweld Montfoort"})) == {"Partnergeweld Montfoort"}


def test_filters_combine(kaart):
    assert names(search_services({"thema": "partnergeweld", "soort": "specialistisch"})) == {
        "Steunpunt partnergeweld Woerden",
        "Partnergeweld Montfoort",
    }
    assert names(search_services({"thema": "partnergeweld", "soort": "specialistisch", "gemeente": "GM0335"})) == {
        "Partnergeweld Montfoort"
    }
    assert names(search_services({"sector": Sector.WELZIJN, "doelgroep": "ouders"})) == {
        "Relatiecursus",
        "Opvoedspreekuur",
    }
    assert names(search_services({"wijk": kaart["wijk"].code})) == {"Relatiecursus"}
    assert names(search_services({"q": "opvoeden", "sector": Sector.JEUGDHULP})) == set()


def test_inactive_services_and_organisations_never_appear(kaart):
    every = [{}, {"q": "aanbod"}, {"q": "partnergeweld"}, {"thema": "partnergeweld", "gemeente": "GM0632"}]
    for params in every:
        assert "Oud aanbod partnergeweld" not in names(search_services(params))
    Organisation.objects.filter(name="Welzijn Lopikerwaard").update(is_active=False)
    assert names(search_services({})) == {"Steunpunt partnergeweld Woerden", "Partnergeweld Montfoort"}


def test_a_user_who_may_not_see_the_map_gets_nothing(kaart):
    assert not search_services({}, user=UserFactory(username="t_no_membership")).exists()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("gezinnen", "gezin"),
        ("Gezin", "gezin"),
        ("kinderen", "kind"),
        ("ouders", "ouder"),
        ("verwijzingen", "verwijzing"),
        ("mogelijkheden", "mogelijkheid"),
        ("thema's", "thema"),
        ("cursussen", "cursus"),
        ("kleine", "klein"),
        ("geweld", "geweld"),
        ("en", "en"),
        ("ggz", "ggz"),
    ],
)
def test_stemmer(word, expected):
    assert stem(word) == expected


# --- the page ---------------------------------------------------------------------------------------------------


def test_the_url_is_named():
    assert reverse("sociale_kaart:search") == URL


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_user_without_a_membership_is_refused(client, login, personas):
    login(client, UserFactory(username="t_no_membership"))

    assert client.get(URL).status_code == 403


def test_the_page_shows_the_results(client, login, personas, kaart):
    login(client, personas.professional)

    response = client.get(URL, {"thema": "partnergeweld", "gemeente": "GM0632"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Steunpunt partnergeweld Woerden" in html
    assert "Relatiecursus" in html
    assert "Partnergeweld Montfoort" not in html
    welzijn = OrganisationFactory(name="Welzijn Lopikerwaard")
    assert f'href="/sociale-kaart/organisaties/{welzijn.pk}/"' in html
    assert "0348-123456" in html  # the organisation's number when the service has none
    assert "<form" in html  # a full page without htmx


def test_htmx_gets_only_the_results(client, login, personas, kaart):
    login(client, personas.professional)

    response = client.get(URL, {"q": "Lopikerwaard"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "Opvoedspreekuur" in html
    assert "<form" not in html
    assert "<html" not in html


def test_stale_services_are_marked(client, login, personas, kaart):
    Service.objects.filter(name="Relatiecursus").update(last_verified=None)
    login(client, personas.professional)

    html = client.get(URL, {"q": "Relatiecursus"}).content.decode()

    assert "Niet recent gecontroleerd" in html


def test_a_wrong_filter_value_shows_an_error_and_is_left_out(client, login, personas, kaart):
    login(client, personas.professional)

    response = client.get(URL, {"soort": "onbekend", "q": "Lopikerwaard"})

    assert response.status_code == 200
    assert response.context["form"].errors["soort"]
    assert response.context["page"].paginator.count == 2


def test_the_page_queries_do_not_grow_with_the_results(client, login, personas, kaart):
    login(client, personas.professional)
    organisation = OrganisationFactory(name="Veel aanbod", sector=Sector.WELZIJN)
    OrganisationEntryFactory(organisation=organisation)
    client.get(URL, {"sector": Sector.WELZIJN})  # warm up (session, content types)

    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"sector": Sector.WELZIJN})
    for n in range(30):
        ServiceFactory(
            name=f"Aanbod {n:02d}",
            organisation=organisation,
            themes=[theme("weerbaarheid"), theme("partnergeweld")],
            target_groups=[target_group("ouders")],
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"sector": Sector.WELZIJN})

    assert len(response.context["page"].object_list) == 25
    assert len(many) == len(few)
    assert len(many) <= 20


# --- generate_kaart ---------------------------------------------------------------------------------------------


def test_generate_kaart_creates_searchable_services_and_replaces_its_own(personas):
    call_command("generate_kaart", services=60, seed=3, stdout=StringIO())

    synthetic = Service.objects.filter(organisation__name__startswith="Synthetische organisatie")
    assert synthetic.count() == 60
    assert all(service.themes.exists() and service.target_groups.exists() for service in synthetic[:10])
    assert search_services({"gemeente": "GM0632"}).exists()

    call_command("generate_kaart", services=20, seed=4, replace=True, stdout=StringIO())

    assert synthetic.count() == 20
    assert Service.objects.exclude(organisation__name__startswith="Synthetische organisatie").count() == 0
