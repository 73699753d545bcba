"""The functioneel beheerder makes and revokes an organisation API credential (koppeling) in real Chromium: found
from the connections page, zero axe violations (plain, with an error, with the key shown once, after revoking), and
the key works on the Verwijsindex API until it is revoked."""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import assert_accessible, click_and_wait, log_in, skip_without_browser, with_totp

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def connected(personas):
    from samenveilig.accounts.models import Organisation
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie

    AangeslotenOrganisatie.objects.create(
        organisation=Organisation.objects.get(name="Testschool De Linde"), meldingsbevoegd=True
    )
    return personas


def test_the_beheerder_makes_and_revokes_a_credential(axe_context, connected):
    from rest_framework.test import APIClient

    from samenveilig.verwijsindex.models import Koppeling

    page = axe_context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, with_totp(connected.beheerder))
    page.goto("/verwijsindex/beheer/aansluitingen/")
    click_and_wait(page, page.get_by_role("link", name="Koppelingen beheren — Testschool De Linde"))
    assert urlparse(page.url).path.endswith("/koppelingen/")
    assert page.get_by_role("heading", name="Koppelingen van Testschool De Linde").is_visible()
    assert_accessible(page, "the credentials page")

    click_and_wait(page, page.get_by_role("button", name="Koppeling maken", exact=True))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_accessible(page, "the credentials page with an error")

    page.get_by_label("Naam van het systeem").fill("Leerlingvolgsysteem")
    click_and_wait(page, page.get_by_role("button", name="Koppeling maken", exact=True))
    key = page.get_by_label("Sleutel", exact=True).input_value()
    assert key.startswith(Koppeling.PREFIX)
    assert_accessible(page, "the credentials page with the new key")

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/verwijsindex/signalen/").status_code == 200

    page.reload()
    assert key not in page.content()  # shown once
    click_and_wait(page, page.get_by_role("button", name=re.compile(r"^Intrekken\s*:\s*Leerlingvolgsysteem$")))
    assert "is ingetrokken" in page.locator("main").inner_text()
    assert_accessible(page, "the credentials page after revoking")
    assert client.get("/api/v1/verwijsindex/signalen/").status_code == 401
