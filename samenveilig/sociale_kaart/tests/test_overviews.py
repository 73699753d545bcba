"""The coordinator's overviews (key persons, Meldcode per sector, the prevention matrix) on screen, as CSV and XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.accounts.tests.factories import OrganisationFactory
from samenveilig.audit.models import AuditEntry
from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart.models import ContactPerson, Service, TargetGroup, Theme
from samenveilig.sociale_kaart.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationEntryFactory,
    ServiceFactory,
    target_group,
    theme,
)

pytestmark = pytest.mark.django_db

OVERVIEWS = [
    "sociale_kaart:overviews",
    "sociale_kaart:overview_key_persons",
    "sociale_kaart:overview_meldcode",
    "sociale_kaart:overview_prevention",
]
REFUSED_PERSONAS = ["professional", "colleague", "af", "outsider", "veiligthuis", "beheerder"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def woerden():
    return Gemeente.objects.get(code="GM0632", year=2024)


@pytest.fixture
def utrecht():
    return Gemeente.objects.get(code="GM0344", year=2024)


@pytest.fixture
def coordinator(client, login, personas):
    login(client, personas.coordinator)
    return personas.coordinator


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


def sheet_values(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


# --- access --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", OVERVIEWS)
def test_coordinator_sees_each_overview(client, coordinator, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert b"<h1" in response.content


@pytest.mark.parametrize("persona", REFUSED_PERSONAS)
@pytest.mark.parametrize("url_name", OVERVIEWS)
def test_other_personas_are_refused_and_the_refusal_is_audited(client, login, personas, persona, url_name):
    login(client, getattr(personas, persona))

    response = client.get(reverse(url_name))

    assert response.status_code == 403
    entry = AuditEntry.objects.get(outcome="refused")
    assert entry.actor_id == getattr(personas, persona).pk
    assert entry.action.startswith("sociale_kaart.")


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "veiligthuis"])
@pytest.mark.parametrize("url_name", OVERVIEWS[1:])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_other_personas_cannot_download(client, login, personas, persona, url_name, kind):
    login(client, getattr(personas, persona))

    response = client.get(reverse(url_name), {"formaat": kind})

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action__endswith=".exported").exists()


def test_index_links_to_the_three_overviews(client, coordinator):
    html = client.get(reverse("sociale_kaart:overviews")).content.decode()

    for url_name in OVERVIEWS[1:]:
        assert reverse(url_name) in html


# --- the prevention matrix -----------------------------------------------------------------------------------------


@pytest.fixture
def matrix_data(woerden, utrecht):
    """Two preventive services in Woerden (one by municipality, one by location) and four that must stay out."""
    team = OrganisationFactory(name="Wijkteam Proefstad", sector=Sector.LOKAAL_TEAM)
    welzijn = OrganisationFactory(name="Welzijn Voorbeeld", sector=Sector.WELZIJN)
    by_gemeente = ServiceFactory(
        organisation=team,
        name="Opvoedcursus Stevig Ouderschap",
        target_groups=[target_group("ouders")],
        themes=[theme("kindermishandeling")],
        gemeenten=[woerden],
    )
    by_location = ServiceFactory(
        organisation=welzijn,
        name="Weerbaarheidstraining Sterk",
        target_groups=[target_group("12-18")],
        themes=[theme("loverboyproblematiek"), theme("weerbaarheid")],
    )
    by_location.locations.add(LocationFactory(organisation=welzijn, gemeente=woerden))
    ServiceFactory(
        organisation=team,
        name="Hulp na een melding",
        kind=Service.Kind.ONDERSTEUNING,
        target_groups=[target_group("ouders")],
        themes=[theme("partnergeweld")],
        gemeenten=[woerden],
    )
    ServiceFactory(
        organisation=team,
        name="Gestopte cursus",
        is_active=False,
        target_groups=[target_group("ouders")],
        themes=[theme("partnergeweld")],
        gemeenten=[woerden],
    )
    ServiceFactory(
        organisation=team,
        name="Alleen in Utrecht",
        target_groups=[target_group("ouders")],
        themes=[theme("partnergeweld")],
        gemeenten=[utrecht],
    )
    closed = OrganisationFactory(name="Opgeheven stichting", is_active=False)
    ServiceFactory(
        organisation=closed,
        name="Van een opgeheven organisatie",
        target_groups=[target_group("ouders")],
        themes=[theme("partnergeweld")],
        gemeenten=[woerden],
    )
    return {"by_gemeente": by_gemeente, "by_location": by_location, "team": team}


def cell(matrix, group_code, theme_code):
    column = [t.code for t in matrix.themes].index(theme_code)
    row = next(row for row in matrix.rows if row.target_group.code == group_code)
    return row.cells[column]


def test_matrix_shows_offerings_in_the_right_cells_and_gaps(client, coordinator, matrix_data):
    response = client.get(reverse("sociale_kaart:overview_prevention"), {"gemeente": "GM0632"})

    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert [g.code for g in matrix.target_groups] == list(
        TargetGroup.objects.filter(is_active=True).values_list("code", flat=True)
    )
    assert cell(matrix, "ouders", "kindermishandeling") == [matrix_data["by_gemeente"]]
    assert cell(matrix, "12-18", "loverboyproblematiek") == [matrix_data["by_location"]]
    assert cell(matrix, "12-18", "weerbaarheid") == [matrix_data["by_location"]]
    assert cell(matrix, "ouders", "partnergeweld") == []  # support, inactive, elsewhere, closed: none count
    assert matrix.gap_count == matrix.cell_count - 3
    assert matrix.service_count == 2

    html = response.content.decode()
    assert "Opvoedcursus Stevig Ouderschap" in html
    assert reverse("sociale_kaart:organisation", args=[matrix_data["team"].pk]) in html
    assert html.count("Geen aanbod</strong>") == matrix.gap_count
    assert "Hulp na een melding" not in html and "Alleen in Utrecht" not in html
    assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html
    assert 'role="region"' in html and 'tabindex="0"' in html


def test_inactive_target_groups_and_themes_are_left_out(client, coordinator, matrix_data):
    Theme.objects.filter(code="weerbaarheid").update(is_active=False)
    TargetGroup.objects.filter(code="ouderen").update(is_active=False)

    matrix = client.get(reverse("sociale_kaart:overview_prevention"), {"gemeente": "GM0632"}).context["matrix"]

    assert "weerbaarheid" not in [t.code for t in matrix.themes]
    assert "ouderen" not in [g.code for g in matrix.target_groups]
    assert matrix.cell_count == (TargetGroup.objects.count() - 1) * (Theme.objects.count() - 1)


def test_matrix_defaults_to_the_coordinators_municipality(client, coordinator, personas, matrix_data, woerden, utrecht):
    Organisation.objects.get(name="Testgemeente").gemeenten.add(woerden)

    response = client.get(reverse("sociale_kaart:overview_prevention"))

    assert response.context["matrix"].gemeente == "GM0632"
    assert response.context["gemeente_name"] == "Woerden"


def test_matrix_refuses_an_unknown_municipality_at_the_field(client, coordinator, matrix_data):
    response = client.get(reverse("sociale_kaart:overview_prevention"), {"gemeente": "GM9999"})

    assert response.status_code == 400
    assert response.context["form"].errors["gemeente"]
    assert response.context["matrix"] is None


def test_matrix_query_count_does_not_grow_with_services(client, coordinator, woerden, django_assert_max_num_queries):
    team = OrganisationFactory()
    groups, themes = list(TargetGroup.objects.all()[:4]), list(Theme.objects.all()[:4])
    for n in range(30):
        ServiceFactory(
            organisation=OrganisationFactory() if n % 2 else team,
            target_groups=groups[: n % 4 + 1],
            themes=themes[: n % 3 + 1],
            gemeenten=[woerden],
        )

    with django_assert_max_num_queries(18):
        response = client.get(reverse("sociale_kaart:overview_prevention"), {"gemeente": "GM0632"})

    assert response.context["matrix"].service_count == 30


def test_matrix_xlsx_looks_like_the_matrix(client, coordinator, matrix_data):
    response = client.get(reverse("sociale_kaart:overview_prevention"), {"gemeente": "GM0632", "formaat": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="preventiematrix-GM0632-')
    sheet = read_xlsx(response)
    values = sheet_values(sheet)
    themes = list(Theme.objects.filter(is_active=True))
    groups = list(TargetGroup.objects.filter(is_active=True))
    assert values[0] == ["Doelgroep / thema", *(t.name for t in themes)]
    assert [row[0] for row in values[1:]] == [g.name for g in groups]
    row = 2 + [g.code for g in groups].index("ouders")
    column = 2 + [t.code for t in themes].index("kindermishandeling")
    filled = sheet.cell(row=row, column=column)
    assert filled.value == "Opvoedcursus Stevig Ouderschap (Wijkteam Proefstad)"
    gap = sheet.cell(row=row, column=2 + [t.code for t in themes].index("partnergeweld"))
    assert gap.value == "Geen aanbod"
    assert gap.fill.fgColor.rgb.endswith("FCE4D6")
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].font.bold
    entry = AuditEntry.objects.get(action="sociale_kaart.prevention_matrix.exported")
    assert entry.actor_id == coordinator.pk and "xlsx" in entry.purpose and "GM0632" in entry.purpose


def test_matrix_csv_has_a_row_per_target_group(client, coordinator, matrix_data):
    response = client.get(reverse("sociale_kaart:overview_prevention"), {"gemeente": "GM0632", "formaat": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0][0] == "Doelgroep / thema"
    assert len(rows) == 1 + TargetGroup.objects.filter(is_active=True).count()
    ouders = next(row for row in rows if row[0] == "Ouders")
    assert "Opvoedcursus Stevig Ouderschap (Wijkteam Proefstad)" in ouders
    assert "Geen aanbod" in ouders


def test_a_formula_looking_service_name_is_neutralised(client, coordinator, woerden):
    ServiceFactory(
        name='=HYPERLINK("http://example.invalid","klik")',
        target_groups=[target_group("ouders")],
        themes=[theme("kindermishandeling")],
        gemeenten=[woerden],
    )
    url = reverse("sociale_kaart:overview_prevention")

    sheet = read_xlsx(client.get(url, {"gemeente": "GM0632", "formaat": "xlsx"}))
    rows = read_csv(client.get(url, {"gemeente": "GM0632", "formaat": "csv"}))

    cells = [value for row in sheet_values(sheet) for value in row if value and "HYPERLINK" in str(value)]
    assert cells and all(value.startswith("'=HYPERLINK") for value in cells)
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row)
    csv_cells = [value for row in rows for value in row if "HYPERLINK" in value]
    assert csv_cells and all(value.startswith("'=") for value in csv_cells)


# --- key persons ---------------------------------------------------------------------------------------------------


@pytest.fixture
def key_person_data(woerden, utrecht):
    school = OrganisationFactory(name="Basisschool Proef", sector=Sector.ONDERWIJS)
    school.gemeenten.add(woerden)
    ContactPersonFactory(
        organisation=school,
        name="Pien Proefpersoon",
        job_title="Intern begeleider",
        phone="0348-000 111",
        email="pien@example.invalid",
        trained_on="2024-02-01",
    )
    ContactPersonFactory(
        organisation=school, role=ContactPerson.Role.SLEUTELPERSOON, name="Sem Sleutel", phone="+31 348 000 222"
    )
    opvang = OrganisationFactory(name="Kinderopvang Zonder", sector=Sector.KINDEROPVANG)
    opvang.gemeenten.add(woerden)
    ContactPersonFactory(organisation=opvang, role=ContactPerson.Role.VASTE_CONTACTPERSOON, name="Vera Vast")
    elders = OrganisationFactory(name="Sportclub Elders", sector=Sector.SPORT)
    elders.gemeenten.add(utrecht)
    return {"school": school, "opvang": opvang, "elders": elders}


def test_key_persons_show_contact_details_and_flag_organisations_without_af(client, coordinator, key_person_data):
    response = client.get(reverse("sociale_kaart:overview_key_persons"), {"gemeente": "GM0632"})

    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Pien Proefpersoon", "Intern begeleider", "0348-000 111", "pien@example.invalid", "1 februari 2024"):
        assert text in html
    assert "Sem Sleutel" in html and "Vera Vast" in html
    assert "Sportclub Elders" not in html
    rows = {row.organisation.name: row for row in response.context["rows"]}
    assert rows["Basisschool Proef"].has_af
    assert not rows["Kinderopvang Zonder"].has_af
    assert html.count("Geen aandachtsfunctionaris</strong>") == 1
    entry = AuditEntry.objects.get(action="sociale_kaart.key_persons.viewed")
    assert entry.actor_id == coordinator.pk and entry.outcome == "allowed"
    assert "Pien" not in entry.purpose


def test_key_persons_filter_by_sector_and_missing_af(client, coordinator, key_person_data):
    url = reverse("sociale_kaart:overview_key_persons")

    by_sector = client.get(url, {"sector": Sector.SPORT}).context["rows"]
    without_af = client.get(url, {"zonder_af": "on"}).context["rows"]

    assert [row.organisation.name for row in by_sector] == ["Sportclub Elders"]
    names = {row.organisation.name for row in without_af}
    assert {"Kinderopvang Zonder", "Sportclub Elders"} <= names
    assert "Basisschool Proef" not in names


def test_key_persons_csv_has_header_and_a_row_per_person(client, coordinator, key_person_data):
    response = client.get(reverse("sociale_kaart:overview_key_persons"), {"gemeente": "GM0632", "formaat": "csv"})

    assert response["Content-Disposition"].startswith('attachment; filename="sleutelpersonen-')
    rows = read_csv(response)
    assert rows[0] == [
        "Organisatie",
        "Sector",
        "Aandachtsfunctionaris vastgelegd",
        "Rol",
        "Naam",
        "Functie",
        "Telefoon",
        "E-mail",
        "Geschoold op",
    ]
    body = {(row[0], row[4]): row for row in rows[1:]}
    assert set(body) == {
        ("Basisschool Proef", "Pien Proefpersoon"),
        ("Basisschool Proef", "Sem Sleutel"),
        ("Kinderopvang Zonder", "Vera Vast"),
    }
    assert body["Basisschool Proef", "Pien Proefpersoon"][2:4] == ["Ja", "Aandachtsfunctionaris"]
    assert body["Basisschool Proef", "Pien Proefpersoon"][8] == "2024-02-01"
    assert body["Basisschool Proef", "Sem Sleutel"][6] == "'+31 348 000 222"
    assert body["Kinderopvang Zonder", "Vera Vast"][2] == "Nee"
    entry = AuditEntry.objects.get(action="sociale_kaart.key_persons.exported")
    assert entry.object_type == "sociale_kaart.contactperson" and "csv" in entry.purpose


def test_key_persons_xlsx_lists_an_organisation_without_anyone_once(client, coordinator, key_person_data):
    response = client.get(reverse("sociale_kaart:overview_key_persons"), {"sector": Sector.SPORT, "formaat": "xlsx"})

    values = sheet_values(read_xlsx(response))
    assert values[0][0] == "Organisatie"
    assert values[1][:3] == ["Sportclub Elders", "Sport en vrijwilligers", "Nee"]
    assert len(values) == 2
    assert AuditEntry.objects.filter(action="sociale_kaart.key_persons.exported").count() == 1


def test_key_persons_query_count_is_bounded(client, coordinator, woerden, django_assert_max_num_queries):
    for n in range(30):
        organisation = OrganisationFactory()
        organisation.gemeenten.add(woerden)
        ContactPersonFactory.create_batch(2, organisation=organisation)
        ContactPersonFactory(organisation=organisation, role=ContactPerson.Role.SLEUTELPERSOON)

    with django_assert_max_num_queries(18):
        response = client.get(reverse("sociale_kaart:overview_key_persons"), {"gemeente": "GM0632"})

    assert len(response.context["rows"]) == 30


# --- Meldcode per sector -------------------------------------------------------------------------------------------


@pytest.fixture
def meldcode_data(woerden, utrecht):
    def school(name, gemeente, **status):
        organisation = OrganisationFactory(name=name, sector=Sector.ONDERWIJS)
        organisation.gemeenten.add(gemeente)
        if status:
            OrganisationEntryFactory(organisation=organisation, **status)
        return organisation

    school("School A", woerden, has_meldcode_protocol=True, af_appointed=True, af_trained=True, lvak_member=True)
    school("School B", woerden, has_meldcode_protocol=True, af_appointed=False)
    school("School C", woerden, keurmerk_meldcode=True, verwijsindex_connected=True)
    school("School D", woerden)  # no entry: status unknown
    school("School E", woerden, has_meldcode_protocol=False)
    school("School Utrecht", utrecht, has_meldcode_protocol=True)
    huisarts = OrganisationFactory(name="Huisarts Woerden", sector=Sector.HUISARTS)
    huisarts.gemeenten.add(woerden)
    OrganisationEntryFactory(organisation=huisarts)  # an entry without Meldcode fields: unknown too


def test_meldcode_counts_and_percentages_per_sector(client, coordinator, meldcode_data):
    response = client.get(reverse("sociale_kaart:overview_meldcode"), {"gemeente": "GM0632"})

    assert response.status_code == 200
    sectors = {status.sector: status for status in response.context["sectors"]}
    onderwijs = sectors[Sector.ONDERWIJS]
    assert onderwijs.total == 5
    assert onderwijs.counts == {
        "has_meldcode_protocol": 2,
        "af_appointed": 1,
        "af_trained": 1,
        "lvak_member": 1,
        "keurmerk_meldcode": 1,
        "verwijsindex_connected": 1,
        "unknown": 1,
    }
    assert onderwijs.percentage("has_meldcode_protocol") == 40
    assert sectors[Sector.HUISARTS].counts["unknown"] == 1
    assert response.context["total"].total == 6
    html = response.content.decode()
    assert '2 <span class="sv-muted">(40%)</span>' in html
    assert response.context["drill_down"] is None


def test_meldcode_for_the_whole_region_counts_every_municipality(client, coordinator, meldcode_data):
    response = client.get(reverse("sociale_kaart:overview_meldcode"))

    sectors = {status.sector: status for status in response.context["sectors"]}
    # The six schools above and the personas' school, which has no municipality and so only counts here.
    assert sectors[Sector.ONDERWIJS].total == 7
    assert sectors[Sector.ONDERWIJS].counts["has_meldcode_protocol"] == 3
    assert sectors[Sector.ONDERWIJS].counts["unknown"] == 2


def test_meldcode_drill_down_lists_the_organisations_of_a_sector(client, coordinator, meldcode_data):
    response = client.get(reverse("sociale_kaart:overview_meldcode"), {"gemeente": "GM0632", "sector": "onderwijs"})

    drill_down = {organisation.name: values for organisation, values in response.context["drill_down"]}
    assert list(drill_down) == ["School A", "School B", "School C", "School D", "School E"]
    assert drill_down["School B"][:2] == [True, False]
    assert drill_down["School D"] == [None] * 6
    assert "Organisaties in de sector Onderwijs" in response.content.decode()


def test_meldcode_uses_a_bounded_number_of_queries(client, coordinator, woerden, django_assert_max_num_queries):
    for n in range(40):
        organisation = OrganisationFactory(sector=list(Sector)[n % 8])
        organisation.gemeenten.add(woerden)
        OrganisationEntryFactory(organisation=organisation, has_meldcode_protocol=bool(n % 2))

    with django_assert_max_num_queries(16):
        response = client.get(reverse("sociale_kaart:overview_meldcode"), {"gemeente": "GM0632", "sector": "onderwijs"})

    assert sum(status.total for status in response.context["sectors"]) == 40


def test_meldcode_exports_the_summary_and_the_drill_down(client, coordinator, meldcode_data):
    url = reverse("sociale_kaart:overview_meldcode")

    summary = read_csv(client.get(url, {"gemeente": "GM0632", "formaat": "csv"}))
    drill_down_response = client.get(url, {"gemeente": "GM0632", "sector": "onderwijs", "formaat": "xlsx"})
    drill_down = sheet_values(read_xlsx(drill_down_response))

    assert summary[0][:4] == ["Sector", "Organisaties", "Meldcodeprotocol", "Meldcodeprotocol (%)"]
    assert summary[0][-2:] == ["Status onbekend", "Status onbekend (%)"]
    onderwijs = next(row for row in summary if row[0] == "Onderwijs")
    assert onderwijs[1:4] == ["5", "2", "40"]
    assert summary[-1][0] == "Totaal"
    assert drill_down[0][0] == "Organisatie"
    assert [row[0] for row in drill_down[1:]] == ["School A", "School B", "School C", "School D", "School E"]
    assert drill_down[2][2:4] == ["Ja", "Nee"]
    assert AuditEntry.objects.filter(action="sociale_kaart.meldcode_overview.exported").count() == 2


def test_meldcode_refuses_an_unknown_sector_at_the_field(client, coordinator, meldcode_data):
    response = client.get(reverse("sociale_kaart:overview_meldcode"), {"sector": "piraten"})

    assert response.status_code == 400
    assert response.context["form"].errors["sector"]


# --- the demo region -----------------------------------------------------------------------------------------------


@pytest.fixture
def demo_coordinator(db, client, login):
    from samenveilig.accounts.models import User
    from samenveilig.core import demo as core_demo
    from samenveilig.regio.loader import load_cbs
    from samenveilig.regio.models import Wijk

    # A transactional test elsewhere in the worker may have flushed the migrated CBS rows; reload them then.
    if Gemeente.objects.filter(year=2024).count() != 342 or Wijk.objects.filter(year=2024).count() != 3474:
        load_cbs(2024)
    core_demo.load(password="demo")
    user = User.objects.get(username="coordinator")
    login(client, user)
    return user


def test_demo_municipality_matrix_shows_offerings_and_gaps_and_exports(client, demo_coordinator):
    from samenveilig.sociale_kaart import demo

    url = reverse("sociale_kaart:overview_prevention")

    response = client.get(url)

    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert matrix.gemeente in demo.DEMO_GEMEENTEN  # the first municipality the coordinator's organisation serves
    matrix = client.get(url, {"gemeente": demo.WOERDEN}).context["matrix"]
    assert matrix.service_count > 0
    assert 0 < matrix.gap_count < matrix.cell_count
    for code, group, theme_code in demo.GAPS:
        if code == demo.WOERDEN:
            assert cell(matrix, group, theme_code) == []

    sheet = read_xlsx(client.get(url, {"gemeente": demo.WOERDEN, "formaat": "xlsx"}))
    values = [value for row in sheet_values(sheet)[1:] for value in row[1:]]
    assert values.count("Geen aanbod") == matrix.gap_count
    assert len(values) == matrix.cell_count


def test_demo_key_persons_and_meldcode_overviews_load(client, demo_coordinator, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        key_persons = client.get(reverse("sociale_kaart:overview_key_persons"), {"gemeente": "GM0632"})
    with django_assert_max_num_queries(20):
        meldcode = client.get(reverse("sociale_kaart:overview_meldcode"), {"gemeente": "GM0632"})

    assert key_persons.status_code == 200 and key_persons.context["rows"]
    assert meldcode.status_code == 200 and meldcode.context["total"].total > 20
    xlsx_rows = sheet_values(read_xlsx(client.get(reverse("sociale_kaart:overview_key_persons"), {"formaat": "xlsx"})))
    assert len(xlsx_rows) > 100


def test_meldcode_page_links_each_download_to_what_it_shows(client, coordinator, meldcode_data):
    response = client.get(reverse("sociale_kaart:overview_meldcode"), {"gemeente": "GM0632", "sector": "onderwijs"})

    html = response.content.decode()
    assert 'href="?gemeente=GM0632&amp;formaat=xlsx"' in html  # the summary of all sectors
    assert 'href="?gemeente=GM0632&amp;sector=onderwijs&amp;formaat=xlsx"' in html  # the drill-down
