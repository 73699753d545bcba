"""The figures also show use per connected organisation, so uneven use becomes visible (counts only, suppressed)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.audit.models import AuditEntry
from samenveilig.verwijsindex import figures
from samenveilig.verwijsindex.models import AangeslotenOrganisatie
from samenveilig.verwijsindex.tests.conftest import NIEUWEGEIN, UTRECHT, serve
from samenveilig.verwijsindex.tests.test_figures import counted, events  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_each_connected_organisation_has_a_row_with_its_counts(counted):  # noqa: F811
    rows = figures.use_per_organisation(UTRECHT, "kwartaal")
    table = {(figures.period_label(r.period, "kwartaal"), r.organisation): r for r in rows}
    school = table[("2025 K1", "Testschool De Linde")]
    youth = table[("2025 K1", "Testjongerenwerk")]
    assert youth.shown("signals") == "< 5"
    assert school.shown("signals") == "×"  # complementary: else 15 - 3 = 12 from the main table's total
    assert school.shown("matches") == "6" and youth.shown("matches") == "6"
    # No use at all gets a row too; the school's 7 is hidden, else it equals the quarter's total of 7.
    assert table[("2025 K2", "Testjongerenwerk")].shown("signals") == "< 5"
    assert table[("2025 K2", "Testschool De Linde")].shown("signals") == "×"
    assert not any("Nieuwegein" in r.organisation for r in rows)


def test_an_organisation_that_is_not_connected_has_no_row(counted):  # noqa: F811
    idle = Organisation.objects.create(name="Testkinderopvang", sector=Sector.KINDEROPVANG)
    serve(idle.name)
    events(idle, "signaal", 20, day=date(2025, 2, 3))
    assert "Testkinderopvang" not in {r.organisation for r in figures.use_per_organisation(UTRECHT)}
    AangeslotenOrganisatie.objects.create(organisation=idle, meldingsbevoegd=True)
    rows = {r.organisation: r for r in figures.use_per_organisation(UTRECHT) if r.period == date(2025, 1, 1)}
    assert rows["Testkinderopvang"].shown("signals") == "20"
    assert rows["Testschool De Linde"].shown("signals") == "×"  # complementary to the youth work's 3


def test_the_coordinator_sees_use_per_organisation_on_the_figures_page(client, login, counted):  # noqa: F811
    login(client, counted.coordinator)
    html = client.get(reverse("verwijsindex:figures")).content.decode()
    assert "Gebruik per aangesloten organisatie" in html and "Testjongerenwerk" in html


def test_the_xlsx_export_has_a_second_sheet_with_the_use_per_organisation(client, login, counted):  # noqa: F811
    login(client, counted.coordinator)
    response = client.get(reverse("verwijsindex:figures"), {"gemeente": UTRECHT, "formaat": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Verwijsindex", "Gebruik per organisatie"]
    assert workbook["Verwijsindex"]["A2"].value == "2025 K2"
    rows = [list(r) for r in workbook["Gebruik per organisatie"].iter_rows(values_only=True)]
    assert rows[0] == ["Kwartaal", "Organisatie", "Signalen afgegeven", "Matches"]
    assert rows[1:] == [
        ["2025 K2", "Testjongerenwerk", "< 5", "< 5"],
        ["2025 K2", "Testschool De Linde", "×", "< 5"],  # 7, but hidden: else it equals the quarter's total
        ["2025 K1", "Testjongerenwerk", "< 5", "6"],
        ["2025 K1", "Testschool De Linde", "×", "6"],  # 12, but hidden: else 15 - 3 from the main table
    ]
    entry = AuditEntry.objects.get(action="verwijsindex.figures.exported")
    assert entry.purpose.startswith("xlsx export") and "organisaties" in entry.purpose


def test_the_use_per_organisation_downloads_as_its_own_csv(client, login, counted):  # noqa: F811
    login(client, counted.coordinator)
    url = reverse("verwijsindex:figures")
    html = client.get(url, {"gemeente": UTRECHT, "periode": "maand"}).content.decode()
    assert "periode=maand&amp;formaat=csv&amp;tabel=organisaties" in html
    response = client.get(url, {"gemeente": UTRECHT, "periode": "maand", "formaat": "csv", "tabel": "organisaties"})
    assert response["Content-Type"].startswith("text/csv")
    assert "verwijsindex-gebruik-per-organisatie-GM0344-" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert lines == [
        ["Maand", "Organisatie", "Signalen afgegeven", "Matches"],
        ["2025-05", "Testjongerenwerk", "< 5", "< 5"],
        ["2025-05", "Testschool De Linde", "×", "< 5"],
        ["2025-02", "Testjongerenwerk", "< 5", "6"],
        ["2025-02", "Testschool De Linde", "×", "6"],
    ]
    entry = AuditEntry.objects.get(action="verwijsindex.figures.exported")
    assert entry.purpose == "csv export organisaties gemeente=GM0344 periode=maand"
    # The table per organisation type stays the plain CSV.
    response = client.get(url, {"gemeente": UTRECHT, "formaat": "csv"})
    assert b"".join(response.streaming_content).decode("utf-8-sig").startswith("Kwartaal,Soort organisatie")


def test_the_csv_per_organisation_of_a_municipality_not_served_is_refused_at_the_field(
    client,
    login,
    counted,  # noqa: F811
):
    login(client, counted.coordinator)
    response = client.get(
        reverse("verwijsindex:figures"), {"gemeente": NIEUWEGEIN, "formaat": "csv", "tabel": "organisaties"}
    )
    assert response["Content-Type"].startswith("text/html")
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert not AuditEntry.objects.filter(action="verwijsindex.figures.exported").exists()


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "veiligthuis", "beheerder"])
def test_only_coordinators_download_the_use_per_organisation(client, login, counted, persona):  # noqa: F811
    login(client, getattr(counted, persona))
    url = reverse("verwijsindex:figures")
    for query in ({"formaat": "csv", "tabel": "organisaties"}, {"formaat": "xlsx"}):
        response = client.get(url, {"gemeente": UTRECHT, **query})
        assert response.status_code == 403
        assert response["Content-Type"].startswith("text/html")  # no download
    assert not AuditEntry.objects.filter(action="verwijsindex.figures.exported").exists()
    assert AuditEntry.objects.filter(action="verwijsindex.figures.viewed", outcome="refused").count() == 2
