"""The Verwijsindex register page in real Chromium: zero axe violations (plain and with errors), and a registration
through the real form under the real CSP that ends on the signal page without the BSN on it."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import (
    assert_accessible,
    click_and_wait,
    log_in,
    skip_without_browser,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]

REGISTER = "/verwijsindex/signalen/nieuw/"
BSN = "999990019"  # from the range reserved for testing; passes the eleven-test


@pytest.fixture
def connected_school(professional_with_totp):
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie

    organisation = professional_with_totp.user.memberships.get().organisation
    AangeslotenOrganisatie.objects.create(
        organisation=organisation, meldingsbevoegd=True, criteria="Afgesproken criteria van de testregio."
    )
    return professional_with_totp


def test_register_page_is_accessible_with_and_without_errors(axe_context, connected_school):
    page = axe_context.new_page()
    log_in(page, connected_school)
    page.goto(REGISTER)
    assert "Afgesproken criteria van de testregio." in page.locator("main").inner_text()
    assert_accessible(page, "the register page")
    page.get_by_label("Burgerservicenummer (BSN) van de jongere").fill("999990018")
    click_and_wait(page, page.get_by_role("button", name="Signaal afgeven", exact=True))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_accessible(page, "the register page with errors")


def test_registering_through_the_form_ends_on_the_signal_without_the_bsn(context, connected_school):
    page = context.new_page()
    log_in(page, connected_school)
    page.goto(REGISTER)
    page.get_by_label("Burgerservicenummer (BSN) van de jongere").fill(BSN)
    page.get_by_label("Geboortedatum van de jongere").fill("2012-05-17")
    page.get_by_label("Betrokken sinds").fill("2024-01-08")
    page.get_by_label("Uw telefoonnummer").fill("030-1234567")
    page.get_by_label("De jongere en/of de ouders zijn geïnformeerd over dit signaal").check()
    click_and_wait(page, page.get_by_role("button", name="Signaal afgeven", exact=True))
    assert urlparse(page.url).path.startswith("/verwijsindex/signalen/"), page.locator("main").inner_text()
    assert "Het signaal is afgegeven" in page.locator("main").inner_text()
    assert BSN not in page.content()


@pytest.fixture
def coordinating_match(connected_school):
    """The school's professional has the matchregie of a match with the youth work."""
    from datetime import date

    from samenveilig.accounts.models import Organisation, Sector
    from samenveilig.accounts.tests.factories import MembershipFactory, UserFactory
    from samenveilig.verwijsindex import services
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Regieprioriteit, Signaal
    from samenveilig.verwijsindex.tests.conftest import acting

    youth = Organisation.objects.create(name="Testjongerenwerk Browser", sector=Sector.WELZIJN)
    AangeslotenOrganisatie.objects.create(organisation=youth, meldingsbevoegd=True)
    worker = MembershipFactory(user=UserFactory(username="t_browser_youth"), organisation=youth).user
    Regieprioriteit.objects.create(sector=Sector.ONDERWIJS, rank=1)
    for user in (connected_school.user, worker):
        services.register(
            acting(user),
            bsn=BSN,
            birth_date=date(2012, 5, 17),
            start_date=date(2024, 1, 8),
            contact_name=user.get_full_name() or user.username,
            contact_phone="030-1234567",
            contact_email=user.email,
            informed="geinformeerd",
        )
    return Signaal.objects.get(professional=connected_school.user)


def test_matchregie_page_is_accessible_and_records_an_outcome(axe_context, connected_school, coordinating_match):
    page = axe_context.new_page()
    log_in(page, connected_school)
    page.goto(f"/verwijsindex/signalen/{coordinating_match.pk}/regie/")
    assert "U hebt de matchregie." in page.locator("main").inner_text()
    assert "Testjongerenwerk Browser" in page.locator("main").inner_text()
    assert_accessible(page, "the matchregie page")
    page.get_by_label("Afgestemd", exact=True).check()
    page.get_by_label("Datum", exact=True).fill("2999-01-01")
    click_and_wait(page, page.get_by_role("button", name="Uitkomst vastleggen"))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_accessible(page, "the matchregie page with errors")
    page.get_by_label("Datum", exact=True).fill(coordinating_match.created.date().isoformat())
    click_and_wait(page, page.get_by_role("button", name="Uitkomst vastleggen"))
    main = page.locator("main").inner_text()
    assert "De uitkomst van de matchregie is vastgelegd." in main
    assert "Afgestemd" in main
    assert BSN not in page.content()
