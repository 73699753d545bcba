"""``/api/v1/audit/entries/``: read-only, filtered like the review page, for the beheerder only."""

import datetime

import pytest

from samenveilig import audit
from samenveilig.accounts.models import ApiToken
from samenveilig.audit.api import AuditEntrySerializer
from samenveilig.audit.models import AuditEntry
from samenveilig.audit.tests.helpers import log_at

URL = "/api/v1/audit/entries/"


@pytest.fixture
def beheerder_client(client, personas, login):
    return login(client, personas.beheerder)


@pytest.fixture
def history(personas):
    log_at(
        datetime.datetime(2026, 3, 1, 9),
        personas.professional,
        "meldcode.dossier.viewed",
        object_type="meldcode.dossier",
        object_id="11",
    )
    log_at(datetime.datetime(2026, 3, 2, 9), personas.coordinator, "monitor.dashboard.viewed", outcome=audit.REFUSED)
    return log_at(
        datetime.datetime(2026, 3, 3, 9),
        personas.professional,
        "verwijsindex.signaal.viewed",
        object_type="verwijsindex.signaal",
        object_id="12",
    )


def _results(response):
    assert response.status_code == 200, response.content
    return [(r["actor_username"], r["action"]) for r in response.json()["results"]]


def test_beheerder_lists_entries_newest_first(beheerder_client, history):
    results = _results(beheerder_client.get(URL))
    assert results == [
        ("t_professional", "verwijsindex.signaal.viewed"),
        ("t_coordinator", "monitor.dashboard.viewed"),
        ("t_professional", "meldcode.dossier.viewed"),
    ]


def test_the_serializer_has_explicit_fields_only(beheerder_client, history):
    row = beheerder_client.get(URL).json()["results"][0]
    assert set(row) == set(AuditEntrySerializer.Meta.fields)
    assert row["object_type"] == "verwijsindex.signaal" and row["object_id"] == "12"


def test_filters_match_the_review_page(beheerder_client, history):
    assert _results(beheerder_client.get(URL, {"actor": "t_coordinator"})) == [
        ("t_coordinator", "monitor.dashboard.viewed")
    ]
    assert len(_results(beheerder_client.get(URL, {"object_type": "meldcode.dossier", "object_id": "11"}))) == 1
    assert len(_results(beheerder_client.get(URL, {"action": "viewed", "outcome": "refused"}))) == 1
    period = _results(beheerder_client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-03"}))
    assert [action for _, action in period] == ["verwijsindex.signaal.viewed", "monitor.dashboard.viewed"]


def test_a_backwards_period_is_a_400_at_the_field(beheerder_client, history):
    response = beheerder_client.get(URL, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    assert response.status_code == 400
    assert "date_to" in response.json()


def test_each_api_search_is_audited(beheerder_client, personas, history):
    beheerder_client.get(URL, {"actor": "t_coordinator"})
    entry = AuditEntry.objects.get(action="audit.log.searched", actor_id=personas.beheerder.pk)
    assert entry.purpose == "log review via api; filters: actor"


def test_cursor_pagination_walks_the_whole_log(beheerder_client, personas):
    for n in range(55):
        audit.log(personas.professional, "test.object.viewed", object_id=str(n))
    first = beheerder_client.get(URL, {"action": "test.object"}).json()
    assert len(first["results"]) == 50 and first["next"]
    second = beheerder_client.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    ids = {r["object_id"] for r in first["results"] + second["results"]}
    assert ids == {str(n) for n in range(55)}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nobody_can_write_through_the_api(beheerder_client, personas, history, method):
    before = list(AuditEntry.objects.values_list("pk", "action", "outcome"))
    response = getattr(beheerder_client, method)(URL, {"action": "forged"}, content_type="application/json")
    assert response.status_code == 405
    detail_response = getattr(beheerder_client, method)(f"{URL}{history.pk}/", {}, content_type="application/json")
    assert detail_response.status_code == 404  # there is no entry URL to change or delete
    assert (
        list(AuditEntry.objects.exclude(action__startswith="audit.log.").values_list("pk", "action", "outcome"))
        == before
    )
    attempt = AuditEntry.objects.get(action="audit.log.changed", actor_id=personas.beheerder.pk)
    assert attempt.outcome == audit.REFUSED


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_personas_get_403_on_writes_and_it_is_logged(client, personas, login, method):
    login(client, personas.professional)
    response = getattr(client, method)(URL, {}, content_type="application/json")
    assert response.status_code == 403
    assert AuditEntry.objects.get(action="audit.log.changed").outcome == audit.REFUSED


def test_a_personal_token_of_the_beheerder_works(client, personas, history):
    membership = personas.beheerder.memberships.get()
    _token, key = ApiToken.generate(user=personas.beheerder, membership=membership, name="Review tool")
    response = client.get(URL, HTTP_AUTHORIZATION=f"Token {key}")
    assert len(_results(response)) == 3
    entry = AuditEntry.objects.get(action="audit.log.searched")
    assert entry.organisation_id == membership.organisation_id


def test_a_personal_token_of_a_professional_is_refused(client, personas):
    membership = personas.professional.memberships.get()
    _token, key = ApiToken.generate(user=personas.professional, membership=membership, name="Koppeling")
    response = client.get(URL, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 403
    refusal = AuditEntry.objects.get(action="audit.log.searched")
    assert (refusal.actor_id, refusal.outcome) == (personas.professional.pk, audit.REFUSED)
