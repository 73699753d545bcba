"""A region switches the Verwijsindex off: its stored data is kept or purged as the setting says, and every other
app keeps working."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from samenveilig.audit.models import AuditEntry
from samenveilig.core import jobs
from samenveilig.notifications.models import Notification
from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.models import (
    AangeslotenOrganisatie,
    FigureEvent,
    Jongere,
    Match,
    Regiestap,
    Signaal,
    Signaalhistorie,
)
from samenveilig.verwijsindex.tests.conftest import BSN, OTHER_BSN, acting, register

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 2, 12, tzinfo=UTC)


@pytest.fixture
def stored(connected):
    register(connected.professional)
    register(connected.outsider)
    ended = register(connected.professional, bsn=OTHER_BSN).signal
    services.end_signal(acting(connected.professional), ended, "risico_weg")
    assert Match.objects.count() == 1 and Signaalhistorie.objects.count() == 1
    return connected


def test_switched_off_with_keep_the_job_keeps_the_stored_signals(stored):
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False, SAMENVEILIG_VERWIJSINDEX_WHEN_OFF="keep"):
        run = jobs.run_job("verwijsindex.expire_signals", NOW, force=True)
    assert run.outcome == "succeeded"
    assert Signaal.objects.count() == 2 and Match.objects.count() == 1 and Signaalhistorie.objects.count() == 1


def test_keep_is_the_default(settings):
    assert settings.SAMENVEILIG_VERWIJSINDEX_WHEN_OFF == "keep"


def test_switched_off_with_purge_the_job_deletes_everything_with_a_record_without_personal_data(stored):
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False, SAMENVEILIG_VERWIJSINDEX_WHEN_OFF="purge"):
        run = jobs.run_job("verwijsindex.expire_signals", NOW, force=True)
    assert run.outcome == "succeeded"
    for model in (Signaal, Match, Regiestap, Signaalhistorie, Jongere):
        assert not model.objects.exists(), model
    assert not Notification.objects.filter(kind__startswith="verwijsindex.").exists()
    # The connections and the counts behind the figures (no person) stay.
    assert AangeslotenOrganisatie.objects.count() == 2
    assert FigureEvent.objects.exists()
    record = AuditEntry.objects.get(action="verwijsindex.purged")
    assert "2 signalen" in record.purpose and "1 matches" in record.purpose and "2 jongeren" in record.purpose
    for entry in AuditEntry.objects.all():
        assert BSN not in entry.purpose and BSN not in entry.object_id
    assert run.summary.startswith("uitgeschakeld, gewist: 2 signalen") and BSN not in run.summary


def test_purge_does_nothing_while_switched_on(stored):
    with override_settings(SAMENVEILIG_VERWIJSINDEX_WHEN_OFF="purge"):
        jobs.run_job("verwijsindex.expire_signals", NOW, force=True)
    assert Signaal.objects.count() == 2


def test_a_typo_in_the_setting_fails_loudly():
    from django.core.exceptions import ImproperlyConfigured

    from samenveilig.lib.env import env_choice

    with pytest.raises(ImproperlyConfigured):
        env_choice(
            "SAMENVEILIG_VERWIJSINDEX_WHEN_OFF", ("keep", "purge"), "keep", {"SAMENVEILIG_VERWIJSINDEX_WHEN_OFF": "wis"}
        )


# --- every other app keeps working ---------------------------------------------------------------------------------

SKIP_PREFIXES = ("verwijsindex/", "accounts/", "django-admin/", "api/", "i18n/", "healthz")


def _plain_pages(patterns=None, prefix=""):
    """Every URL without parameters outside the Verwijsindex, the login flow, the admin and the API."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _plain_pages(pattern.url_patterns, route)
        elif (
            isinstance(pattern, URLPattern)
            and not route.startswith(("^", *SKIP_PREFIXES))
            and not any(char in route for char in "<(\\")
        ):
            yield "/" + route


def test_with_the_verwijsindex_off_every_other_page_still_opens(client, login, stored):
    pages = sorted(set(_plain_pages()))
    assert "/" in pages and any(p.startswith("/meldcode/") for p in pages)
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False):
        for persona in (stored.professional, stored.af, stored.coordinator, stored.veiligthuis, stored.beheerder):
            login(client, persona)
            for page in pages:
                response = client.get(page)
                assert response.status_code < 500, (persona.username, page)
            home = client.get("/").content.decode()
            assert 'href="/verwijsindex/' not in home, persona.username
