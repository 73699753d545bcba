"""The Meldcode signal lists (``/meldcode/signaallijsten/``) in real Chromium, as the aandachtsfunctionaris who adapts
them for the organisation: zero axe violations on the lists (plain, with an error in the add form, with an own signal
and a hidden shared one) and on the edit form; the changes made through the real forms under the real CSP."""

from __future__ import annotations

import os
from urllib.parse import urlparse

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

LISTS = "/meldcode/signaallijsten/"
OWN = "Komt vaak zonder lunch naar school"


@pytest.fixture
def af(personas) -> MfaUser:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from samenveilig.meldcode import checklists
    from samenveilig.meldcode.models import ChecklistItem

    if not ChecklistItem.objects.exists():  # a transactional test flushes the data migration's lists
        checklists.restore()
    secret = generate_totp_secret()
    TOTP.activate(personas.af, secret)
    RecoveryCodes.activate(personas.af)
    return MfaUser(personas.af, secret)


def test_signal_lists_are_accessible_in_every_state(axe_context, af):
    page = axe_context.new_page()
    log_in(page, af)
    page.goto(LISTS)
    assert page.get_by_role("heading", name="Signaallijsten", exact=True).is_visible()
    assert_accessible(page, "the signal lists")

    click_and_wait(page, page.get_by_role("button", name="Signaal toevoegen", exact=True))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_accessible(page, "the signal lists with errors in the add form")

    page.get_by_label("Lijst", exact=True).select_option("kind_4_12")
    page.get_by_label("Signaal", exact=True).fill(OWN)
    click_and_wait(page, page.get_by_role("button", name="Signaal toevoegen", exact=True))
    assert "Het signaal staat nu op de lijst van uw organisatie." in page.locator("main").inner_text()
    hide = page.locator("button", has_text="Verbergen").first
    click_and_wait(page, hide)
    assert "Het signaal is verborgen voor uw organisatie." in page.locator("main").inner_text()
    assert page.get_by_text("Nee, verborgen voor uw organisatie").count() == 1
    assert page.get_by_role("row", name=OWN).count() == 1
    assert_accessible(page, "the signal lists with an own and a hidden signal")

    click_and_wait(page, page.get_by_role("link", name=f"Wijzigen — {OWN}", exact=True))
    assert page.get_by_role("heading", name="Signaal wijzigen").is_visible()
    assert_accessible(page, "the edit form of an own signal")
    page.get_by_label("Signaal", exact=True).fill("")
    click_and_wait(page, page.get_by_role("button", name="Opslaan", exact=True))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_accessible(page, "the edit form with errors")


def test_an_own_signal_is_added_and_switched_off_under_the_real_csp(context, af):
    from samenveilig.meldcode.models import ChecklistItem

    page = context.new_page()
    log_in(page, af)
    page.goto(LISTS)
    page.get_by_label("Lijst", exact=True).select_option("kind_4_12")
    page.get_by_label("Signaal", exact=True).fill(OWN)
    click_and_wait(page, page.get_by_role("button", name="Signaal toevoegen", exact=True))
    assert urlparse(page.url).path == LISTS
    item = ChecklistItem.objects.get(text=OWN)
    assert item.organisation_id == af.user.memberships.get().organisation_id
    click_and_wait(page, page.get_by_role("button", name=f"Uitzetten — {OWN}", exact=True))
    assert "Het signaal is uitgezet." in page.locator("main").inner_text()
    item.refresh_from_db()
    assert not item.is_active
