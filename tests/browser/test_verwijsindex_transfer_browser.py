"""The transfer of a leaving professional's Verwijsindex signals in real Chromium, as the organisation's
aandachtsfunctionaris: found from the Meldcode overview of the organisation, zero axe violations (plain, with errors
and after the transfer), and a transfer through the real form under the real CSP."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import (
    assert_accessible,
    click_and_wait,
    log_in,
    skip_without_browser,
    with_totp,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]

BSN = "999990019"  # from the range reserved for testing; passes the eleven-test
OTHER_BSN = "999990032"
LINK = "Signalen van een vertrokken professional overdragen"


def name(user) -> str:
    return user.get_full_name() or user.username


@pytest.fixture
def leaving(personas):
    """The school's professional leaves with two signals (one in a match with the youth work); the colleague stays."""
    from samenveilig.accounts.models import Organisation
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie
    from samenveilig.verwijsindex.tests.conftest import register

    for organisation in ("Testschool De Linde", "Testjongerenwerk"):
        AangeslotenOrganisatie.objects.create(
            organisation=Organisation.objects.get(name=organisation), meldingsbevoegd=True
        )
    personas.colleague.phone = "030-7654321"
    personas.colleague.save()
    register(personas.professional)
    register(personas.professional, bsn=OTHER_BSN)
    register(personas.outsider)
    return personas


def test_transfer_page_is_found_from_the_overview_and_accessible(axe_context, leaving):
    page = axe_context.new_page()
    log_in(page, with_totp(leaving.af))
    page.goto("/meldcode/organisatie/")
    click_and_wait(page, page.get_by_role("link", name=LINK, exact=True))
    school = leaving.af.memberships.get().organisation
    assert urlparse(page.url).path == f"/verwijsindex/beheer/overdragen/{school.pk}/"
    assert page.get_by_role("heading", name="Signalen overdragen: Testschool De Linde").is_visible()
    assert page.get_by_role("table", name="Professionals met signalen").is_visible()
    assert_accessible(page, "the transfer page")
    page.get_by_label("Vertrekkende professional").select_option(label=name(leaving.professional))
    page.get_by_label("Collega die de signalen overneemt").select_option(label=name(leaving.professional))
    click_and_wait(page, page.get_by_role("button", name="Signalen overdragen", exact=True))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    assert_accessible(page, "the transfer page with errors")
    page.get_by_label("Collega die de signalen overneemt").select_option(label=name(leaving.colleague))
    click_and_wait(page, page.get_by_role("button", name="Signalen overdragen", exact=True))
    assert "2 signalen zijn overgedragen." in page.locator("main").inner_text()
    assert_accessible(page, "the transfer page after the transfer")


def test_transfer_through_the_form_moves_the_signals(context, leaving):
    from samenveilig.verwijsindex.models import Signaal

    page = context.new_page()
    log_in(page, with_totp(leaving.af))
    school = leaving.af.memberships.get().organisation
    page.goto(f"/verwijsindex/beheer/overdragen/{school.pk}/")
    page.get_by_label("Vertrekkende professional").select_option(label=name(leaving.professional))
    page.get_by_label("Collega die de signalen overneemt").select_option(label=name(leaving.colleague))
    click_and_wait(page, page.get_by_role("button", name="Signalen overdragen", exact=True))
    main = page.locator("main").inner_text()
    assert "2 signalen zijn overgedragen. De andere partijen zijn ingelicht." in main, main
    assert urlparse(page.url).path == f"/verwijsindex/beheer/overdragen/{school.pk}/"
    assert not Signaal.objects.filter(professional=leaving.professional).exists()
    assert Signaal.objects.filter(professional=leaving.colleague, contact_phone="030-7654321").count() == 2
    assert BSN not in page.content() and OTHER_BSN not in page.content()
