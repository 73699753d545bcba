from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

DATA = Path(__file__).parent / "data"


@pytest.fixture
def gemeente(personas):
    """A made-up municipality (GM9501 Proefstad) that the coordinator's organisation works in."""
    from samenveilig.accounts.models import Organisation
    from samenveilig.regio.tests.factories import GemeenteFactory

    gemeente = GemeenteFactory(code="GM9501", name="Proefstad")
    Organisation.objects.get(name="Testgemeente").gemeenten.add(gemeente)
    return gemeente


def workbook(rows: list[list], header: list) -> bytes:
    """A filled-in report template: ``header`` (Maat, Indeling, Categorie, periods…) and rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cijfers"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Seed 004 (West Betuwe, local plan 2022-2025): Veilig Thuis figures 2019-2021; "--" in the source is unknown.
SEED_004_HEADER = ["Maat", "Indeling", "Categorie", 2019, 2020, 2021]
SEED_004_ROWS = [
    ["Adviezen", "Totaal", None, 159, 256, 336],
    ["Meldingen", "Totaal", None, 160, 207, 182],
    ["Adviezen", "Bron", "Onderwijs/kinderopvang", None, None, 25],
    ["Meldingen", "Bron", "Onderwijs/kinderopvang", "--", "--", 6],
    ["Adviezen", "Soort geweld", "Complexe scheidingen", 48, 69, 72],
    ["Meldingen", "Soort geweld", "Complexe scheidingen", 37, 35, 26],
    ["Adviezen", "Soort geweld", "Ouderenmishandeling", None, None, 22],
    ["Meldingen", "Soort geweld", "Ouderenmishandeling", "--", "--", 22],
]


@pytest.fixture
def seed_004_xlsx() -> bytes:
    return workbook(SEED_004_ROWS, SEED_004_HEADER)
