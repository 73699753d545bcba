"""The Meldcode dossier in real Chromium: the guided dossier page and the afweging have no axe violations, and the
afweging shows its outcome without JavaScript.

axe is injected with ``page.evaluate``, which the strict CSP would block, so these pages open in a context that
bypasses the CSP (see test_accessibility.py).
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import (
    assert_accessible,
    click_and_wait,
    log_in,
    skip_without_browser,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dossier(professional_with_totp):
    from samenveilig.meldcode import checklists
    from samenveilig.meldcode.models import ChecklistItem
    from samenveilig.meldcode.tests.factories import DossierFactory, record_steps_1_to_3

    if not ChecklistItem.objects.exists():  # a transactional test flushes the data migration's lists
        checklists.restore()
    dossier = DossierFactory(owner=professional_with_totp.user, afweging_step=4)
    record_steps_1_to_3(dossier, professional_with_totp.user)
    return dossier


def test_dossier_page_and_afweging_are_accessible(axe_context, professional_with_totp, dossier):
    page = axe_context.new_page()
    log_in(page, professional_with_totp)
    page.goto(f"/meldcode/dossiers/{dossier.pk}/")
    assert page.get_by_role("heading", name=f"Dossier {dossier.local_reference}").is_visible()
    assert_accessible(page, "the dossier page")

    page.goto(f"/meldcode/dossiers/{dossier.pk}/signalen/nieuw/")
    assert_accessible(page, "the signal form")

    page.goto(f"/meldcode/dossiers/{dossier.pk}/afweging/nieuw/")
    assert_accessible(page, "the afweging form")
    page.locator("#id_answer_1_1").check()  # ja
    click_and_wait(page, page.get_by_role("button", name="Bekijk de uitkomst"))
    assert page.locator(".utrecht-form-field-error-message").count() >= 1  # reason 1 and question 2 missing
    assert_accessible(page, "the afweging form with errors")


def test_afweging_shows_the_outcome_without_javascript(browser, live_server, professional_with_totp, dossier):
    from tests.browser.conftest import _base_url

    context = browser.new_context(base_url=_base_url(live_server), locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    log_in(page, professional_with_totp)
    page.goto(f"/meldcode/dossiers/{dossier.pk}/afweging/nieuw/")
    page.locator("#id_answer_1_2").check()  # nee
    page.locator("#id_reason_1").fill("Gevallen op het schoolplein.")
    click_and_wait(page, page.get_by_role("button", name="Bekijk de uitkomst"))
    assert page.get_by_label("Afsluiten: er is geen vermoeden").is_checked()
    click_and_wait(page, page.get_by_role("button", name="Afweging vastleggen"))
    assert page.url.endswith(f"/meldcode/dossiers/{dossier.pk}/#stap-4")
    assert "Laatste afweging" in page.locator("main").inner_text()
    context.close()
