"""The district map: the municipality's districts with imported district figures (under 5 shown as "< 5"), as a map
drawn from a JSON data block and as a table."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.monitor import districts
from samenveilig.monitor.models import Dataset, DatasetVersion, Indicator, Observation, RegionKind, Series, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def woerden(personas):
    from samenveilig.accounts.models import Organisation
    from samenveilig.regio.tests.factories import GemeenteFactory, WijkFactory

    gemeente = GemeenteFactory(code="GM0632", name="Woerden")
    Organisation.objects.get(name="Testgemeente").gemeenten.add(gemeente)
    WijkFactory(gemeente=gemeente, code="WK063201", name="Woerden-Oost")
    WijkFactory(gemeente=gemeente, code="WK063202", name="Woerden-West")
    return gemeente


def _district_figures(values: dict[str, Decimal | None]):
    dataset = Dataset.objects.create(source=Source.CBS, identifier="TESTWIJK", title="Testtabel wijken")
    version = DatasetVersion.objects.create(dataset=dataset, label="2024-01-01", is_current=True)
    indicator = Indicator.objects.create(
        code="vt-adviezen-wijk", name="Adviezen per wijk", definition="Adviezen.", source=Source.CBS, dataset=dataset
    )
    for code, value in values.items():
        series = Series.objects.create(
            dataset=dataset, indicator=indicator, region_kind=RegionKind.GEMEENTE, region_code=code
        )
        Observation.objects.create(series=series, version=version, period="2022", value=Decimal(40))
        Observation.objects.create(
            series=series,
            version=version,
            period="2023",
            value=value,
            status="onbekend" if value is None else "definitief",
        )


def test_the_geometry_holds_only_the_municipalitys_districts():
    features = districts.geometry("GM0632")["features"]
    assert features and {f["properties"]["gemeentecode"] for f in features} == {"GM0632"}
    assert districts.geometry("GM9501")["features"] == []


def test_the_district_map_shows_figures_per_district_with_small_numbers_suppressed(
    client, login, personas, woerden, django_assert_max_num_queries
):
    _district_figures({"WK063201": Decimal(25), "WK063202": Decimal(3)})
    login(client, personas.coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("monitor:district_map", args=[woerden.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Adviezen per wijk (2023)" in page
    assert ">25<" in page and "&lt; 5" in page and ">3<" not in page
    block = re.search(r'<script id="sv-district-data" type="application/json">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    assert data["values"]["WK063201"] == ["25"] and data["values"]["WK063202"] == ["< 5"]
    assert data["geometry"]["features"]  # Woerden's districts are shipped
    assert "<script>" not in page  # no inline script: the data block is JSON, not executed
    assert AuditEntry.objects.filter(action="monitor.district_map.viewed", object_id="GM0632").exists()


def test_an_unknown_district_figure_stays_unknown(client, login, personas, woerden):
    _district_figures({"WK063201": None})
    login(client, personas.coordinator)
    page = client.get(reverse("monitor:district_map", args=[woerden.code])).content.decode()
    assert "onbekend" in page


def test_a_municipality_without_shipped_geometry_gets_the_table_only(client, login, personas, gemeente):
    login(client, personas.coordinator)
    response = client.get(reverse("monitor:district_map", args=[gemeente.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "sv-district-map" not in page and "leaflet.js" not in page
    assert "Er zijn nog geen cijfers per wijk geïmporteerd." in page


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "veiligthuis", "beheerder"])
def test_only_a_coordinator_sees_the_district_map(client, login, personas, woerden, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("monitor:district_map", args=[woerden.code])).status_code == 403
    assert AuditEntry.objects.filter(action="monitor.district_map.viewed", outcome="refused").exists()


def test_anonymous_is_sent_to_login(client, woerden):
    assert client.get(reverse("monitor:district_map", args=[woerden.code])).status_code == 302
