"""Figures after a match, for the coordinators of a municipality: counts per period and organisation type, with
numbers under 5 shown as "< 5" and complementary cells hidden so that none can be derived from a total."""

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
from samenveilig.verwijsindex.models import FigureEvent
from samenveilig.verwijsindex.tests.conftest import NIEUWEGEIN, UTRECHT, register, serve

pytestmark = pytest.mark.django_db


def row(sector, **values) -> figures.Row:
    base = {k: 0 for k, _label in figures.MEASURES[:-1]}
    return figures.Row(date(2025, 1, 1), sector, base | values)


def test_a_group_of_three_is_shown_as_under_five():
    group = [row("", signals=3), row(Sector.ONDERWIJS, signals=3)]
    figures.suppress(group)
    assert [r.shown("signals") for r in group] == ["< 5", "< 5"]


def test_a_single_suppressed_cell_hides_the_smallest_other_cell_too():
    total = row("", signals=3 + 8 + 20)
    school, youth, team = row(Sector.ONDERWIJS, signals=3), row(Sector.WELZIJN, signals=8), row(Sector.GI, signals=20)
    figures.suppress([total, school, youth, team])
    assert total.shown("signals") == "31"
    assert school.shown("signals") == "< 5"
    assert youth.shown("signals") == "×"  # hidden too, else 31 - 8 - 20 = 3; not small itself
    assert youth.values["signals"] is None  # the API's null
    assert team.shown("signals") == "20"


def test_two_suppressed_cells_need_no_more():
    group = [row("", signals=27), row(Sector.ONDERWIJS, signals=3), row(Sector.WELZIJN, signals=4)]
    group.append(row(Sector.GI, signals=20))
    figures.suppress(group)
    assert [r.shown("signals") for r in group] == ["27", "< 5", "< 5", "20"]


def test_hidden_cells_that_add_up_to_under_five_hide_one_more():
    group = [row("", signals=1 + 2 + 12 + 15), row(Sector.ONDERWIJS, signals=1), row(Sector.WELZIJN, signals=2)]
    group += [row(Sector.GI, signals=12), row(Sector.LOKAAL_TEAM, signals=15)]
    figures.suppress(group)
    # Else 30 - 12 - 15 = 3 would tell that the two hidden cells hold 3 signals together.
    assert [r.shown("signals") for r in group] == ["30", "< 5", "< 5", "×", "15"]


def test_matches_are_not_additive_and_are_only_hidden_when_small():
    group = [row("", signals=20, matches=6), row(Sector.ONDERWIJS, signals=10, matches=6)]
    group.append(row(Sector.WELZIJN, signals=10, matches=3))
    figures.suppress(group)
    assert [r.shown("matches") for r in group] == ["6", "6", "< 5"]


def test_a_median_of_fewer_than_five_matches_is_not_shown():
    few, enough = row(""), row(Sector.ONDERWIJS)
    few.days, enough.days = [3, 4, 5], [1, 2, 3, 10, 12]
    figures.suppress([few])
    figures.suppress([enough])
    assert few.shown("median_days") == "< 5"
    assert enough.shown("median_days") == "3"


def events(organisation, kind, n, day=date(2025, 2, 10), **extra):
    FigureEvent.objects.bulk_create(
        FigureEvent(kind=kind, day=day, organisation=organisation, sector=organisation.sector, **extra)
        for _ in range(n)
    )


@pytest.fixture
def counted(municipal):
    school = Organisation.objects.get(name="Testschool De Linde")
    youth = Organisation.objects.get(name="Testjongerenwerk")
    elsewhere = Organisation.objects.create(name="Testteam Nieuwegein", sector=Sector.LOKAAL_TEAM)
    serve(elsewhere.name, NIEUWEGEIN)
    events(school, "signaal", 12)
    events(youth, "signaal", 3)
    events(elsewhere, "signaal", 40)
    for ref in range(1, 7):
        events(school, "match", 1, match_ref=ref)
        events(youth, "match", 1, match_ref=ref)
    events(school, "uitkomst", 6, outcome="afgestemd", days=9, match_ref=1)
    events(school, "signaal", 7, day=date(2025, 5, 2))
    return municipal


def test_figures_are_counted_per_quarter_and_sector_for_the_municipality(counted):
    rows = figures.compute(UTRECHT, "kwartaal")
    table = {(figures.period_label(r.period, "kwartaal"), r.sector): r for r in rows}
    q1_total = table[("2025 K1", "")]
    assert q1_total.shown("signals") == "15"  # not the 40 of Nieuwegein
    assert q1_total.shown("matches") == "6"  # each match once, though two organisations are party to it
    assert table[("2025 K1", "onderwijs")].shown("matches") == "6"
    assert table[("2025 K1", "welzijn")].shown("signals") == "< 5"
    assert table[("2025 K1", "onderwijs")].shown("signals") == "×"  # complementary: else 15 - 12 = 3
    assert q1_total.shown("afgestemd") == "6" and q1_total.shown("median_days") == "9"
    assert table[("2025 K2", "")].shown("signals") == "7"
    assert figures.period_label(figures.compute(UTRECHT, "jaar")[0].period, "jaar") == "2025"


def test_registering_counts_signals_and_matches(municipal):
    register(municipal.professional)
    register(municipal.outsider)
    assert FigureEvent.objects.filter(kind="signaal").count() == 2
    assert FigureEvent.objects.filter(kind="match").values("match_ref").distinct().count() == 1


def test_coordinator_sees_the_figures_of_their_municipality_and_exports_them(client, login, counted):
    login(client, counted.coordinator)
    url = reverse("verwijsindex:figures")
    html = client.get(url).content.decode()
    assert "2025 K1" in html and "&lt; 5" in html
    assert ">40<" not in html
    response = client.get(url, {"gemeente": UTRECHT, "periode": "maand", "formaat": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body)))
    assert lines[0][:2] == ["Maand", "Soort organisatie"]
    assert ["2025-02", "Alle soorten organisaties", "15", "6", "< 5", "6", "< 5", "9"] in lines
    response = client.get(url, {"gemeente": UTRECHT, "formaat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "2025 K2"
    assert AuditEntry.objects.filter(action="verwijsindex.figures.exported").count() == 2
    assert AuditEntry.objects.filter(action="verwijsindex.figures.viewed").exists()


def test_a_municipality_the_coordinator_does_not_serve_is_refused_at_the_field(client, login, counted):
    login(client, counted.coordinator)
    response = client.get(reverse("verwijsindex:figures"), {"gemeente": NIEUWEGEIN})
    assert response.status_code == 200
    assert ">40<" not in response.content.decode()
    assert "utrecht-form-field-error-message" in response.content.decode()


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "veiligthuis", "beheerder"])
def test_only_coordinators_see_the_figures(client, login, counted, persona):
    login(client, getattr(counted, persona))
    assert client.get(reverse("verwijsindex:figures")).status_code == 403
    assert client.get(reverse("verwijsindex:figures"), {"formaat": "csv"}).status_code == 403
    assert AuditEntry.objects.filter(action="verwijsindex.figures.viewed", outcome="refused").exists()
