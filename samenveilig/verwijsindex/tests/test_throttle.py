"""Registrations through the API are limited per hour per caller (a professional, or an organisation credential):
more are refused with 429 and audited, and nothing is stored."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from samenveilig.audit.models import AuditEntry
from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Signaal
from samenveilig.verwijsindex.tests.test_koppeling import CONTACT, personal, system

pytestmark = pytest.mark.django_db

URL = "/api/v1/verwijsindex/signalen/"
BSNS = ["999990019", "999990032", "999990044", "999990056"]  # test range, each passing the eleven-test


def body(bsn: str) -> dict:
    return {"bsn": bsn, "geboortedatum": "2012-05-17", "contactpersoon": CONTACT}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR=2)
def test_a_professional_over_the_limit_is_refused_with_429_and_nothing_is_stored(connected):
    client = personal(connected.professional)
    assert [client.post(URL, body(b), format="json").status_code for b in BSNS[:2]] == [201, 201]
    refused = client.post(URL, body(BSNS[2]), format="json")
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert Signaal.objects.count() == 2
    assert AuditEntry.objects.filter(
        action="verwijsindex.signaal.created", outcome="refused", purpose="te veel registraties per uur"
    ).exists()
    # Reading is not limited, and another professional has their own count.
    assert client.get(URL).status_code == 200
    assert personal(connected.outsider).post(URL, body(BSNS[0]), format="json").status_code == 201


@override_settings(
    SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR=1, SAMENVEILIG_VERWIJSINDEX_SYSTEM_REGISTRATIONS_PER_HOUR=3
)
def test_a_client_system_has_its_own_limit(connected):
    from samenveilig.verwijsindex import services

    _koppeling, key = services.make_koppeling(
        None, AangeslotenOrganisatie.objects.get(organisation__name="Testschool De Linde"), "Leerlingvolgsysteem"
    )
    client = system(key)
    codes = [client.post(URL, body(b), format="json").status_code for b in BSNS]
    assert codes == [201, 201, 201, 429]


@override_settings(SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR=0)
def test_zero_means_no_limit(connected):
    client = personal(connected.professional)
    assert {client.post(URL, body(b), format="json").status_code for b in BSNS} == {201}
