"""Before a signal's legal end its professional is reminded, once, that it goes and that a continuing concern needs a
new signal; the reminder names no date and nothing about the young person."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import override_settings

from samenveilig.core import jobs
from samenveilig.notifications.models import Notification
from samenveilig.verwijsindex import expiry, services
from samenveilig.verwijsindex.tests.conftest import BSN, register

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def reminders(user):
    return Notification.objects.filter(recipient=user, kind=services.REMINDER_KIND)


def test_the_professional_is_reminded_once_within_the_reminder_term(connected):
    with time_machine.travel(datetime(2024, 3, 1, 9, tzinfo=UTC), tick=False):
        signal = register(connected.professional).signal
    assert signal.remove_on == date(2026, 3, 1)
    assert expiry.remind(at(date(2026, 1, 29))) == "0 herinneringen"
    assert expiry.remind(at(date(2026, 1, 30))) == "1 herinneringen"
    assert expiry.remind(at(date(2026, 2, 10))) == "0 herinneringen"
    [notice] = reminders(connected.professional)
    assert BSN not in notice.subject + notice.body
    assert "2026" not in notice.subject + notice.body and "2012" not in notice.body
    assert "nieuw signaal" in notice.body
    signal.refresh_from_db()
    assert signal.reminded_on == date(2026, 1, 30)


def test_the_reminder_term_is_a_setting_and_the_job_is_registered(connected):
    with time_machine.travel(datetime(2024, 3, 1, 9, tzinfo=UTC), tick=False):
        register(connected.professional)
    with override_settings(SAMENVEILIG_VERWIJSINDEX_REMINDER_DAYS=7):
        assert expiry.remind(at(date(2026, 2, 20))) == "0 herinneringen"
        run = jobs.run_job("verwijsindex.term_reminders", at(date(2026, 2, 22)), force=True)
    assert run.outcome == "succeeded"
    assert reminders(connected.professional).count() == 1


def test_the_reminder_goes_with_the_signal(connected):
    with time_machine.travel(datetime(2024, 3, 1, 9, tzinfo=UTC), tick=False):
        register(connected.professional)
    expiry.remind(at(date(2026, 2, 1)))
    expiry.expire(at(date(2026, 3, 1)))
    assert not reminders(connected.professional).exists()
