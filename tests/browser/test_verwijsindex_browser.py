"""The Verwijsindex register page in real Chromium: zero axe violations (plain and with errors), and a registration
through the real form under the real CSP that ends on the signal page without the BSN on it."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import click_and_wait, format_violations, log_in, run_axe, skip_without_browser

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


def assert_accessible(page, what: str) -> None:
    violations = run_axe(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {what} ({page.url}):\n" + format_violations(
        violations
    )


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
