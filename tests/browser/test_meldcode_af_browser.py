"""The aandachtsfunctionaris' pages and the dossier's change log, PDF form and follow-ups in real Chromium: no axe
violations. (axe needs a context that bypasses the CSP; see test_accessibility.py.)"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import (
    assert_accessible,
    log_in,
    skip_without_browser,
    with_totp,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dossier(personas):
    from samenveilig.meldcode import checklists
    from samenveilig.meldcode.models import ChecklistItem
    from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory, record_steps_1_to_3

    if not ChecklistItem.objects.exists():  # a transactional test flushes the data migration's lists
        checklists.restore()
    dossier = DossierFactory(owner=personas.professional)
    record_steps_1_to_3(dossier, personas.professional)
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    return dossier


def test_af_overview_and_transfer_pages_are_accessible(axe_context, personas, dossier):
    page = axe_context.new_page()
    log_in(page, with_totp(personas.af))
    page.goto("/meldcode/organisatie/")
    assert page.get_by_role("heading", name="Open dossiers van de organisatie").is_visible()
    assert_accessible(page, "the aandachtsfunctionaris' overview")
    page.goto(f"/meldcode/organisatie/overdragen/?van={personas.professional.pk}")
    assert_accessible(page, "the transfer form")
    page.goto("/meldcode/organisatie/overdrachten/")
    assert_accessible(page, "the transfers of the organisation")
    page.goto(f"/meldcode/dossiers/{dossier.pk}/wijzigingslog/")
    assert_accessible(page, "the change log")


def test_owner_pages_are_accessible(axe_context, personas, dossier):
    page = axe_context.new_page()
    log_in(page, with_totp(personas.professional))
    for path, what in [
        (f"/meldcode/dossiers/{dossier.pk}/wijzigingslog/?toon=bekeken", "who viewed the dossier"),
        (f"/meldcode/dossiers/{dossier.pk}/pdf/", "the PDF form"),
        (f"/meldcode/dossiers/{dossier.pk}/opvolging/nieuw/", "the follow-up form"),
        ("/meldcode/overdrachten/", "the transfers to accept"),
    ]:
        page.goto(path)
        assert_accessible(page, what)


def test_coordinator_counts_page_is_accessible(axe_context, personas, dossier):
    page = axe_context.new_page()
    log_in(page, with_totp(personas.coordinator))
    page.goto("/meldcode/cijfers/")
    assert page.get_by_role("heading", name="Meldcode: aantallen open dossiers").is_visible()
    assert_accessible(page, "the coordinator's counts")
