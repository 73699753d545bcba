"""``GET /api/v1/verwijsindex/figures/organisaties/``: the use per connected organisation for the coordinators of a
municipality, with the same filters and the same suppression as the figures page (null where the page shows "< 5")."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from samenveilig.accounts.models import ApiToken
from samenveilig.audit.models import AuditEntry
from samenveilig.verwijsindex.tests.conftest import NIEUWEGEIN, UTRECHT
from samenveilig.verwijsindex.tests.test_figures import counted  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

URL = "/api/v1/verwijsindex/figures/organisaties/"


def api(user) -> APIClient:
    _token, key = ApiToken.generate(user=user, membership=user.memberships.get(), name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_coordinator_reads_the_use_per_organisation_with_suppressed_counts_as_null(counted):  # noqa: F811
    response = api(counted.coordinator).get(URL, {"gemeente": UTRECHT, "periode": "kwartaal"})
    assert response.status_code == 200
    assert response.json() == [
        {"periode": "2025 K2", "organisatie": "Testjongerenwerk", "signalen": None, "matches": None},
        # 7, but hidden: else it equals the quarter's total
        {"periode": "2025 K2", "organisatie": "Testschool De Linde", "signalen": None, "matches": None},
        {"periode": "2025 K1", "organisatie": "Testjongerenwerk", "signalen": None, "matches": 6},
        # 12, but hidden: else 15 - 3 from the total of the figures per organisation type
        {"periode": "2025 K1", "organisatie": "Testschool De Linde", "signalen": None, "matches": 6},
    ]
    entry = AuditEntry.objects.get(action="verwijsindex.figures.viewed", outcome="allowed")
    assert entry.purpose == f"api organisaties gemeente={UTRECHT} periode=kwartaal"


def test_the_default_is_the_first_municipality_served_per_quarter(counted):  # noqa: F811
    rows = api(counted.coordinator).get(URL).json()
    assert {r["periode"] for r in rows} == {"2025 K1", "2025 K2"}
    assert not any("Nieuwegein" in r["organisatie"] for r in rows)


@pytest.mark.parametrize("query", [{"gemeente": NIEUWEGEIN}, {"periode": "week"}])
def test_a_municipality_not_served_or_an_unknown_period_is_refused_at_the_field(counted, query):  # noqa: F811
    response = api(counted.coordinator).get(URL, query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)
    assert not AuditEntry.objects.filter(action="verwijsindex.figures.viewed", outcome="allowed").exists()


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "veiligthuis", "beheerder"])
def test_only_coordinators_read_the_use_per_organisation(counted, persona):  # noqa: F811
    response = api(getattr(counted, persona)).get(URL, {"gemeente": UTRECHT})
    assert response.status_code == 403
    assert "Testjongerenwerk" not in response.content.decode()
    assert AuditEntry.objects.filter(action="verwijsindex.figures.viewed", outcome="refused").count() == 1


def test_an_anonymous_caller_is_refused(counted):  # noqa: F811
    response = APIClient().get(URL, {"gemeente": UTRECHT})
    assert response.status_code in (401, 403)
    assert "Testjongerenwerk" not in response.content.decode()


def test_switched_off_the_route_answers_404(counted):  # noqa: F811
    client = api(counted.coordinator)
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False):
        assert client.get(URL, {"gemeente": UTRECHT}).status_code == 404
    assert not AuditEntry.objects.filter(action="verwijsindex.figures.viewed").exists()


def test_reading_the_use_per_organisation_takes_a_fixed_number_of_queries(
    counted,  # noqa: F811
    django_assert_max_num_queries,
):
    from samenveilig.accounts.models import Organisation, Sector
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie
    from samenveilig.verwijsindex.tests.conftest import serve
    from samenveilig.verwijsindex.tests.test_figures import events

    for number in range(5):
        organisation = Organisation.objects.create(name=f"Testschool {number}", sector=Sector.ONDERWIJS)
        AangeslotenOrganisatie.objects.create(organisation=organisation, meldingsbevoegd=True)
        serve(organisation.name)
        events(organisation, "signaal", 6)
    client = api(counted.coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(URL, {"gemeente": UTRECHT})
    assert len(response.json()) == 2 * 7
