"""``/api/v1/meldcode/dossiers/``: read and open dossiers with the same permissions as the pages."""

import pytest

from samenveilig.accounts.models import ApiToken
from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/meldcode/dossiers/"


def token_for(user):
    _token, key = ApiToken.generate(user=user, membership=user.memberships.first(), name="clientsysteem")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_client_system_opens_and_reads_a_dossier(client, personas):
    auth = token_for(personas.professional)
    response = client.post(
        LIST,
        {
            "local_reference": "API-1",
            "concern": "kindermishandeling",
            "person": {"kind": "kind", "name": "Testkind Api", "date_of_birth": "2015-05-05", "bsn": "123456782"},
        },
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["step"] == 1 and body["persons"][0]["name"] == "Testkind Api"
    assert body["persons"][0]["date_of_birth"] == "2015-05-05"
    dossier = Dossier.objects.get(pk=body["id"])
    assert dossier.owner == personas.professional

    listed = client.get(LIST, **auth).json()
    assert [d["id"] for d in listed["results"]] == [dossier.pk]
    detail = client.get(f"{LIST}{dossier.pk}/", **auth)
    assert detail.status_code == 200
    assert AuditEntry.objects.filter(action="meldcode.dossier.viewed", purpose="api", outcome="allowed").exists()


def test_duplicate_and_bad_bsn_are_field_errors(client, personas):
    auth = token_for(personas.professional)
    DossierFactory(owner=personas.colleague, local_reference="API-2")
    response = client.post(
        LIST,
        {"local_reference": "api-2", "concern": "partnergeweld", "person": {"kind": "volwassene"}},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400 and "local_reference" in response.json()
    response = client.post(
        LIST,
        {"local_reference": "API-3", "concern": "partnergeweld", "person": {"kind": "volwassene", "bsn": "123456789"}},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400 and "bsn" in response.json()["person"]


@pytest.mark.parametrize("persona", ["outsider", "colleague"])
def test_someone_who_may_not_see_the_dossier_gets_404(client, personas, persona):
    dossier = DossierFactory(owner=personas.professional)
    auth = token_for(getattr(personas, persona))
    assert client.get(f"{LIST}{dossier.pk}/", **auth).status_code == 404
    assert dossier.pk not in [d["id"] for d in client.get(LIST, **auth).json()["results"]]


@pytest.mark.parametrize("persona", ["coordinator", "veiligthuis", "beheerder"])
def test_roles_without_dossiers_are_refused(client, personas, persona):
    dossier = DossierFactory(owner=personas.professional)
    auth = token_for(getattr(personas, persona))
    assert client.get(LIST, **auth).status_code == 403
    assert client.get(f"{LIST}{dossier.pk}/", **auth).status_code == 403
    response = client.post(
        LIST,
        {"local_reference": "X", "concern": "partnergeweld", "person": {"kind": "kind"}},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 403
    assert not Dossier.objects.filter(local_reference="X").exists()


def test_anonymous_caller_is_refused(client, personas):
    dossier = DossierFactory(owner=personas.professional)
    assert client.get(LIST).status_code in (401, 403)
    assert client.get(f"{LIST}{dossier.pk}/").status_code in (401, 403)
