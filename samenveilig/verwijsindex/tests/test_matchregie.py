"""Matchregie: the priority of organisation types picks the coordinator (ties: earliest signal), hand-over, outcomes
with a date and their history, recomputing when a party's signal ends; the pages and who is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from samenveilig.accounts.models import Sector
from samenveilig.audit.models import AuditEntry
from samenveilig.notifications.models import Notification
from samenveilig.verwijsindex import regie, services
from samenveilig.verwijsindex.models import FigureEvent, Match, Regieprioriteit, Regiestap, Signaal
from samenveilig.verwijsindex.tests.conftest import acting, register, set_priority

pytestmark = pytest.mark.django_db


def coordinator() -> Signaal:
    return Match.objects.select_related("coordinator").get().coordinator


def regie_notices(user):
    return Notification.objects.filter(recipient=user, kind=regie.REGIE_KIND)


def test_priority_of_organisation_types_decides_the_coordinator(connected, third):
    set_priority(Sector.GI, Sector.VEILIG_THUIS, Sector.LOKAAL_TEAM, Sector.ONDERWIJS)
    register(connected.professional)  # school (onderwijs), first
    register(connected.outsider)  # youth work (welzijn): not ranked
    assert coordinator().professional == connected.professional
    register(third)  # local team ranks before the school
    assert coordinator().professional == third
    assert regie_notices(third).count() == 1
    assert list(Regiestap.objects.values_list("kind", flat=True)) == ["toegewezen", "toegewezen"]


def test_without_a_rank_the_earliest_signal_gets_the_regie(connected):
    with time_machine.travel(datetime(2025, 1, 6, 9, tzinfo=UTC), tick=False):
        register(connected.outsider)
    with time_machine.travel(datetime(2025, 1, 7, 9, tzinfo=UTC), tick=False):
        register(connected.professional)
    assert coordinator().professional == connected.outsider
    assert regie_notices(connected.outsider).count() == 1
    assert not regie_notices(connected.professional).exists()


def test_a_tie_in_rank_goes_to_the_earliest_signal(connected):
    set_priority(Sector.WELZIJN, Sector.ONDERWIJS)
    register(connected.professional)
    register(connected.outsider)
    assert coordinator().professional == connected.outsider  # welzijn ranks first, although the school was earlier
    signals = list(Signaal.objects.select_related("organisation"))
    same_rank = {Sector.WELZIJN: 1, Sector.ONDERWIJS: 1}
    assert regie.choose(signals, same_rank).professional == connected.professional  # a tie: the earliest signal


def test_the_coordinator_hands_over_and_every_party_is_told(connected, third):
    set_priority(Sector.ONDERWIJS)
    register(connected.professional)
    theirs = register(connected.outsider).signal
    register(third)
    match = Match.objects.get()
    regie.hand_over(acting(connected.professional), match, theirs.pk)
    assert coordinator() == theirs
    match.refresh_from_db()
    assert match.coordinator_by == Match.ChosenBy.HANDOVER
    assert regie_notices(connected.outsider).filter(subject__contains="aan u overgedragen").exists()
    assert regie_notices(third).filter(subject__contains="is overgedragen").exists()
    assert Regiestap.objects.filter(kind=Regiestap.Kind.HANDED_OVER, organisation=theirs.organisation).exists()
    assert AuditEntry.objects.filter(action="verwijsindex.matchregie.handed_over").exists()
    # A handed-over coordinator keeps the regie when the parties change.
    register(connected.colleague)
    assert coordinator() == theirs


def test_only_the_coordinator_hands_over_or_records(connected):
    set_priority(Sector.ONDERWIJS)
    mine = register(connected.professional).signal
    register(connected.outsider)
    match = Match.objects.get()
    with pytest.raises(PermissionDenied):
        regie.hand_over(acting(connected.outsider), match, mine.pk)
    with pytest.raises(PermissionDenied):
        regie.record_outcome(acting(connected.outsider), match, "afgestemd", timezone.localdate())
    assert coordinator() == mine
    assert AuditEntry.objects.filter(action="verwijsindex.matchregie.handed_over", outcome="refused").exists()


def test_hand_over_to_oneself_or_a_stranger_is_refused(connected):
    set_priority(Sector.ONDERWIJS)
    mine = register(connected.professional).signal
    register(connected.outsider)
    other = register(connected.outsider, "999990032").signal
    match = Match.objects.get()
    with pytest.raises(regie.RegieRefused):
        regie.hand_over(acting(connected.professional), match, mine.pk)
    with pytest.raises(regie.RegieRefused):
        regie.hand_over(acting(connected.professional), match, other.pk)


def test_outcomes_are_kept_as_history_with_their_date_and_counted(connected):
    set_priority(Sector.ONDERWIJS)
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=UTC), tick=False):
        register(connected.professional)
        register(connected.outsider)
    match = Match.objects.get()
    with time_machine.travel(datetime(2025, 3, 20, 9, tzinfo=UTC), tick=False):
        request = acting(connected.professional)
        regie.record_outcome(request, match, "gepland", date(2025, 3, 10))
        regie.record_outcome(request, match, "afgestemd", date(2025, 3, 17))
        regie.record_outcome(request, match, "afgestemd", date(2025, 3, 19))
        with pytest.raises(regie.RegieRefused):
            regie.record_outcome(request, match, "afgestemd", date(2025, 3, 21))
        with pytest.raises(regie.RegieRefused):
            regie.record_outcome(request, match, "afgestemd", date(2025, 3, 2))
    outcomes = list(match.regiestappen.filter(kind="uitkomst").order_by("day").values_list("outcome", "day"))
    assert outcomes == [
        ("gepland", date(2025, 3, 10)),
        ("afgestemd", date(2025, 3, 17)),
        ("afgestemd", date(2025, 3, 19)),
    ]
    days = list(FigureEvent.objects.filter(kind="uitkomst").exclude(days=None).values_list("days", flat=True))
    assert days == [14]  # only the first "afgestemd" counts the time since the match


def test_the_coordinator_is_chosen_again_when_their_signal_ends(connected, third):
    set_priority(Sector.ONDERWIJS, Sector.LOKAAL_TEAM)
    mine = register(connected.professional).signal
    register(connected.outsider)
    register(third)
    assert coordinator() == mine
    services.end_signal(acting(connected.professional), mine, "risico_weg")
    assert coordinator().professional == third
    assert regie_notices(third).count() == 1
    assert not regie_notices(connected.professional).exists()  # removed with the signal


def test_the_regie_goes_with_the_match(connected):
    mine = register(connected.professional).signal
    register(connected.outsider)
    services.end_signal(acting(connected.professional), mine, "niet_terecht")
    assert not Match.objects.exists()
    assert not Regiestap.objects.exists()
    assert not Notification.objects.filter(kind=regie.REGIE_KIND).exists()
    assert FigureEvent.objects.filter(kind="match").count() == 2  # the counts remain


# --- pages -----------------------------------------------------------------------------------------------------------


def test_coordinator_records_an_outcome_and_hands_over_on_the_page(client, login, connected):
    set_priority(Sector.ONDERWIJS)
    mine = register(connected.professional).signal
    theirs = register(connected.outsider).signal
    login(client, connected.professional)
    url = reverse("verwijsindex:matchregie", args=[mine.pk])
    html = client.get(url).content.decode()
    assert "U hebt de matchregie." in html and "Testjongerenwerk" in html
    response = client.post(
        reverse("verwijsindex:matchregie_outcome", args=[mine.pk]),
        {"outcome": "gepland", "day": (timezone.localdate() + timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 400
    assert "in de toekomst" in response.content.decode()
    response = client.post(
        reverse("verwijsindex:matchregie_outcome", args=[mine.pk]),
        {"outcome": "gepland", "day": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "Afstemming gepland" in response.content.decode()
    response = client.post(reverse("verwijsindex:matchregie_hand_over", args=[mine.pk]), {"to": theirs.pk}, follow=True)
    assert "De matchregie is overgedragen aan Testjongerenwerk." in response.content.decode()
    login(client, connected.outsider)
    assert "U hebt de matchregie." in client.get(reverse("verwijsindex:matchregie", args=[theirs.pk])).content.decode()


def test_a_party_without_the_regie_sees_who_has_it_but_cannot_act(client, login, connected):
    set_priority(Sector.ONDERWIJS)
    mine = register(connected.professional).signal
    theirs = register(connected.outsider).signal
    login(client, connected.outsider)
    html = client.get(reverse("verwijsindex:matchregie", args=[theirs.pk])).content.decode()
    assert "heeft de matchregie" in html and "Uitkomst vastleggen" not in html
    response = client.post(
        reverse("verwijsindex:matchregie_outcome", args=[theirs.pk]),
        {"outcome": "afgestemd", "day": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    response = client.post(reverse("verwijsindex:matchregie_hand_over", args=[theirs.pk]), {"to": mine.pk})
    assert response.status_code == 403
    assert coordinator() == mine


@pytest.mark.parametrize("persona", ["colleague", "af", "outsider", "coordinator", "veiligthuis", "beheerder"])
def test_the_matchregie_page_of_a_signal_refuses_everyone_but_its_professional(client, login, connected, persona):
    mine = register(connected.professional).signal
    register(connected.outsider)
    login(client, getattr(connected, persona))
    assert client.get(reverse("verwijsindex:matchregie", args=[mine.pk])).status_code == 404
    for name, data in [
        ("matchregie_outcome", {"outcome": "afgestemd", "day": "2025-01-01"}),
        ("matchregie_hand_over", {"to": 1}),
    ]:
        assert client.post(reverse(f"verwijsindex:{name}", args=[mine.pk]), data).status_code == 404
    assert not Regiestap.objects.filter(kind__in=["uitkomst", "overgedragen"]).exists()


def test_beheerder_sets_the_order_and_errors_are_shown_at_the_field(client, login, connected):
    login(client, connected.beheerder)
    url = reverse("verwijsindex:beheer_matchregie")
    assert client.get(url).status_code == 200
    response = client.post(url, {"gi": "1", "veilig_thuis": "1", "onderwijs": "3"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "al gegeven aan een andere soort organisatie" in html
    assert 'value="3"' in html  # input kept
    assert not Regieprioriteit.objects.exists()
    response = client.post(url, {"gi": "1", "veilig_thuis": "2", "lokaal_team": "3", "onderwijs": "7"})
    assert response.status_code == 302
    assert list(Regieprioriteit.objects.values_list("sector", "rank")) == [
        ("gi", 1),
        ("veilig_thuis", 2),
        ("lokaal_team", 3),
        ("onderwijs", 4),
    ]
    assert AuditEntry.objects.filter(action="verwijsindex.regieprioriteit.updated", outcome="allowed").exists()


@pytest.mark.parametrize("persona", ["professional", "af", "coordinator", "veiligthuis"])
def test_only_the_beheerder_sets_the_order(client, login, connected, persona):
    login(client, getattr(connected, persona))
    url = reverse("verwijsindex:beheer_matchregie")
    assert client.get(url).status_code == 403
    assert client.post(url, {"gi": "1"}).status_code == 403
    assert not Regieprioriteit.objects.exists()
