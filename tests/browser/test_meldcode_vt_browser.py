"""Sending to Veilig Thuis in real Chromium: the compose page (with its preview) and the Veilig Thuis inbox have no axe
violations, and the preview works without JavaScript.

axe is injected with ``page.evaluate``, which the strict CSP would block, so these pages open in a context that
bypasses the CSP (see test_accessibility.py).
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import (
    MfaUser,
    assert_accessible,
    click_and_wait,
    log_in,
    skip_without_browser,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


def _with_totp(user) -> MfaUser:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return MfaUser(user, secret)


@pytest.fixture
def dossier(professional_with_totp):
    from samenveilig.meldcode.tests.test_vt_support import ready_dossier

    dossier, _first, _second = ready_dossier(professional_with_totp.user)
    return dossier


def test_compose_preview_and_send_are_accessible(axe_context, professional_with_totp, dossier):
    page = axe_context.new_page()
    log_in(page, professional_with_totp)
    page.goto(f"/meldcode/dossiers/{dossier.pk}/")
    click_and_wait(page, page.get_by_role("link", name="Melding opstellen"))
    assert_accessible(page, "the compose page")
    page.locator("#id_question").fill("Wij maken ons zorgen over de veiligheid thuis.")
    page.locator("#id_signals_0").check()
    click_and_wait(page, page.get_by_role("button", name="Bekijk het voorbeeld"))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1  # the disclosure choice is missing
    assert_accessible(page, "the compose page with errors")
    page.locator("#id_identity_disclosure_0").check()
    click_and_wait(page, page.get_by_role("button", name="Bekijk het voorbeeld"))
    assert page.get_by_role("heading", name="Voorbeeld: Melding zoals Veilig Thuis die ziet").is_visible()
    assert_accessible(page, "the preview")
    click_and_wait(page, page.get_by_role("button", name="Verstuur de melding"))
    assert page.url.endswith(f"/meldcode/dossiers/{dossier.pk}/#veilig-thuis")
    assert "Verzonden, nog niet ontvangen" in page.locator("main").inner_text()
    assert_accessible(page, "the dossier with what was sent")


def test_the_inbox_is_accessible(axe_context, personas, dossier):
    from samenveilig.meldcode.tests.test_vt_support import send

    melding = send(dossier.owner, dossier)
    page = axe_context.new_page()
    log_in(page, _with_totp(personas.veiligthuis))
    page.goto("/meldcode/veilig-thuis/")
    assert_accessible(page, "the inbox")
    click_and_wait(page, page.get_by_role("link", name=f"#{melding.pk}"))
    assert_accessible(page, "the inbox detail")
    click_and_wait(page, page.get_by_role("button", name="Ontvangst bevestigen"))
    click_and_wait(page, page.get_by_role("link", name="Status bijwerken en terugkoppelen"))
    page.get_by_label("Veiligheidsbeoordeling gedaan").check()
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    assert page.locator(".utrecht-form-field-error-message").count() >= 3
    assert_accessible(page, "the status form with errors")


def test_preview_works_without_javascript(browser, live_server, professional_with_totp, dossier):
    from tests.browser.conftest import _base_url

    context = browser.new_context(base_url=_base_url(live_server), locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    log_in(page, professional_with_totp)
    page.goto(f"/meldcode/dossiers/{dossier.pk}/veilig-thuis/nieuw/?soort=adviesvraag")
    page.locator("#id_kind_0").check()
    page.locator("#id_question").fill("Hoe bespreek ik mijn zorgen met de ouders?")
    page.locator("#id_signals_0").check()
    click_and_wait(page, page.get_by_role("button", name="Bekijk het voorbeeld"))
    assert "Een adviesvraag is anoniem" in page.locator("main").inner_text()
    context.close()
