"""The functioneel beheerder searches the access log; every search is itself audited."""

import datetime

import pytest

from samenveilig import audit
from samenveilig.audit.models import AuditEntry
from samenveilig.audit.tests.helpers import log_at
from samenveilig.audit.views import PAGE_SIZE

URL = "/beheer/toegangslog/"


@pytest.fixture
def beheerder_client(client, personas, login):
    return login(client, personas.beheerder)


def _shown(response):
    return {(e.actor_username, e.action, e.object_id) for e in response.context["page"].entries}


@pytest.fixture
def history(personas):
    """A small history: who did what, on three days in March 2026."""
    p, c = personas.professional, personas.coordinator
    log_at(
        datetime.datetime(2026, 3, 1, 9), p, "meldcode.dossier.viewed", object_type="meldcode.dossier", object_id="11"
    )
    log_at(
        datetime.datetime(2026, 3, 2, 23, 30),
        p,
        "verwijsindex.signaal.viewed",
        object_type="verwijsindex.signaal",
        object_id="12",
    )
    log_at(
        datetime.datetime(2026, 3, 3, 0, 15),
        c,
        "meldcode.dossier.viewed",
        object_type="meldcode.dossier",
        object_id="11",
        outcome=audit.REFUSED,
    )
    log_at(datetime.datetime(2026, 3, 5, 14), c, "monitor.dashboard.viewed")


def test_beheerder_sees_the_latest_entries(beheerder_client, history):
    response = beheerder_client.get(URL)
    assert response.status_code == 200
    assert len(response.context["page"].entries) == 4
    html = response.content.decode()
    assert "utrecht-table" in html
    assert "meldcode.dossier.viewed" in html


def test_search_by_actor(beheerder_client, history):
    response = beheerder_client.get(URL, {"actor": "t_professional"})
    assert _shown(response) == {
        ("t_professional", "meldcode.dossier.viewed", "11"),
        ("t_professional", "verwijsindex.signaal.viewed", "12"),
    }


def test_search_by_object(beheerder_client, history):
    response = beheerder_client.get(URL, {"object_type": "meldcode.dossier", "object_id": "11"})
    assert _shown(response) == {
        ("t_professional", "meldcode.dossier.viewed", "11"),
        ("t_coordinator", "meldcode.dossier.viewed", "11"),
    }


def test_object_types_are_offered_from_the_log(beheerder_client, history):
    choices = dict(beheerder_client.get(URL).context["form"].fields["object_type"].choices)
    assert {"meldcode.dossier", "verwijsindex.signaal"} <= set(choices)


def test_search_by_action_part_and_outcome(beheerder_client, history):
    assert len(_shown(beheerder_client.get(URL, {"action": "SIGNAAL"}))) == 1
    refused = beheerder_client.get(URL, {"outcome": "refused"})
    assert _shown(refused) == {("t_coordinator", "meldcode.dossier.viewed", "11")}


def test_search_by_period_uses_whole_local_days(beheerder_client, history):
    response = beheerder_client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-02"})
    # 23:30 on 2 March counts, 00:15 on 3 March does not (Amsterdam time, although UTC it is still 2 March).
    assert _shown(response) == {("t_professional", "verwijsindex.signaal.viewed", "12")}
    response = beheerder_client.get(URL, {"date_from": "2026-03-03"})
    assert {action for _, action, _ in _shown(response)} >= {"meldcode.dossier.viewed", "monitor.dashboard.viewed"}
    response = beheerder_client.get(URL, {"date_to": "2026-03-01"})
    assert _shown(response) == {("t_professional", "meldcode.dossier.viewed", "11")}


def test_a_period_that_runs_backwards_is_refused_at_the_field_and_the_input_kept(beheerder_client, history):
    response = beheerder_client.get(
        URL, {"actor": "t_professional", "date_from": "2026-03-05", "date_to": "2026-03-01"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "date_to" in form.errors and "date_from" not in form.errors
    assert "einddatum ligt vóór de begindatum" in form.errors["date_to"][0]
    html = response.content.decode()
    assert 'value="t_professional"' in html and 'value="2026-03-05"' in html and 'value="2026-03-01"' in html
    assert 'aria-invalid="true"' in html
    assert response.context["page"] is None
    assert not AuditEntry.objects.filter(action="audit.log.searched").exists()


def test_an_impossible_date_is_refused_at_the_field(beheerder_client):
    response = beheerder_client.get(URL, {"date_from": "2026-02-30"})
    assert response.status_code == 400
    assert "date_from" in response.context["form"].errors


def test_each_search_is_audited_with_the_filters_used_but_not_their_values(beheerder_client, personas, history):
    beheerder_client.get(URL, {"actor": "t_professional", "date_from": "2026-03-01"})
    entry = AuditEntry.objects.get(action="audit.log.searched")
    assert entry.actor_id == personas.beheerder.pk
    assert entry.object_type == "audit.auditentry"
    assert entry.outcome == audit.ALLOWED
    assert "actor" in entry.purpose and "date_from" in entry.purpose
    assert "t_professional" not in entry.purpose and "2026" not in entry.purpose


def test_results_are_paginated(beheerder_client, personas):
    for n in range(PAGE_SIZE + 3):
        audit.log(personas.professional, "test.object.viewed", object_type="test.object", object_id=str(n))
    first = beheerder_client.get(URL, {"action": "test.object"})
    assert len(first.context["page"].entries) == PAGE_SIZE
    html = first.content.decode()
    assert "utrecht-pagination" in html and "page=2" in html and "action=test.object" in html
    second = beheerder_client.get(URL, {"action": "test.object", "page": 2})
    assert len(second.context["page"].entries) == 3
    assert not second.context["page"].has_next
    assert beheerder_client.get(URL, {"page": "niet-een-getal"}).status_code == 200


def test_the_index_page_needs_few_queries_however_many_entries(
    beheerder_client, personas, django_assert_max_num_queries
):
    for n in range(120):
        audit.log(personas.professional, "test.object.viewed", object_type=f"test.type{n % 7}", object_id=str(n))
    with django_assert_max_num_queries(14):
        response = beheerder_client.get(URL)
    assert response.status_code == 200
    assert len(response.context["page"].entries) == PAGE_SIZE


def test_beheerder_sees_the_nav_item(beheerder_client):
    html = beheerder_client.get("/").content.decode()
    assert f'href="{URL}"' in html
    assert "Toegangslog" in html


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "coordinator", "veiligthuis"])
def test_other_personas_do_not_see_the_nav_item(client, personas, login, persona):
    login(client, getattr(personas, persona))
    html = client.get("/").content.decode()
    assert f'href="{URL}"' not in html
