"""Signals of different organisations on the same young person match; each party is notified without identifying
detail and sees the other parties' contact details only."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from samenveilig.notifications.models import Notification
from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Jongere, Match, Signaal
from samenveilig.verwijsindex.tests.conftest import BIRTH, BSN, OTHER_BSN, register

pytestmark = pytest.mark.django_db


def match_notices(user):
    return Notification.objects.filter(recipient=user, kind=services.MATCH_KIND)


def test_signals_of_two_organisations_match_and_notify_both(connected, django_capture_on_commit_callbacks):
    p = connected
    with django_capture_on_commit_callbacks(execute=True):
        first = register(p.professional)
    assert not first.matched
    assert not match_notices(p.professional).exists()
    with django_capture_on_commit_callbacks(execute=True):
        second = register(p.outsider)
    assert second.matched
    assert Match.objects.count() == 1
    assert match_notices(p.professional).count() == 1
    assert match_notices(p.outsider).count() == 1
    # Neither the in-app notice nor the e-mail identifies the young person.
    for notice in Notification.objects.all():
        assert BSN not in notice.subject + notice.body
        assert "2012" not in notice.subject + notice.body
    for message in mail.outbox:
        assert BSN not in message.subject + message.body


def test_signals_of_the_same_organisation_do_not_match(connected):
    register(connected.professional)
    result = register(connected.colleague)
    assert not result.matched
    assert not Match.objects.exists()
    assert not Notification.objects.filter(kind=services.MATCH_KIND).exists()


def test_different_young_people_do_not_match(connected):
    register(connected.professional, BSN)
    assert not register(connected.outsider, OTHER_BSN).matched


def test_a_new_signal_on_a_match_notifies_every_party(connected, third):
    p = connected
    register(p.professional)
    register(p.outsider)
    register(third)
    assert Match.objects.count() == 1
    assert match_notices(p.professional).count() == 2
    assert match_notices(p.outsider).count() == 2
    assert match_notices(third).count() == 1


def test_a_colleague_joining_a_match_notifies_all_parties(connected):
    p = connected
    register(p.professional)
    register(p.outsider)
    register(p.colleague)
    assert match_notices(p.colleague).count() == 1
    assert match_notices(p.outsider).count() == 2


def test_registering_again_returns_the_existing_signal(connected):
    first = register(connected.professional)
    again = register(connected.professional)
    assert not again.created
    assert again.signal.pk == first.signal.pk
    assert Signaal.objects.count() == 1


def test_parties_see_only_organisation_name_phone_email_and_date(connected):
    p = connected
    mine = register(p.professional, label="Dossier 42").signal
    register(p.outsider, start_date=date(2023, 3, 1))
    [party] = Signaal.objects.match_parties([mine])[mine.pk]
    assert set(party) == {"organisation", "name", "phone", "email", "date"}
    assert party["organisation"] == "Testjongerenwerk"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"bsn": "999990018"}, "burgerservicenummer"),
        ({"birth_date": date(1990, 1, 1)}, "23"),
        ({"birth_date": date(2099, 1, 1)}, "23"),
    ],
)
def test_invalid_input_is_refused_and_nothing_stored(connected, changes, message):
    with pytest.raises(services.RegistrationRefused, match=message):
        register(connected.professional, **changes)
    assert not Signaal.objects.exists()
    assert not Jongere.objects.exists()


def test_an_organisation_without_the_right_cannot_register(connected):
    AangeslotenOrganisatie.objects.filter(organisation__name="Testjongerenwerk").update(meldingsbevoegd=False)
    with pytest.raises(PermissionDenied):
        register(connected.outsider)
    assert not Signaal.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "beheerder", "veiligthuis"])
def test_roles_without_the_right_cannot_register(connected, persona):
    with pytest.raises(PermissionDenied):
        register(getattr(connected, persona))
    assert not Signaal.objects.exists()


def test_veilig_thuis_registers_when_its_organisation_is_connected(connected):
    vt = connected.veiligthuis
    AangeslotenOrganisatie.objects.create(organisation=vt.memberships.get().organisation, meldingsbevoegd=True)
    assert register(vt).created


def test_remove_on_is_the_earlier_of_two_years_and_the_23rd_birthday(connected):
    with time_machine.travel(datetime(2024, 6, 1, 10, tzinfo=UTC), tick=False):
        young = register(connected.professional, birth_date=BIRTH).signal
        old = register(connected.professional, OTHER_BSN, birth_date=date(2002, 12, 1)).signal
    assert young.remove_on == date(2026, 6, 1)
    assert old.remove_on == date(2025, 12, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_concurrent_registrations_make_one_match_and_no_duplicates(connected, third):
    from django.db import connections

    p = connected
    users = [p.professional, p.outsider, third, p.colleague] * 2
    barrier = threading.Barrier(len(users))
    errors = []

    def worker(user):
        try:
            barrier.wait()
            register(user)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Jongere.objects.count() == 1
    assert Signaal.objects.count() == 4
    assert Match.objects.count() == 1
