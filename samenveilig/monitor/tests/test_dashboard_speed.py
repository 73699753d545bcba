"""What keeps the dashboard fast at national scale (``benchmarks/monitor_dashboard.py``) without changing what it
shows: charts are not validated on every page, so the tests validate them; the queries do not grow with the data."""

from __future__ import annotations

import altair as alt
import pytest
from django.urls import reverse

from samenveilig.monitor import charts

pytestmark = pytest.mark.django_db


def test_chart_specs_are_valid_vega_lite():
    trend = charts.trend(
        [{"periode": "2021", "reeks": "totaal", "waarde": 3.0}, {"periode": "2022", "reeks": "totaal", "waarde": None}],
        title="Adviezen",
        value_title="aantal",
        series_title="Reeks",
    )
    bars = charts.bars(
        [
            {"periode": "2021", "categorie": "Politie", "waarde": 4.0},
            {"periode": "2022", "categorie": "Politie", "waarde": None},
        ],
        title="Adviezen: Bron",
        value_title="aantal",
        category_title="Bron",
    )
    for spec in (trend, bars):
        alt.Chart.from_dict(spec, validate=True).to_dict(validate=True)  # raises on an invalid spec
    assert [value["periode"] for value in bars["data"]["values"]] == ["2021"]  # unknown: no bar
    assert bars["encoding"]["x"]["scale"]["domain"] == ["2021", "2022"]  # but the period stays on the axis


def test_dashboard_queries_do_not_grow_with_the_figures(
    client, login, personas, gemeente, seed_004_xlsx, django_assert_max_num_queries
):
    from samenveilig.monitor import services

    coordinator = personas.coordinator
    services.import_report(coordinator, content=seed_004_xlsx, gemeente=gemeente, version="2022-03-01")
    login(client, coordinator)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("monitor:gemeente", args=[gemeente.code]))
    assert response.status_code == 200
    assert "159" in response.content.decode()
