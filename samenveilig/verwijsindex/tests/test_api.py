"""The API (``/api/v1/verwijsindex/``): the same rules and services as the pages, with a personal token; the BSN is
never in a response, an audit entry or a log line."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from samenveilig.accounts.models import ApiToken, Sector
from samenveilig.audit.models import AuditEntry
from samenveilig.verwijsindex.models import FigureEvent, Jongere, Match, Regiestap, Signaal
from samenveilig.verwijsindex.tests.conftest import BSN, UTRECHT, set_priority

pytestmark = pytest.mark.django_db

BASE = "/api/v1/verwijsindex/"
BODY = {
    "bsn": BSN,
    "geboortedatum": "2012-05-17",
    "contactpersoon": {"naam": "Femke Voorbeeld", "telefoon": "030-1234567", "email": "femke@example.invalid"},
    "informeren": "geinformeerd",
}


def api(user) -> APIClient:
    membership = user.memberships.get()
    _token, key = ApiToken.generate(user=user, membership=membership, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_two_professionals_register_the_same_person_and_see_each_other(connected, third, caplog):
    caplog.set_level(logging.DEBUG)
    mine, theirs = api(connected.professional), api(connected.outsider)
    first = mine.post(f"{BASE}signalen/", BODY, format="json")
    assert first.status_code == 201, first.content
    assert set(first.json()) >= {"id", "organisatie", "contactpersoon", "uiterlijk_verwijderd_op"}
    body = {k: v for k, v in BODY.items() if k != "contactpersoon"}
    connected.outsider.phone = "030-9999999"
    connected.outsider.save()
    second = theirs.post(f"{BASE}signalen/", body, format="json")
    assert second.status_code == 201, second.content
    assert second.json()["contactpersoon"]["telefoon"] == "030-9999999"  # defaults to the professional's own
    [match] = mine.get(f"{BASE}matches/").json()
    assert [p["organisatie"] for p in match["partijen"]] == ["Testjongerenwerk"]
    assert set(match["partijen"][0]) == {"id", "organisatie", "naam", "telefoon", "email", "datum"}
    [their_match] = theirs.get(f"{BASE}matches/").json()
    assert their_match["partijen"][0]["telefoon"] == "030-1234567"
    # A third organisation's professional sees nothing of it.
    outsider = api(third)
    assert outsider.get(f"{BASE}matches/").json() == []
    assert outsider.get(f"{BASE}signalen/").json() == []
    assert outsider.get(f"{BASE}matches/{match['id']}/").status_code == 404
    assert outsider.get(f"{BASE}signalen/{first.json()['id']}/").status_code == 404
    # The BSN is in no response, audit entry or log line.
    for response in (first, second):
        assert BSN not in response.content.decode()
    assert BSN not in json.dumps(match)
    for entry in AuditEntry.objects.all():
        assert BSN not in " ".join(str(getattr(entry, f)) for f in AuditEntry.FIELDS)
    assert BSN not in caplog.text


def test_registering_again_returns_the_existing_signal_with_200(connected):
    client = api(connected.professional)
    first = client.post(f"{BASE}signalen/", BODY, format="json")
    again = client.post(f"{BASE}signalen/", BODY, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Signaal.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"bsn": "999990018"}, "bsn"),
        ({"geboortedatum": "1990-01-01"}, "geboortedatum"),
        ({"informeren": ""}, "informeren"),
    ],
)
def test_invalid_input_is_refused_at_the_field_and_nothing_stored(connected, changes, field):
    response = api(connected.professional).post(f"{BASE}signalen/", {**BODY, **changes}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Signaal.objects.exists() and not Jongere.objects.exists()
    assert "999990018" not in response.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "beheerder", "veiligthuis"])
def test_roles_without_the_right_cannot_register_or_list(connected, persona):
    client = api(getattr(connected, persona))
    assert client.post(f"{BASE}signalen/", BODY, format="json").status_code == 403
    assert not Signaal.objects.exists()
    if persona != "veiligthuis":
        assert client.get(f"{BASE}signalen/").status_code == 403
        assert client.get(f"{BASE}matches/").status_code == 403


def test_an_unconnected_organisation_cannot_register(connected):
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie

    AangeslotenOrganisatie.objects.filter(organisation__name="Testjongerenwerk").update(meldingsbevoegd=False)
    assert api(connected.outsider).post(f"{BASE}signalen/", BODY, format="json").status_code == 403
    assert not Signaal.objects.exists()


def test_the_professional_ends_a_signal_and_the_match_ends(connected):
    mine = api(connected.professional)
    signal_id = mine.post(f"{BASE}signalen/", BODY, format="json").json()["id"]
    api(connected.outsider).post(f"{BASE}signalen/", BODY, format="json")
    assert mine.get(f"{BASE}signalen/{signal_id}/").status_code == 200
    assert mine.delete(f"{BASE}signalen/{signal_id}/?reden=bestaat_niet").status_code == 400
    assert api(connected.colleague).delete(f"{BASE}signalen/{signal_id}/").status_code == 404
    assert mine.delete(f"{BASE}signalen/{signal_id}/?reden=niet_terecht").status_code == 204
    assert not Signaal.objects.filter(pk=signal_id).exists()
    assert not Match.objects.exists()


def test_matchregie_through_the_api(connected):
    set_priority(Sector.ONDERWIJS)
    mine, theirs = api(connected.professional), api(connected.outsider)
    mine.post(f"{BASE}signalen/", BODY, format="json")
    theirs.post(f"{BASE}signalen/", BODY, format="json")
    [match] = mine.get(f"{BASE}matches/").json()
    assert match["regie"]["ik"] is True
    url = f"{BASE}matches/{match['id']}/"
    today = timezone.localdate().isoformat()
    refused = theirs.post(f"{url}uitkomsten/", {"uitkomst": "afgestemd", "datum": today}, format="json")
    assert refused.status_code == 403
    recorded = mine.post(f"{url}uitkomsten/", {"uitkomst": "afgestemd", "datum": today}, format="json")
    assert recorded.status_code == 201
    assert recorded.json()["verloop"][0]["uitkomst"] == "afgestemd"
    party = match["partijen"][0]["id"]
    assert mine.post(f"{url}overdragen/", {"partij": 999999}, format="json").status_code == 400
    handed = mine.post(f"{url}overdragen/", {"partij": party}, format="json")
    assert handed.status_code == 200
    assert handed.json()["regie"]["ik"] is False
    assert theirs.get(url).json()["regie"]["ik"] is True
    assert Regiestap.objects.filter(kind="overgedragen").count() == 1


def test_coordinators_read_the_figures_and_others_are_refused(municipal):
    FigureEvent.objects.bulk_create(
        FigureEvent(kind="signaal", day=timezone.localdate(), organisation=org, sector=org.sector)
        for org in [municipal.professional.memberships.get().organisation] * 6
        + [municipal.outsider.memberships.get().organisation] * 2
    )
    response = api(municipal.coordinator).get(f"{BASE}figures/", {"gemeente": UTRECHT, "periode": "jaar"})
    assert response.status_code == 200
    rows = response.json()
    assert rows[0]["soort_organisatie"] == "" and rows[0]["signalen"] == 8
    assert {r["soort_organisatie"]: r["signalen"] for r in rows[1:]} == {"onderwijs": None, "welzijn": None}
    assert api(municipal.coordinator).get(f"{BASE}figures/", {"gemeente": "GM0356"}).status_code == 400
    for persona in ("professional", "beheerder", "veiligthuis"):
        assert api(getattr(municipal, persona)).get(f"{BASE}figures/").status_code == 403


def test_switched_off_every_route_answers_404(connected):
    client = api(connected.professional)
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False):
        for path in ("signalen/", "signalen/1/", "matches/", "matches/1/", "figures/"):
            assert client.get(BASE + path).status_code == 404, path
        assert client.post(f"{BASE}signalen/", BODY, format="json").status_code == 404
    assert not Signaal.objects.exists()


def test_listing_matches_takes_a_fixed_number_of_queries(connected, third, django_assert_max_num_queries):
    mine, theirs, others = api(connected.professional), api(connected.outsider), api(third)
    for bsn in ("999990019", "999990032", "999990044", "999990056"):
        mine.post(f"{BASE}signalen/", {**BODY, "bsn": bsn}, format="json")
        theirs.post(f"{BASE}signalen/", {**BODY, "bsn": bsn}, format="json")
        others.post(f"{BASE}signalen/", {**BODY, "bsn": bsn}, format="json")
    with django_assert_max_num_queries(20):
        response = mine.get(f"{BASE}matches/")
    assert len(response.json()) == 4
    assert all(len(match["partijen"]) == 2 for match in response.json())
