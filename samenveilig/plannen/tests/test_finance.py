"""Acceptance: seed 004's budget lines (section 4.2) give its totals for 2022 and for 2023–2025 in the finance table,
in the browser (page HTML), in the PDF and in the XLSX."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samenveilig.audit.models import AuditEntry
from samenveilig.lib.testing import pdf_text
from samenveilig.plannen import planning

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


def test_finance_table_merges_equal_years_as_the_seed_shows(seed_plan):
    table = planning.finance_table(seed_plan, planning.load_plan(seed_plan))
    assert [column.label for column in table.columns] == ["2022", "2023–2025"]
    assert table.totals == [Decimal(33880), Decimal(36580)]
    assert [group.totals for group in table.groups] == [
        [Decimal(3000), Decimal(3000)],
        [Decimal(7600), Decimal(8300)],
        [Decimal(23280), Decimal(25280)],
    ]
    alliance = table.groups[2].rows[1]
    assert alliance.label == "Kosten totstandkoming alliantie veilig ouder worden"
    assert alliance.amounts == [None, Decimal(2000)]


def test_finance_table_per_year(seed_plan):
    table = planning.finance_table(seed_plan, planning.load_plan(seed_plan), merge=False)
    assert [column.label for column in table.columns] == ["2022", "2023", "2024", "2025"]
    assert table.totals == [Decimal(33880), Decimal(36580), Decimal(36580), Decimal(36580)]


def test_finance_page_shows_the_seed_totals(client, login, personas, seed_plan, django_assert_max_num_queries):
    login(client, personas.coordinator)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("plannen:plan_finance", args=[seed_plan.pk]))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "2023–2025" in text
    assert "Totaal € 33.880 € 36.580" in text
    assert "Training conflicthantering € 2.500 € 3.200" in text


def test_pdf_shows_the_seed_totals_with_the_municipality_and_date(client, login, personas, seed_plan):
    login(client, personas.coordinator)
    response = client.get(reverse("plannen:plan_pdf", args=[seed_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace("\xa0", " ")
    assert "Gemeente Proefdam" in text
    assert "stand van" in text
    assert "€ 33.880" in text and "€ 36.580" in text
    assert "2023–2025" in text
    assert AuditEntry.objects.filter(action="plannen.plan.exported", object_id=str(seed_plan.pk)).exists()


def test_xlsx_shows_the_seed_totals(client, login, personas, seed_plan):
    login(client, personas.coordinator)
    response = client.get(reverse("plannen:plan_xlsx", args=[seed_plan.pk]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Financiën"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Begrotingspost", "Financieringsbron", "2022", "2023–2025"]
    total = next(row for row in rows if row[0] == "Totaal")
    assert total[2:4] == [33880, 36580]
    activities = workbook["Activiteiten"]
    assert activities.max_row == 1 + 6
    assert AuditEntry.objects.filter(action="plannen.plan.exported", purpose="xlsx").exists()
