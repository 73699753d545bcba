"""System indicators: aggregates of the app's own data, any number under 5 shown as "< 5" and never derivable from a
total — on the page, in the downloads, in the PDF, on the organisation's page and in the API."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samenveilig.lib.suppression import PRIMARY, SECONDARY, suppress_group
from samenveilig.lib.testing import pdf_text
from samenveilig.monitor import system

pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year


def test_primary_and_complementary_suppression():
    cells, total = suppress_group([3, 20], 23)
    assert [c.label for c in cells] == ["< 5", "×"]
    assert total.label == "23"

    cells, total = suppress_group([3, 20, 30], 53)
    assert [c.hidden for c in cells] == [PRIMARY, SECONDARY, ""]  # the smallest other cell hides with it

    cells, total = suppress_group([1, 2, 40], 43)  # two hidden cells adding up to 3 would still give away 3
    assert [c.hidden for c in cells] == [PRIMARY, PRIMARY, SECONDARY]

    cells, total = suppress_group([2, 1], 3)
    assert [c.label for c in cells] == ["< 5", "< 5"] and total.label == "< 5"

    cells, total = suppress_group([0, 12, 9], 21)  # zero is under 5 too
    assert [c.hidden for c in cells] == [PRIMARY, "", SECONDARY]

    cells, total = suppress_group([7, 12], 19)
    assert [c.label for c in cells] == ["7", "12"] and total.label == "19"


@pytest.fixture
def group_of_three(personas, gemeente):
    """Three signals from the school (onderwijs) and twenty from the youth workers (welzijn), this year."""
    from samenveilig.accounts.models import Organisation
    from samenveilig.verwijsindex.models import FigureEvent

    school = Organisation.objects.get(name="Testschool De Linde")
    youth = Organisation.objects.get(name="Testjongerenwerk")
    school.gemeenten.add(gemeente)
    youth.gemeenten.add(gemeente)
    day = datetime.date(THIS_YEAR, 1, 15)
    for organisation, count in ((school, 3), (youth, 20)):
        for _ in range(count):
            FigureEvent.objects.create(
                kind=FigureEvent.Kind.SIGNAL, day=day, organisation=organisation, sector=organisation.sector
            )
    return school


def _signals_table(tables):
    return next(t for t in tables if t.indicator.code == "systeem-verwijsindex-signalen")


def test_a_group_of_three_is_suppressed_and_not_derivable_from_the_total(group_of_three, gemeente):
    table = _signals_table(system.tables(system.organisations_in(gemeente.code)))
    column = table.periods.index(str(THIS_YEAR))
    labels = {row.label: row.cells[column].label for row in table.rows}
    assert labels == {"Onderwijs": "< 5", "Welzijn / jongerenwerk": "×"}
    assert table.totals[column].label == "23"


def test_a_group_of_three_shows_less_than_five_on_the_page_downloads_and_pdf(
    client, login, personas, group_of_three, gemeente
):
    login(client, personas.coordinator)
    page = client.get(reverse("monitor:gemeente", args=[gemeente.code])).content.decode()
    assert "&lt; 5" in page
    assert ">3<" not in page and ">20<" not in page

    csv = b"".join(client.get(reverse("monitor:export", args=[gemeente.code]), {"formaat": "csv"}).streaming_content)
    csv = csv.decode("utf-8-sig")
    signal_lines = [line for line in csv.splitlines() if line.startswith("Proefstad,Signalen in de Verwijsindex")]
    assert any(line.endswith(f"Onderwijs,{THIS_YEAR},< 5,afgeschermd") for line in signal_lines)
    assert not any(",3," in line or ",20," in line for line in signal_lines)

    text = pdf_text(client.get(reverse("monitor:report_pdf", args=[gemeente.code])).content)
    assert "< 5" in text


def test_the_organisation_sees_its_own_three_as_less_than_five(client, login, personas, group_of_three):
    login(client, personas.professional)
    response = client.get(reverse("monitor:organisation"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt; 5" in page  # its own 3 signals, alone: the total is under 5 too
    assert ">3<" not in page
    assert "Testjongerenwerk" not in page


def test_meldcode_dossiers_per_step_are_counted_for_the_organisation(client, login, personas):
    from samenveilig.meldcode.tests.factories import DossierFactory

    for _ in range(6):
        DossierFactory(owner=personas.professional)
    DossierFactory(owner=personas.outsider)
    tables = {t.indicator.code: t for t in system.tables([personas.professional.memberships.first().organisation_id])}
    steps = tables["systeem-meldcode-stappen"]
    assert steps.totals[0].label == "6"
    assert [(row.label, row.cells[0].label) for row in steps.rows] == [("Stap 1: signalen in kaart brengen", "6")]


def test_messages_to_veilig_thuis_are_counted_by_kind(personas):
    from samenveilig.accounts.models import Organisation
    from samenveilig.meldcode.models import Melding
    from samenveilig.meldcode.tests.factories import DossierFactory

    dossier = DossierFactory(owner=personas.professional)
    vt = Organisation.objects.get(name="Veilig Thuis Testregio")
    for kind, count in (("adviesvraag", 6), ("melding", 2)):
        for _ in range(count):
            Melding.objects.create(
                dossier=dossier,
                kind=kind,
                organisation=dossier.organisation,
                sender=personas.professional,
                vt_organisation=vt,
                content="synthetisch",
            )
    tables = {t.indicator.code: t for t in system.tables([dossier.organisation_id])}
    table = tables["systeem-veilig-thuis-berichten"]
    column = table.periods.index(str(THIS_YEAR))
    assert {row.label: row.cells[column].label for row in table.rows} == {"Adviesvraag": "×", "Melding": "< 5"}
    assert table.totals[column].label == "8"
