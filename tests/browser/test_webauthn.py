"""Security keys work under the strict CSP: allauth's WebAuthn scripts are files, its page data is JSON, not script.

Chromium's virtual authenticator stands in for a real key; the site is ``localhost`` (WebAuthn refuses IP addresses).
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import log_in, log_in_with_password, reauthenticate_if_asked, skip_without_browser
from tests.browser.test_csp_and_language import collect_problems, csp_problems

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


def add_virtual_authenticator(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def test_security_key_can_be_added_and_used_to_log_in(context, professional_with_totp):
    from allauth.mfa.models import Authenticator

    page = context.new_page()
    problems = collect_problems(page)
    add_virtual_authenticator(context, page)
    log_in(page, professional_with_totp)

    page.goto("/accounts/2fa/webauthn/add/")
    reauthenticate_if_asked(page)
    assert urlparse(page.url).path == "/accounts/2fa/webauthn/add/"
    page.get_by_label("Name").fill("Testsleutel")
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_url(lambda url: urlparse(url).path != "/accounts/2fa/webauthn/add/")
    keys = Authenticator.objects.filter(user=professional_with_totp.user, type=Authenticator.Type.WEBAUTHN)
    assert keys.exists(), "the security key was not saved"

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/accounts/login/")
    log_in_with_password(page, professional_with_totp.username)
    assert urlparse(page.url).path == "/accounts/2fa/authenticate/"
    page.get_by_role("button", name="Gebruik een beveiligingssleutel").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/")
    assert "Testschool De Linde" in page.locator("main").inner_text()
    assert csp_problems(problems) == []
