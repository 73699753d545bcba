"""axe-core finds no WCAG 2.1 A/AA violations on the main pages (in their plain and their error states).

axe is injected with ``page.evaluate``, which the strict CSP would block, so these pages open in a context that
bypasses the CSP; test_csp.py checks the real policy.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import (
    assert_accessible,
    click_and_wait,
    log_in,
    log_in_with_password,
    reauthenticate_if_asked,
    skip_without_browser,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/accounts/password/reset/", "/accounts/signup/"],
)
def test_anonymous_pages_are_accessible(axe_context, db, path):
    page = axe_context.new_page()
    page.goto(path)
    assert_accessible(page, path)


def test_login_page_with_errors_is_accessible(axe_context, professional_with_totp):
    page = axe_context.new_page()
    page.goto("/accounts/login/")
    click_and_wait(page, page.get_by_role("button", name="Inloggen", exact=True))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_accessible(page, "the login page with errors")


def test_mfa_step_of_login_is_accessible(axe_context, professional_with_totp):
    page = axe_context.new_page()
    log_in_with_password(page, professional_with_totp.username)
    assert urlparse(page.url).path == "/accounts/2fa/authenticate/"
    assert_accessible(page, "the authenticator code step")


def test_mfa_required_page_is_accessible(axe_context, personas):
    page = axe_context.new_page()
    log_in_with_password(page, personas.colleague.username)
    assert urlparse(page.url).path == "/mfa-vereist/"
    assert_accessible(page, "the MFA-required page")


def test_totp_activation_page_is_accessible(axe_context, personas):
    page = axe_context.new_page()
    log_in_with_password(page, personas.colleague.username)
    page.goto("/accounts/2fa/totp/activate/")
    assert urlparse(page.url).path == "/accounts/reauthenticate/"
    assert_accessible(page, "the reauthentication page")
    reauthenticate_if_asked(page)
    assert urlparse(page.url).path == "/accounts/2fa/totp/activate/"
    assert page.locator("img.sv-qr").get_attribute("alt")
    assert_accessible(page, "the authenticator activation page")


@pytest.mark.parametrize(
    "path",
    ["/", "/organisaties/", "/accounts/2fa/", "/accounts/2fa/recovery-codes/", "/accounts/logout/"],
)
def test_logged_in_pages_are_accessible(axe_context, professional_with_totp, path):
    page = axe_context.new_page()
    log_in(page, professional_with_totp)
    page.goto(path)
    reauthenticate_if_asked(page)
    assert urlparse(page.url).path == path
    assert_accessible(page, path)


def test_organisation_and_profile_pages_are_accessible(axe_context, professional_with_totp):
    from samenveilig.regio.tests.factories import GemeenteFactory

    organisation = professional_with_totp.user.memberships.get().organisation
    organisation.gemeenten.add(GemeenteFactory(name="Testgemeente Noord"))
    page = axe_context.new_page()
    log_in(page, professional_with_totp)

    page.goto(f"/organisaties/{organisation.pk}/")
    assert "Testgemeente Noord" in page.locator("main").inner_text()
    assert_accessible(page, "the organisation page")

    click_and_wait(page, page.get_by_role("link", name=str(professional_with_totp.user)))
    assert urlparse(page.url).path == f"/gebruikers/{professional_with_totp.user.pk}/"
    assert_accessible(page, "a profile page")


def test_api_tokens_page_is_accessible_with_a_new_token_and_with_errors(axe_context, professional_with_totp):
    page = axe_context.new_page()
    log_in(page, professional_with_totp)
    page.goto("/mijn-account/api-tokens/")
    assert_accessible(page, "the API tokens page")

    click_and_wait(page, page.get_by_role("button", name="Token maken"))  # no name: an error at the field
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "the API tokens page with an error")

    page.get_by_label("Naam", exact=True).fill("Koppeling registratiesysteem")
    click_and_wait(page, page.get_by_role("button", name="Token maken"))
    assert page.locator("#sv-new-key").input_value().startswith("sv_")
    assert page.get_by_role("row", name="Koppeling registratiesysteem").is_visible()
    assert_accessible(page, "the API tokens page showing a new token")


def test_lockout_page_is_accessible(axe_context, professional_with_totp):
    from django.conf import settings

    page = axe_context.new_page()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/accounts/login/")
        page.get_by_label("Gebruikersnaam of e-mail", exact=True).fill(professional_with_totp.username)
        page.get_by_label("Wachtwoord", exact=True).fill("wrong-password-123")
        click_and_wait(page, page.get_by_role("button", name="Inloggen", exact=True))
    assert page.get_by_role("heading", level=1).inner_text() == "Te veel mislukte pogingen"
    assert "15 minuten" in page.locator("main").inner_text()
    assert_accessible(page, "the lockout page")
