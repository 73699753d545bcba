"""The figures also show use per connected organisation, so uneven use becomes visible (counts only, suppressed)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.verwijsindex import figures
from samenveilig.verwijsindex.models import AangeslotenOrganisatie
from samenveilig.verwijsindex.tests.conftest import UTRECHT, serve
from samenveilig.verwijsindex.tests.test_figures import counted, events  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_each_connected_organisation_has_a_row_with_its_counts(counted):  # noqa: F811
    rows = figures.use_per_organisation(UTRECHT, "kwartaal")
    table = {(figures.period_label(r.period, "kwartaal"), r.organisation): r for r in rows}
    school = table[("2025 K1", "Testschool De Linde")]
    youth = table[("2025 K1", "Testjongerenwerk")]
    assert youth.shown("signals") == "< 5"
    assert school.shown("signals") == "< 5"  # complementary: else 15 - 3 = 12 from the main table's total
    assert school.shown("matches") == "6" and youth.shown("matches") == "6"
    # No use at all gets a row too; the school's 7 is hidden, else it equals the quarter's total of 7.
    assert table[("2025 K2", "Testjongerenwerk")].shown("signals") == "< 5"
    assert table[("2025 K2", "Testschool De Linde")].shown("signals") == "< 5"
    assert not any("Nieuwegein" in r.organisation for r in rows)


def test_an_organisation_that_is_not_connected_has_no_row(counted):  # noqa: F811
    idle = Organisation.objects.create(name="Testkinderopvang", sector=Sector.KINDEROPVANG)
    serve(idle.name)
    events(idle, "signaal", 20, day=date(2025, 2, 3))
    assert "Testkinderopvang" not in {r.organisation for r in figures.use_per_organisation(UTRECHT)}
    AangeslotenOrganisatie.objects.create(organisation=idle, meldingsbevoegd=True)
    rows = {r.organisation: r for r in figures.use_per_organisation(UTRECHT) if r.period == date(2025, 1, 1)}
    assert rows["Testkinderopvang"].shown("signals") == "20"
    assert rows["Testschool De Linde"].shown("signals") == "< 5"  # complementary to the youth work's 3


def test_the_coordinator_sees_use_per_organisation_on_the_figures_page(client, login, counted):  # noqa: F811
    login(client, counted.coordinator)
    html = client.get(reverse("verwijsindex:figures")).content.decode()
    assert "Gebruik per aangesloten organisatie" in html and "Testjongerenwerk" in html
