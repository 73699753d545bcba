"""The public route map "Wie kan ik bellen?" in real Chromium: zero axe violations, fits a phone, works without JS.

axe is injected with ``page.evaluate``, which the strict CSP would block, so the axe checks open the pages in a context
that bypasses the CSP; the phone and no-JavaScript checks run under the real policy.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import (
    _base_url,
    assert_accessible,
    click_and_wait,
    skip_without_browser,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360
ROUTE_MAP = "/wie-kan-ik-bellen/"


@pytest.fixture
def kaart(db):
    """A municipality with a public local team (with a long website address), a location and two public services."""
    from samenveilig.accounts.models import Sector
    from samenveilig.accounts.tests.factories import OrganisationFactory
    from samenveilig.regio.tests.factories import GemeenteFactory
    from samenveilig.sociale_kaart.models import Service, TargetGroup, Theme
    from samenveilig.sociale_kaart.tests.factories import (
        ContactPersonFactory,
        LocationFactory,
        OrganisationEntryFactory,
        ServiceFactory,
    )

    gemeente = GemeenteFactory(code="GM9201", name="Noorderveld aan den IJssel en Omstreken")
    GemeenteFactory(code="GM9202", name="Zuiderdam")
    team = OrganisationFactory(name="Sociaal Wijkteam Noorderveld", sector=Sector.LOKAAL_TEAM)
    team.gemeenten.add(gemeente)
    OrganisationEntryFactory(
        organisation=team,
        is_public=True,
        phone="0348-428 800",
        email="informatie-en-advies@sociaalwijkteamnoorderveld.example",
        website="https://www.sociaalwijkteamnoorderveld.example/hulp-bij-opvoeden-en-opgroeien/contact",
        description="Wij helpen inwoners met vragen over opvoeden, geld, wonen en veiligheid thuis.",
    )
    LocationFactory(organisation=team, name="Buurthuis De Ster", gemeente=gemeente, address="Sterlaan 4")
    ContactPersonFactory(organisation=team, name="Zwaantje Geheimhouder")
    # Theme and TargetGroup come from a data migration, which a transactional test flushes: make sure they exist.
    theme, _ = Theme.objects.get_or_create(code="kindermishandeling", defaults={"name": "Kindermishandeling"})
    group, _ = TargetGroup.objects.get_or_create(code="ouders", defaults={"name": "Ouders"})
    service = ServiceFactory(
        name="Opvoedspreekuur Noorderveld",
        organisation=team,
        phone="0348-111 222",
        website="https://www.opvoedspreekuur-noorderveld.example/aanmelden-voor-een-gesprek",
        email="aanmelden@opvoedspreekuur-noorderveld.example",
        cost="Gratis",
        national_programme="Kansrijke Start",
        gemeenten=[gemeente],
        themes=[theme],
        target_groups=[group],
    )
    service.locations.add(team.locations.get())
    ServiceFactory(
        name="Inloopochtend voor ouders", organisation=team, access=Service.Access.VERWIJZING, gemeenten=[gemeente]
    )
    return {"gemeente": gemeente, "service": service}


def test_route_map_and_service_page_are_accessible(axe_context, kaart):
    page = axe_context.new_page()
    page.goto(ROUTE_MAP)
    assert page.get_by_role("heading", level=1).inner_text() == "Er groeit een kind onveilig op. Wie kan ik bellen?"
    assert_accessible(page, "the route map")

    page.get_by_label("Uw gemeente", exact=True).select_option(kaart["gemeente"].code)
    click_and_wait(page, page.get_by_role("button", name="Toon hulp in mijn gemeente"))
    assert parse_qs(urlparse(page.url).query) == {"gemeente": [kaart["gemeente"].code]}
    main = page.locator("main").inner_text()
    assert "Sociaal Wijkteam Noorderveld" in main and "Opvoedspreekuur Noorderveld" in main
    assert "Zwaantje" not in main
    assert_accessible(page, "the route map with a chosen municipality")

    page.goto(f"{ROUTE_MAP}?gemeente=GM0000")
    assert "Deze gemeente kennen wij niet" in page.locator("main").inner_text()
    assert_accessible(page, "the route map with an unknown municipality")

    page.goto(f"{ROUTE_MAP}?gemeente=GM9202")
    assert "wij weten nog niet welk lokaal team" in page.locator("main").inner_text()
    assert_accessible(page, "the route map for a municipality without a local team")

    page.goto(f"/wie-kan-ik-bellen/diensten/{kaart['service'].pk}/?gemeente={kaart['gemeente'].code}")
    assert page.get_by_role("heading", level=1).inner_text() == "Opvoedspreekuur Noorderveld"
    assert_accessible(page, "a public service page")


def test_route_map_fits_a_phone_and_works_without_javascript(browser, live_server, kaart):
    context = browser.new_context(
        base_url=_base_url(live_server),
        locale="nl-NL",
        viewport={"width": PHONE_WIDTH, "height": 800},
        java_script_enabled=False,
    )
    page = context.new_page()
    page.goto(ROUTE_MAP)
    assert page.get_by_role("link", name="Bel 112").get_attribute("href") == "tel:112"
    assert page.get_by_role("link", name="Bel Veilig Thuis: 0800-2000").get_attribute("href") == "tel:08002000"

    too_wide = {}
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE_WIDTH:
        too_wide[ROUTE_MAP] = width

    page.get_by_label("Uw gemeente", exact=True).select_option(kaart["gemeente"].code)
    click_and_wait(page, page.get_by_role("button", name="Toon hulp in mijn gemeente"))
    assert "Sociaal Wijkteam Noorderveld" in page.locator("main").inner_text()
    for path in [page.url, f"/wie-kan-ik-bellen/diensten/{kaart['service'].pk}/"]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[path] = width
    context.close()
    assert too_wide == {}, f"pages wider than a {PHONE_WIDTH}px phone screen: {too_wide}"
