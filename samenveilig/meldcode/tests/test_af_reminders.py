"""Reminders about idle dossiers: once per term to the owner and the organisation's aandachtsfunctionaris, without
any reference or name in the text."""

import datetime as dt

import pytest
import time_machine

from samenveilig.core.jobs import run_job
from samenveilig.meldcode.models import Dossier, IdleReminder
from samenveilig.meldcode.tests.factories import DossierFactory
from samenveilig.notifications.models import Notification

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def run(now):
    with time_machine.travel(now, tick=False):
        return run_job("meldcode.idle_reminders", now, force=True)


@pytest.fixture
def dossier(personas, settings):
    settings.SAMENVEILIG_MELDCODE_IDLE_DAYS = 14
    with time_machine.travel(START, tick=False):
        dossier = DossierFactory(owner=personas.professional, local_reference="LL-STIL")
    return dossier


def reminders(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_no_reminder_before_the_term(personas, dossier):
    run(START + dt.timedelta(days=13))
    assert not Notification.objects.filter(kind__startswith="meldcode.idle").exists()


def test_owner_and_af_are_reminded_once_per_term(personas, dossier):
    first = run(START + dt.timedelta(days=15))
    assert first.outcome == "succeeded", first.error
    assert reminders(personas.professional, "meldcode.idle_reminder").count() == 1
    assert reminders(personas.af, "meldcode.idle_reminder_af").count() == 1
    assert not reminders(personas.colleague, "meldcode.idle_reminder").exists()
    # The same day and a week later: nothing new.
    run(START + dt.timedelta(days=15, hours=2))
    run(START + dt.timedelta(days=22))
    assert reminders(personas.professional, "meldcode.idle_reminder").count() == 1
    # A term after the first reminder, still idle: once more.
    run(START + dt.timedelta(days=30))
    assert reminders(personas.professional, "meldcode.idle_reminder").count() == 2
    assert IdleReminder.objects.filter(dossier=dossier).count() == 2


def test_activity_starts_the_term_again(personas, dossier):
    run(START + dt.timedelta(days=15))
    Dossier.objects.filter(pk=dossier.pk).update(last_activity=START + dt.timedelta(days=20))
    run(START + dt.timedelta(days=31))  # a term after the reminder, but only 11 days idle
    assert reminders(personas.professional, "meldcode.idle_reminder").count() == 1
    run(START + dt.timedelta(days=35))
    assert reminders(personas.professional, "meldcode.idle_reminder").count() == 2


def test_reminders_name_no_reference_or_person(personas, dossier):
    run(START + dt.timedelta(days=15))
    for notification in Notification.objects.filter(kind__startswith="meldcode.idle"):
        text = f"{notification.subject} {notification.body}"
        assert "LL-STIL" not in text and "K-" not in text
        assert notification.url.startswith("/meldcode/")


def test_closed_dossiers_are_not_reminded(personas, settings):
    settings.SAMENVEILIG_MELDCODE_IDLE_DAYS = 14
    with time_machine.travel(START, tick=False):
        DossierFactory(owner=personas.professional, closed=True)
    run(START + dt.timedelta(days=40))
    assert not Notification.objects.filter(kind__startswith="meldcode.idle").exists()
