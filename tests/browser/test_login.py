"""A professional logs in through the real forms: password, then the code from their authenticator app."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from samenveilig.accounts.tests.factories import TEST_PASSWORD
from tests.browser.conftest import (
    click_and_wait,
    log_in,
    log_in_with_password,
    reauthenticate_if_asked,
    skip_without_browser,
    totp_code,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


def test_professional_logs_in_with_password_and_authenticator_code(context, professional_with_totp):
    page = context.new_page()
    log_in_with_password(page, professional_with_totp.username)

    assert urlparse(page.url).path == "/accounts/2fa/authenticate/"
    assert page.get_by_role("heading", level=1).inner_text() != ""
    page.get_by_label("Code", exact=True).fill(totp_code(professional_with_totp.secret))
    page.get_by_role("button", name="Aanmelden", exact=True).click()

    page.wait_for_url(lambda url: urlparse(url).path == "/")
    assert "Testschool De Linde" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Uitloggen").is_visible()


def test_wrong_password_shows_an_error_and_keeps_the_username(context, professional_with_totp):
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam of e-mail", exact=True).fill(professional_with_totp.username)
    page.get_by_label("Wachtwoord", exact=True).fill("not-the-password")
    click_and_wait(page, page.get_by_role("button", name="Inloggen", exact=True))

    assert urlparse(page.url).path == "/accounts/login/"
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Gebruikersnaam of e-mail", exact=True).input_value() == professional_with_totp.username


def test_user_without_authenticator_is_asked_to_set_one_up(context, personas):
    page = context.new_page()
    log_in_with_password(page, personas.colleague.username)

    assert urlparse(page.url).path == "/mfa-vereist/"
    click_and_wait(page, page.get_by_role("link", name="Authenticator-app instellen"))
    assert urlparse(page.url).path in {"/accounts/2fa/totp/activate/", "/accounts/reauthenticate/"}


def test_logged_in_user_can_log_out(context, professional_with_totp):
    page = context.new_page()
    log_in(page, professional_with_totp)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/accounts/login/")
    page.goto("/")
    assert urlparse(page.url).path == "/accounts/login/"


def test_new_user_sets_up_an_authenticator_app_and_logs_in_with_it_next_time(context, personas):
    page = context.new_page()
    log_in_with_password(page, personas.colleague.username)
    assert urlparse(page.url).path == "/mfa-vereist/"

    click_and_wait(page, page.get_by_role("link", name="Authenticator-app instellen"))
    reauthenticate_if_asked(page)
    assert urlparse(page.url).path == "/accounts/2fa/totp/activate/"
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    click_and_wait(page, page.get_by_role("button", name="Activeer"))

    # Setting up the app proved possession of it: this session counts as having passed the second factor.
    page.goto("/organisaties/")
    assert urlparse(page.url).path == "/organisaties/"

    # Next time the code is asked for at login.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/accounts/login/")
    page.goto("/organisaties/")
    page.get_by_label("Gebruikersnaam of e-mail", exact=True).fill(personas.colleague.username)
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(lambda url: urlparse(url).path == "/accounts/2fa/authenticate/")
    page.get_by_label("Code", exact=True).fill(totp_code(secret))
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.wait_for_url(lambda url: urlparse(url).path == "/organisaties/")
    assert page.get_by_role("heading", level=1, name="Organisaties").is_visible()
