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
    # + lock, the other signals, the match (read, insert), regie order and step, the notifications, one audit insert
    assert count <= 16, "\n".join(statements)
    assert sum("audit_auditentry" in s for s in statements) == 1
