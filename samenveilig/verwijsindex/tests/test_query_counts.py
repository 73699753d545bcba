"""Registration stays cheap (issue 5 point 8): a bounded number of queries per request, whatever is in the index.
The timings are measured by ``benchmarks/verwijsindex_match.py``; this guards the work per request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from samenveilig.accounts.models import ApiToken
from samenveilig.verwijsindex.models import Match
from samenveilig.verwijsindex.tests.conftest import BSN

pytestmark = pytest.mark.django_db

URL = "/api/v1/verwijsindex/signalen/"
BODY = {
    "bsn": BSN,
    "geboortedatum": "2012-05-17",
    "informeren": "geinformeerd",
    "contactpersoon": {"naam": "Femke Voorbeeld", "telefoon": "030-1234567", "email": "femke@example.invalid"},
}


def api(user) -> APIClient:
    _token, key = ApiToken.generate(user=user, membership=user.memberships.get(), name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def queries(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.post(URL, BODY, format="json")
    assert response.status_code == 201, response.content
    # Savepoints are the test's transaction, not the request's work.
    statements = [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]
    return len(statements), statements


def test_a_young_person_new_to_the_index_costs_a_few_statements(connected):
    count, statements = queries(api(connected.professional))
    # token (and its first use), right to register, the young person's row, the signal, its figure row, its audit entry
    assert count <= 7, "\n".join(statements)


def test_a_new_match_costs_a_bounded_number_of_statements(connected):
    api(connected.outsider).post(URL, BODY, format="json")
    count, statements = queries(api(connected.professional))
    assert Match.objects.count() == 1
    # + the other signals with the regie order, the match and its first regie step, the notifications; still one
    # audit insert. The young person's row is inserted or locked in one statement on PostgreSQL (two elsewhere).
    assert count <= (11 if connection.vendor == "postgresql" else 12), "\n".join(statements)
    assert sum("audit_auditentry" in s for s in statements) == 1
    # With the other signals all of one organisation there is no match yet to look up, and the regie order came with
    # the signals.
    assert not any(s.startswith('SELECT "verwijsindex_match"') for s in statements)
    assert not any(s.startswith('SELECT "verwijsindex_regieprioriteit"') for s in statements)


def test_a_new_signal_on_an_existing_match_looks_the_match_up(connected, third):
    api(connected.outsider).post(URL, BODY, format="json")
    api(third).post(URL, BODY, format="json")
    count, statements = queries(api(connected.professional))
    assert Match.objects.count() == 1
    assert any(s.startswith('SELECT "verwijsindex_match"') for s in statements)
    assert count <= (13 if connection.vendor == "postgresql" else 14), "\n".join(statements)
