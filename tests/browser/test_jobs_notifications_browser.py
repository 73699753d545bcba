"""The pages of periodic jobs, notifications and stale map entries in real Chromium: zero axe violations.

axe is injected with ``page.evaluate``, which the strict CSP would block, so these pages open in a context that
bypasses the CSP.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from tests.browser.conftest import assert_accessible, log_in, skip_without_browser, with_totp

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


def test_stale_list_and_notifications_are_accessible(axe_context, personas):
    from samenveilig.accounts.models import Organisation
    from samenveilig.core import jobs
    from samenveilig.sociale_kaart.tests.factories import OrganisationEntryFactory, ServiceFactory

    school = Organisation.objects.get(name="Testschool De Linde")
    OrganisationEntryFactory(organisation=school, last_verified=None, owner=personas.af)
    ServiceFactory(organisation=school, name="Oudercursus", last_verified=None)
    jobs.run_job("sociale_kaart.stale_reminders", force=True)

    page = axe_context.new_page()
    log_in(page, with_totp(personas.af))
    link = page.get_by_role("link", name="Berichten (1 ongelezen)")
    assert link.count() == 1
    page.goto("/berichten/")
    assert page.get_by_text("Gegevens in de sociale kaart controleren").count() == 1
    assert_accessible(page, "the notification list")
    page.goto("/sociale-kaart/verouderd/")
    assert page.get_by_role("rowheader", name="Oudercursus").count() == 1
    assert_accessible(page, "the stale list of an aandachtsfunctionaris")


def test_coordinator_stale_list_is_accessible(axe_context, personas):
    page = axe_context.new_page()
    log_in(page, with_totp(personas.coordinator))
    page.goto("/sociale-kaart/verouderd/")
    assert page.get_by_label("Gemeente").count() == 1
    assert_accessible(page, "the stale list of a coordinator")


def test_jobs_page_is_accessible(axe_context, personas):
    from django.utils import timezone

    from samenveilig.core.models import JobRun

    JobRun.objects.create(
        job="sociale_kaart.stale_reminders",
        started=timezone.now() - timedelta(minutes=1),
        finished=timezone.now(),
        outcome=JobRun.Outcome.FAILED,
        error="ValueError",
    )
    page = axe_context.new_page()
    log_in(page, with_totp(personas.beheerder))
    page.goto("/beheer/taken/")
    assert page.get_by_text("sociale_kaart.stale_reminders").count() >= 1
    assert_accessible(page, "the jobs page")
