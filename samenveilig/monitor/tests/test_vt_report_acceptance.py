"""Acceptance: seed 004's Veilig Thuis table, entered through the XLSX template, shows in the dashboard and the PDF
with its trend; its empty cells stay empty, not zero."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenveilig.lib.testing import pdf_text
from samenveilig.monitor.models import Observation, Status
from samenveilig.monitor.tests.conftest import workbook


def _upload(client, code, content, version="2022-03-01"):
    return client.post(
        reverse("monitor:import_report", args=[code]),
        {"bestand": SimpleUploadedFile("rapportage.xlsx", content), "versie": version},
    )


def test_seed_004_table_shows_in_dashboard_with_trend_and_empty_cells(client, login, personas, gemeente, seed_004_xlsx):
    login(client, personas.coordinator)
    response = _upload(client, gemeente.code, seed_004_xlsx)
    assert response.status_code == 302, response.content.decode()[:2000]

    page = client.get(reverse("monitor:gemeente", args=[gemeente.code])).content.decode()
    for number in ("159", "256", "336", "160", "207", "182", "48", "69", "72", "37", "35", "26", "25", "22"):
        assert f">{number}<" in page, number
    assert "Het aantal adviezen steeg van 159 in 2019 naar 336 in 2021 (+111%)." in page
    assert "Het aantal meldingen steeg van 160 in 2019 naar 182 in 2021 (+14%)." in page
    assert "Het hoogste aantal was 207 in 2020." in page
    # the unknown cells of education/childcare and elder abuse are empty, never zero
    unknown = Observation.objects.filter(series__category__in=["onderwijs_kinderopvang", "ouderenmishandeling"])
    assert unknown.filter(period__in=["2019", "2020"]).count() == 8
    assert set(unknown.filter(period__in=["2019", "2020"]).values_list("value", "status")) == {(None, Status.UNKNOWN)}
    assert ">0<" not in page
    assert page.count(">onbekend<") >= 8


def test_seed_004_table_shows_in_council_report(client, login, personas, gemeente, seed_004_xlsx):
    login(client, personas.coordinator)
    _upload(client, gemeente.code, seed_004_xlsx)

    response = client.get(reverse("monitor:report_pdf", args=[gemeente.code]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for number in ("159", "256", "336", "160", "207", "182"):
        assert number in text
    assert "steeg van 159 in 2019 naar 336 in 2021" in " ".join(text.split())
    assert "onbekend" in text


def test_reimporting_a_version_replaces_it_and_a_newer_version_keeps_history(
    client, login, personas, gemeente, seed_004_xlsx
):
    login(client, personas.coordinator)
    _upload(client, gemeente.code, seed_004_xlsx, version="2022-03-01")
    corrected = [row[:] for row in __import__("samenveilig.monitor.tests.conftest", fromlist=["x"]).SEED_004_ROWS]
    corrected[0][5] = 340
    header = ["Maat", "Indeling", "Categorie", 2019, 2020, 2021]
    _upload(client, gemeente.code, workbook(corrected, header), version="2022-03-01")
    totals = Observation.objects.filter(series__indicator__code="vt-adviezen", series__dimension="", period="2021")
    assert list(totals.values_list("value", flat=True)) == [340]

    corrected[0][5] = 338
    _upload(client, gemeente.code, workbook(corrected, header), version="2022-06-01")
    assert sorted(totals.values_list("version__label", "value", "version__is_current")) == [
        ("2022-03-01", 340, False),
        ("2022-06-01", 338, True),
    ]
    page = client.get(reverse("monitor:gemeente", args=[gemeente.code])).content.decode()
    assert ">338<" in page and ">340<" not in page


def test_the_dashboard_needs_the_same_few_queries_however_many_figures(
    client, login, personas, gemeente, seed_004_xlsx, django_assert_max_num_queries
):
    from samenveilig.monitor import demo

    login(client, personas.coordinator)
    _upload(client, gemeente.code, seed_004_xlsx)
    demo.load({}, {})  # more series in other municipalities, and more versions
    with django_assert_max_num_queries(30):
        response = client.get(reverse("monitor:gemeente", args=[gemeente.code]))
    assert response.status_code == 200
