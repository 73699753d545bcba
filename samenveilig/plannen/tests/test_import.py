"""Acceptance: an XLSX with one bad row imports nothing and names the row and column; a good file imports all."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from samenveilig.audit.models import AuditEntry
from samenveilig.plannen import importer
from samenveilig.plannen.models import Activity
from samenveilig.plannen.tests.factories import PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(area):
    plan = PlanFactory(gemeente=area.gemeente, organisation=area.municipality)
    ThemeFactory(plan=plan, name="Preventie en signalering")
    ThemeFactory(plan=plan, name="Samenwerking")
    return plan


def row(**values):
    base = {
        "theme": "Preventie en signalering",
        "what": "Voorlichting op scholen",
        "organisations": "Testschool De Linde",
        "target_groups": "Professionals",
        "programmes": "Geweld hoort nergens thuis; jeugdwet",
        "planning": "maanden",
        "start_year": 2022,
        "start_month": 2,
        "end_year": 2022,
        "end_month": 4,
        "status": "gepland",
        "capacity_hours": 2,
        "cost_description": "Training meldcode",
        "cost_year": 2022,
        "cost_until_year": 2025,
        "funding_source": "jeugdhulpbudget",
        "amount": 5000,
    }
    base.update(values)
    return [base.get(column.key) for column in importer.COLUMNS]


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([str(column.header) for column in importer.COLUMNS])
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, plan, content: bytes):
    file = SimpleUploadedFile("activiteiten.xlsx", content, content_type="application/octet-stream")
    return client.post(reverse("plannen:plan_import", args=[plan.pk]), {"file": file})


def test_one_bad_row_imports_nothing_and_names_row_and_column(client, login, personas, plan):
    login(client, personas.coordinator)
    content = workbook(row(), row(what="Tweede"), row(what="Derde", start_month=13), row(what="Vierde"))
    response = upload(client, plan, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is niets ingelezen" in html
    assert "Rij 4, kolom K (Beginmaand (1-12)): Moet tussen 1 en 12 liggen." in html
    assert not Activity.objects.filter(theme__plan=plan).exists()
    assert AuditEntry.objects.filter(action="plannen.activity.import_failed").exists()


def test_every_problem_is_reported(plan):
    content = workbook(
        row(theme="Onbekend thema"),
        row(what="", organisations="Bestaat niet"),
        row(status="gereed"),
        row(amount="veel"),
    )
    with pytest.raises(importer.ImportFailed) as failed:
        importer.read(plan, content)
    messages = [str(problem) for problem in failed.value.problems]
    assert "Rij 2, kolom A (Thema): Dit plan heeft geen Onbekend thema." in messages
    assert "Rij 3, kolom C (Wat): Verplicht." in messages
    assert any(m.startswith("Rij 3, kolom D") and "Bestaat niet" in m for m in messages)
    assert any(m.startswith("Rij 4, kolom Q") for m in messages)
    assert any(m.startswith("Rij 5, kolom X") for m in messages)


def test_a_good_file_imports_every_row(client, login, personas, plan):
    login(client, personas.coordinator)
    content = workbook(
        row(),
        row(
            what="Ouderbijeenkomst",
            theme="samenwerking",
            planning="kwartaal",
            quarter=3,
            start_month=None,
            end_year=None,
            end_month=None,
        ),
        row(what="Netwerk", planning="doorlopend", status="gereed", done_on="2022-03-01", amount="23.280,50"),
    )
    response = upload(client, plan, content)
    assert response.status_code == 302
    activities = {a.what: a for a in Activity.objects.filter(theme__plan=plan)}
    assert set(activities) == {"Voorlichting op scholen", "Ouderbijeenkomst", "Netwerk"}
    first = activities["Voorlichting op scholen"]
    assert [o.name for o in first.organisations.all()] == ["Testschool De Linde"]
    assert first.programmes.count() == 2
    cost = first.costs.get()
    assert (cost.year, cost.until_year, cost.amount, cost.funding_source.code) == (2022, 2025, 5000, "jeugdhulpbudget")
    quarter = activities["Ouderbijeenkomst"]
    assert (quarter.start_month, quarter.end_month, quarter.quarter) == (7, 9, 3)
    assert str(activities["Netwerk"].costs.get().amount) == "23280.50"
    assert activities["Netwerk"].status_changes.get().date.isoformat() == "2022-03-01"


def test_not_a_workbook_and_wrong_columns(client, login, personas, plan):
    login(client, personas.coordinator)
    response = upload(client, plan, b"dit is geen xlsx")
    assert "Dit is geen XLSX-bestand" in response.content.decode()
    book = Workbook()
    book.active.append(["Iets", "anders"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert "De kolommen kloppen niet" in upload(client, plan, buffer.getvalue()).content.decode()


def test_the_template_reads_back_without_problems(client, login, personas, plan):
    login(client, personas.coordinator)
    response = client.get(reverse("plannen:import_template", args=[plan.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Activiteiten", "Keuzelijsten"]
    rows = importer.read(plan, response.content)
    assert len(rows) == 1 and rows[0]["theme"].name == "Preventie en signalering"
