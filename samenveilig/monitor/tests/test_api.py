"""``/api/v1/monitor/``: indicators with definitions; series of the coordinator's municipalities and public areas."""

from __future__ import annotations

import json

import pytest

from samenveilig.monitor import importers, services
from samenveilig.monitor.tests.conftest import DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(gemeente):
    services.import_parsed(importers.parse_v3_json(json.loads((DATA / "v3_bundle.json").read_text())), actor=None)


def test_indicators_carry_their_definition(client, login, personas, imported):
    login(client, personas.coordinator)
    response = client.get("/api/v1/monitor/indicatoren/")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert rows["cbs-90001tst-adviezen"]["definitie"] == "Adviezen bij Veilig Thuis (testdefinitie)."
    assert rows["cbs-90001tst-adviezen"]["brondataset"] == "Huiselijk geweld; testtabel, regio"
    assert rows["systeem-verwijsindex-signalen"]["bron"] == "systeem"


def test_series_keep_unknown_values_empty(client, login, personas, imported):
    login(client, personas.coordinator)
    response = client.get(
        "/api/v1/monitor/reeksen/", {"indicator": "cbs-90001tst-meldingen", "gebied": "GM9501", "periode": "2023HJ01"}
    )
    assert response.status_code == 200
    results = response.json()["results"]
    partner = next(r for r in results if r["categorie_naam"] == "(Ex-)partnergeweld")
    assert partner["waarden"] == [{"periode": "2023HJ1", "waarde": None, "status": "onbekend"}]
    assert partner["versie"] == "2024-06-01"


def test_series_of_municipalities_outside_the_coordinators_are_left_out(client, login, personas, gemeente, imported):
    from samenveilig.accounts.models import Organisation

    Organisation.objects.get(name="Testgemeente").gemeenten.remove(gemeente)
    login(client, personas.coordinator)
    areas = {r["gebied"] for r in client.get("/api/v1/monitor/reeksen/", {"page_size": 100}).json()["results"]}
    assert areas == {"NL01"}


@pytest.mark.parametrize("persona", ["professional", "af", "veiligthuis", "beheerder"])
def test_others_are_refused(client, login, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get("/api/v1/monitor/indicatoren/").status_code == 403
    assert client.get("/api/v1/monitor/reeksen/").status_code == 403
