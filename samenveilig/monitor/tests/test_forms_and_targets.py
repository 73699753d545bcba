"""The report upload and the target form: errors at the field or by row and column, input kept, nothing stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from samenveilig.monitor import vt_report
from samenveilig.monitor.models import Observation, Target
from samenveilig.monitor.tests.conftest import SEED_004_HEADER, SEED_004_ROWS, workbook

pytestmark = pytest.mark.django_db


def test_the_template_downloads_with_every_measure_and_category(client, login, personas, gemeente):
    import io

    login(client, personas.coordinator)
    response = client.get(reverse("monitor:report_template", args=[gemeente.code]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Cijfers"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Maat", "Indeling", "Categorie")
    assert rows[1][:3] == ("Adviezen", "Totaal", None)
    assert ("Meldingen", "Soort geweld", "Complexe scheidingen") in [r[:3] for r in rows]
    # the empty template, read back, has no figures: nothing to import, and no zero invented
    with pytest.raises(Exception):
        vt_report.parse_report(response.content, gemeente_code="GM9501", gemeente_name="Proefstad", version="1")


def test_a_bad_report_is_refused_by_row_and_column_and_changes_nothing(client, login, personas, gemeente):
    rows = [row[:] for row in SEED_004_ROWS]
    rows[1][4] = "veel"
    rows[2][2] = "Bakkerij"
    rows.append(["Adviezen", "Totaal", None, -1, 2, 3])
    login(client, personas.coordinator)
    response = client.post(
        reverse("monitor:import_report", args=[gemeente.code]),
        {"bestand": SimpleUploadedFile("r.xlsx", workbook(rows, SEED_004_HEADER)), "versie": "2022-03-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rij 3, kolom E: “veel” is geen getal." in page
    assert "Rij 4, kolom C: Onbekende categorie “Bakkerij” bij Bron." in page
    assert "Rij 10, kolom A: Deze regel staat er al (rij 2)." in page
    assert 'value="2022-03-01"' in page  # the input is kept
    assert not Observation.objects.exists()


def test_an_upload_that_is_not_xlsx_gets_a_message_at_the_field(client, login, personas, gemeente):
    login(client, personas.coordinator)
    response = client.post(
        reverse("monitor:import_report", args=[gemeente.code]),
        {"bestand": SimpleUploadedFile("r.xlsx", b"not a workbook"), "versie": "x y!"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Gebruik letters, cijfers, punten en streepjes" in page


def test_a_target_gets_a_verdict_on_the_dashboard(client, login, personas, gemeente):
    login(client, personas.coordinator)
    client.post(
        reverse("monitor:import_report", args=[gemeente.code]),
        {"bestand": SimpleUploadedFile("r.xlsx", workbook(SEED_004_ROWS, SEED_004_HEADER)), "versie": "2022-03-01"},
    )
    url = reverse("monitor:targets", args=[gemeente.code])
    bad = client.post(
        url, {"indicator_code": "vt-meldingen", "direction": "hoogstens", "value": "", "deadline": "ooit"}
    )
    assert bad.status_code == 400
    assert "Gebruik een jaar (2025) of halfjaar (2025HJ2)." in bad.content.decode()

    response = client.post(
        url, {"indicator_code": "vt-meldingen", "direction": "hoogstens", "value": "200", "deadline": "2021"}
    )
    assert response.status_code == 302
    assert Target.objects.get().region_code == gemeente.code
    page = client.get(reverse("monitor:gemeente", args=[gemeente.code])).content.decode()
    assert "hoogstens 200, uiterlijk in 2021" in page
    assert "Gehaald" in page

    target = Target.objects.get()
    assert client.post(reverse("monitor:delete_target", args=[gemeente.code, target.pk])).status_code == 302
    assert not Target.objects.exists()
