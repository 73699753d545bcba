"""The end of signals by law (Jeugdwet art. 7.1.4.5), enforced by the periodic job, with the clock moved."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.core import jobs
from samenveilig.notifications.models import Notification
from samenveilig.verwijsindex import expiry, services
from samenveilig.verwijsindex.models import Jongere, Match, Signaal, Signaalhistorie
from samenveilig.verwijsindex.tests.conftest import BSN, acting, register

pytestmark = pytest.mark.django_db

MADE = datetime(2024, 3, 1, 9, tzinfo=UTC)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def matched(connected):
    with time_machine.travel(MADE, tick=False):
        mine = register(connected.professional).signal
        theirs = register(connected.outsider).signal
    return mine, theirs


def test_signals_go_two_years_after_they_were_made_with_their_match_notifications(matched):
    mine, _theirs = matched
    assert Notification.objects.filter(kind=services.MATCH_KIND).count() == 2
    expiry.expire(at(date(2026, 2, 28)))
    assert Signaal.objects.count() == 2
    summary = expiry.expire(at(date(2026, 3, 1)))
    assert "2 signalen verwijderd (termijn 2" in summary
    assert not Signaal.objects.exists()
    assert not Match.objects.exists()
    assert not Notification.objects.filter(kind=services.MATCH_KIND).exists()
    assert set(Signaalhistorie.objects.values_list("reason", flat=True)) == {"termijn"}
    removed = AuditEntry.objects.get(action="verwijsindex.signaal.removed", object_id=str(mine.pk))
    assert removed.actor_id is None and "termijn" in removed.purpose


def test_signals_go_on_the_23rd_birthday(connected):
    with time_machine.travel(MADE, tick=False):
        register(connected.professional, birth_date=date(2002, 9, 30))
    expiry.expire(at(date(2025, 9, 29)))
    assert Signaal.objects.exists()
    assert "leeftijd 1" in expiry.expire(at(date(2025, 9, 30)))
    assert not Signaal.objects.exists()


def test_signals_go_after_a_recorded_death_and_no_new_signal_can_be_made(matched, connected):
    services.record_death(acting(connected.beheerder), BSN)
    assert not Signaal.objects.exists()
    assert set(Signaalhistorie.objects.values_list("reason", flat=True)) == {"overleden"}
    with pytest.raises(services.RegistrationRefused):
        register(connected.colleague)


def test_the_trace_of_a_removed_signal_goes_after_the_history_term(matched):
    expiry.expire(at(date(2026, 3, 1)))
    assert Signaalhistorie.objects.count() == 2
    expiry.expire(at(date(2031, 2, 28)))
    assert Signaalhistorie.objects.count() == 2
    summary = expiry.expire(at(date(2031, 3, 1)))
    assert "2 historieregels" in summary and "1 jongeren" in summary
    assert not Signaalhistorie.objects.exists()
    assert not Jongere.objects.exists()
    assert AuditEntry.objects.filter(action="verwijsindex.signaalhistorie.removed").count() == 2


def test_history_term_is_a_setting(connected):
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS=1):
        signal = register(connected.professional).signal
        services.end_signal(acting(connected.professional), signal, "risico_weg")
        trace = Signaalhistorie.objects.get()
    assert trace.keep_until == trace.removed_on.replace(year=trace.removed_on.year + 1)


def test_the_periodic_job_is_registered_and_runs_when_switched_off(matched):
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False):
        run = jobs.run_job("verwijsindex.expire_signals", at(date(2026, 3, 2)), force=True)
    assert run.outcome == "succeeded"
    assert not Signaal.objects.exists()


def test_the_summary_holds_no_personal_data(matched):
    summary = expiry.expire(at(date(2026, 3, 1)))
    assert BSN not in summary


def test_the_signal_page_shows_its_latest_removal_day(client, login, matched, connected):
    mine, _ = matched
    login(client, connected.professional)
    html = client.get(reverse("verwijsindex:signal", args=[mine.pk])).content.decode()
    assert "1 maart 2026" in html
