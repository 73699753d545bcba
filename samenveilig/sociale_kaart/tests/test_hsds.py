"""HSDS 3.0 exchange: the export validates, export → import into an empty map → export gives the same document, a bad
file changes nothing and says where, and the API refuses who may not see the map (or its contact persons)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.accounts.tests.factories import OrganisationFactory, UserFactory
from samenveilig.audit.models import AuditEntry
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart import hsds
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service
from samenveilig.sociale_kaart.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationEntryFactory,
    ServiceFactory,
    target_group,
    theme,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/sociale-kaart/hsds/"


def canonical(document) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


@pytest.fixture
def kaart(db):
    """Two organisations on the map, one without an entry, with every kind of field filled somewhere."""
    woerden = Gemeente.objects.get(code="GM0632", year=2024)
    montfoort = Gemeente.objects.get(code="GM0335", year=2024)
    school = OrganisationFactory(name="Basisschool De Kievit", sector=Sector.ONDERWIJS)
    school.gemeenten.set([woerden])
    OrganisationEntryFactory(
        organisation=school,
        description="Openbare basisschool.",
        website="https://example.invalid/kievit",
        email="info@kievit.example.invalid",
        has_meldcode_protocol=True,
        af_appointed=True,
        af_trained=False,
        meldcode_checked_on=date(2025, 3, 1),
        last_verified=date(2025, 4, 1),
    )
    team = OrganisationFactory(name="Sociaal team Woerden", sector=Sector.LOKAAL_TEAM)
    OrganisationEntryFactory(organisation=team, is_public=False, last_verified=None, phone="")
    hoofdgebouw = LocationFactory(
        organisation=school,
        name="Hoofdgebouw",
        gemeente=woerden,
        wijk=Wijk.objects.get(code="WK063201", year=2024),
    )
    LocationFactory(organisation=school, name="Dependance", address="", postal_code="", city="", is_public=False)
    spreekuur = LocationFactory(organisation=team, name="Spreekuur", gemeente=montfoort)
    ServiceFactory(
        organisation=school,
        name="Weerbaarheidstraining",
        kind=Service.Kind.PREVENTIEF,
        access=Service.Access.VERWIJZING,
        cost="Gratis",
        national_programme="Kansrijke Start",
        website="https://example.invalid/training",
        email="training@example.invalid",
        phone="0348-000 111",
        themes=[theme("weerbaarheid"), theme("kindermishandeling")],
        target_groups=[target_group("4-12")],
        gemeenten=[woerden, montfoort],
        last_verified=date(2025, 1, 2),
    ).locations.set([hoofdgebouw, spreekuur])
    # Two services with the same name: the rank among equal names keeps them apart.
    ServiceFactory(organisation=team, name="Inloop", description="Eerste")
    ServiceFactory(organisation=team, name="Inloop", description="Tweede", is_active=False, is_public=False)
    ServiceFactory(organisation__name="Jongerenwerk Zonder Kaart", organisation__sector=Sector.WELZIJN, name="Buddy")
    ContactPersonFactory(
        organisation=school,
        name="Fictieve Aandachtsfunctionaris",
        job_title="Intern begeleider",
        phone="0348-000 222",
        note="Voor ouders",
        trained_on=date(2024, 11, 5),
    )
    ContactPersonFactory(organisation=team, role=ContactPerson.Role.SLEUTELPERSOON, name="Fictieve Sleutelpersoon")
    return {"school": school, "team": team}


def delete_map():
    names = ["Basisschool De Kievit", "Sociaal team Woerden", "Jongerenwerk Zonder Kaart"]
    Organisation.objects.filter(name__in=names).delete()
    assert not Service.objects.exists() and not OrganisationEntry.objects.exists()


# --- Export ----------------------------------------------------------------------------------------------------------


def test_export_of_the_map_validates(kaart):
    document = hsds.export_document(with_contacts=True)
    assert hsds.validate_document(document) == []
    assert [o["name"] for o in document["contents"]] == [
        "Basisschool De Kievit",
        "Jongerenwerk Zonder Kaart",
        "Sociaal team Woerden",
    ]
    school = document["contents"][0]
    training = school["services"][0]
    codes = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in training["attributes"]}
    assert {
        ("samenveilig:thema", "weerbaarheid"),
        ("samenveilig:doelgroep", "4-12"),
        ("cbs:gemeente", "GM0335"),
    } <= codes
    assert len(training["service_at_locations"]) == 2
    assert school["locations"][1]["addresses"][0]["state_province"] == "Utrecht"
    assert school["contacts"][0]["name"] == "Fictieve Aandachtsfunctionaris"


def test_export_leaves_contacts_out_unless_asked(kaart):
    document = hsds.export_document()
    assert all("contacts" not in o for o in document["contents"])
    assert "Fictieve" not in json.dumps(document)


def test_export_is_deterministic(kaart):
    assert canonical(hsds.export_document(with_contacts=True)) == canonical(hsds.export_document(with_contacts=True))


def test_export_filters_on_gemeente(kaart):
    document = hsds.export_document(gemeente="GM0335")
    # The school serves Montfoort; the team has a location there; the youth work has nothing there.
    assert [o["name"] for o in document["contents"]] == ["Basisschool De Kievit", "Sociaal team Woerden"]


# --- Import ----------------------------------------------------------------------------------------------------------


def test_round_trip_gives_the_same_document(kaart):
    first = hsds.export_document(with_contacts=True)
    delete_map()
    result = hsds.import_document(json.loads(json.dumps(first)))
    assert result.created["organisations"] == 3 and result.created["services"] == 4
    assert canonical(hsds.export_document(with_contacts=True)) == canonical(first)


def test_importing_the_same_file_twice_changes_nothing(kaart):
    document = hsds.export_document(with_contacts=True)
    first = hsds.import_document(document)
    # Only the organisation that was on the map without an entry gets one (as the export described it).
    assert sum(first.created.values()) == first.created["entries"] == 1 and sum(first.updated.values()) == 0
    histories = (Service.history.count(), Location.history.count(), ContactPerson.history.count())
    result = hsds.import_document(document)
    assert sum(result.created.values()) == 0 and sum(result.updated.values()) == 0
    assert (Service.history.count(), Location.history.count(), ContactPerson.history.count()) == histories


def test_import_updates_a_changed_value(kaart):
    document = hsds.export_document()
    document["contents"][0]["services"][0]["description"] = "Nieuwe omschrijving."
    result = hsds.import_document(document)
    assert result.updated["services"] == 1
    assert Service.objects.get(name="Weerbaarheidstraining").description == "Nieuwe omschrijving."


def test_a_file_with_one_bad_row_imports_nothing_and_says_where(kaart):
    document = hsds.export_document()
    delete_map()
    del document["contents"][2]["services"][1]["name"]
    with pytest.raises(hsds.ImportFailed) as failed:
        hsds.import_document(document)
    assert [str(p) for p in failed.value.problems] == ["contents[2].services[1].name: Dit veld is verplicht."]
    assert not Organisation.objects.filter(name="Basisschool De Kievit").exists()


def test_a_bad_value_after_the_schema_rolls_everything_back(kaart):
    document = hsds.export_document()
    delete_map()
    document["contents"][2]["services"][0]["name"] = "x" * 201  # longer than the model allows
    with pytest.raises(hsds.ImportFailed) as failed:
        hsds.import_document(document)
    assert [p.path for p in failed.value.problems] == ["contents[2].services[0].name"]
    assert not Organisation.objects.filter(name__in=["Basisschool De Kievit", "Sociaal team Woerden"]).exists()


def _term(obj, taxonomy):
    return next(a["taxonomy_term"] for a in obj["attributes"] if a["taxonomy_term"]["taxonomy"] == taxonomy)


def test_unknown_codes_are_reported_with_their_place(kaart):
    document = hsds.export_document()
    school = document["contents"][0]
    _term(school, "samenveilig:sector")["code"] = "ruimtevaart"
    _term(school["services"][0], "samenveilig:doelgroep")["code"] = "marsmannetjes"
    _term(school["locations"][1], "cbs:gemeente")["code"] = "GM9999"
    with pytest.raises(hsds.ImportFailed) as failed:
        hsds.import_document(document)
    paths = {p.path: p.message for p in failed.value.problems}
    sector = school["attributes"].index(
        next(a for a in school["attributes"] if a["taxonomy_term"]["code"] == "ruimtevaart")
    )
    assert paths[f"contents[0].attributes[{sector}].taxonomy_term.code"] == "Onbekende code “ruimtevaart”."
    assert any(p.startswith("contents[0].services[0].attributes[") and "marsmannetjes" in m for p, m in paths.items())
    assert any(p.startswith("contents[0].locations[1].attributes[") and "GM9999" in m for p, m in paths.items())


def test_a_foreign_document_loads_with_defaults():
    """Another system's map: random ids, no taxonomies of ours; its own taxonomies are skipped."""
    document = json.loads((Path(__file__).resolve().parent / "data" / "foreign.json").read_text(encoding="utf-8"))
    assert hsds.validate_document(document) == []
    hsds.import_document(document)
    organisation = Organisation.objects.get(name="Stichting Voorbeeld")
    assert organisation.sector == Sector.OVERIG
    service = Service.objects.get(organisation=organisation)
    assert service.kind == Service.Kind.ONDERSTEUNING and service.locations.get().city == "Utrecht"


def test_schema_errors_in_a_foreign_document_name_the_field():
    document = json.loads((Path(__file__).resolve().parent / "data" / "foreign.json").read_text(encoding="utf-8"))
    document["contents"][0]["services"][0]["status"] = "open"
    document["contents"][0]["id"] = "not-a-uuid"
    problems = [str(p) for p in hsds.validate_document(document)]
    assert problems[0].startswith("contents[0].id: ")
    assert problems[1].startswith("contents[0].services[0].status: Deze waarde is niet toegestaan")


# --- Commands --------------------------------------------------------------------------------------------------------


def test_commands_round_trip_through_a_file(kaart, tmp_path, capsys):
    path = tmp_path / "kaart.json"
    call_command("export_hsds", "--output", str(path), "--with-contacts")
    first = json.loads(path.read_text(encoding="utf-8"))
    assert hsds.validate_document(first) == []
    entry = AuditEntry.objects.filter(action="sociale_kaart.hsds.exported").latest("id")
    assert "3 organisations" in entry.purpose and "2 contacts" in entry.purpose and "Kievit" not in entry.purpose
    delete_map()
    call_command("import_hsds", str(path))
    assert "nieuw" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="sociale_kaart.hsds.imported").exists()
    second = tmp_path / "again.json"
    call_command("export_hsds", "--output", str(second), "--with-contacts")
    assert canonical(json.loads(second.read_text(encoding="utf-8"))) == canonical(first)


def test_export_command_writes_to_stdout_without_contacts(kaart, capsys):
    call_command("export_hsds")
    document = json.loads(capsys.readouterr().out)
    assert document["total_items"] == 3 and "Fictieve" not in json.dumps(document)


def test_import_command_fails_with_the_places_and_changes_nothing(kaart, tmp_path, capsys):
    document = hsds.export_document()
    delete_map()
    document["contents"][1]["services"][0]["status"] = "open"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="1 probleem gevonden"):
        call_command("import_hsds", str(path))
    assert "contents[1].services[0].status: " in capsys.readouterr().err
    assert not Organisation.objects.filter(name="Jongerenwerk Zonder Kaart").exists()


def test_import_command_refuses_what_is_not_json(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{kapot", encoding="utf-8")
    with pytest.raises(CommandError, match="Geen geldige JSON"):
        call_command("import_hsds", str(path))
    with pytest.raises(CommandError):
        call_command("import_hsds", str(tmp_path / "bestaat-niet.json"))


def test_import_command_dry_run_changes_nothing(kaart, tmp_path):
    path = tmp_path / "kaart.json"
    path.write_text(json.dumps(hsds.export_document()), encoding="utf-8")
    delete_map()
    call_command("import_hsds", str(path), "--dry-run")
    assert not Organisation.objects.filter(name="Basisschool De Kievit").exists()


def test_export_command_refuses_a_bad_gemeente_code():
    with pytest.raises(CommandError):
        call_command("export_hsds", "--gemeente", "Woerden")


# --- API -------------------------------------------------------------------------------------------------------------


def test_api_refuses_anonymous(client, kaart):
    assert client.get(URL).status_code in (401, 403)


def test_api_refuses_a_user_who_acts_for_no_organisation(client, login, kaart):
    login(client, UserFactory(username="t_zonder_lidmaatschap"))
    assert client.get(URL).status_code == 403
    assert AuditEntry.objects.filter(action="sociale_kaart.hsds.exported", outcome="refused").exists()


def test_api_gives_valid_hsds_without_contacts_to_a_professional(
    client, login, personas, kaart, django_assert_max_num_queries
):
    login(client, personas.professional)
    with django_assert_max_num_queries(25):
        response = client.get(URL)
    assert response.status_code == 200
    document = response.json()
    assert hsds.validate_document(document) == []
    assert canonical(document) == canonical(hsds.export_document())
    assert AuditEntry.objects.filter(
        action="sociale_kaart.hsds.exported", actor_id=personas.professional.pk, outcome="allowed"
    ).exists()


@pytest.mark.parametrize("persona", ["professional", "af", "veiligthuis", "beheerder"])
def test_api_refuses_contacts_to_whoever_does_not_keep_the_map(client, login, personas, kaart, persona):
    login(client, getattr(personas, persona))
    assert client.get(URL, {"contacts": "true"}).status_code == 403
    assert AuditEntry.objects.filter(action="sociale_kaart.hsds.exported", outcome="refused").exists()


def test_api_gives_contacts_to_a_coordinator_and_audits_it(client, login, personas, kaart):
    login(client, personas.coordinator)
    response = client.get(URL, {"contacts": "true", "gemeente": "GM0632"})
    assert response.status_code == 200
    document = response.json()
    assert hsds.validate_document(document) == []
    assert [o["name"] for o in document["contents"]] == ["Basisschool De Kievit"]
    assert document["contents"][0]["contacts"]
    entry = AuditEntry.objects.filter(action="sociale_kaart.hsds.exported", actor_id=personas.coordinator.pk).get()
    assert "1 contacts" in entry.purpose


def test_api_refuses_a_bad_gemeente_code(client, login, personas):
    login(client, personas.professional)
    assert client.get(URL, {"gemeente": "Woerden"}).status_code == 400


# --- The demo map ----------------------------------------------------------------------------------------------------


def test_demo_map_exports_validates_and_imports_onto_itself_unchanged(db, django_assert_max_num_queries):
    """The demo region (about 200 organisations, 300 services): a fixed number of queries, however big the map."""
    from samenveilig.sociale_kaart.tests.test_demo import core_organisations

    core_organisations()  # loads the demo map too
    with django_assert_max_num_queries(12):
        document = hsds.export_document(with_contacts=True)
    assert document["total_items"] > 150
    assert hsds.validate_document(document) == []
    with django_assert_max_num_queries(20):
        result = hsds.import_document(copy.deepcopy(document))
    assert sum(result.created.values()) == 0 and sum(result.updated.values()) == 0
    assert canonical(hsds.export_document(with_contacts=True)) == canonical(document)
