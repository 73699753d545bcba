"""The sociale kaart API (``/api/v1/sociale-kaart/``): reads with the search filters, writes by the entry's owner only,
the version check (ETag / If-Match) shared with the pages, audit and history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenveilig import audit
from samenveilig.accounts.models import ApiToken, Organisation
from samenveilig.audit.models import AuditEntry
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart import services
from samenveilig.sociale_kaart.forms import OrganisationEntryForm
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service
from samenveilig.sociale_kaart.services import version_of
from samenveilig.sociale_kaart.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationEntryFactory,
    ServiceFactory,
    target_group,
    theme,
)
from samenveilig.sociale_kaart.tests.test_edit_permissions import entry_data

pytestmark = pytest.mark.django_db

API = "/api/v1/sociale-kaart/"
ORGANISATIONS = API + "organisaties/"
SERVICES = API + "diensten/"
LOCATIONS = API + "locaties/"
CONTACTS = API + "contactpersonen/"


def gemeente(code: str) -> Gemeente:
    return Gemeente.objects.filter(code=code).order_by("-year").first()


@pytest.fixture
def school(personas):
    return Organisation.objects.get(name="Testschool De Linde")


@pytest.fixture
def other(personas):
    return Organisation.objects.get(name="Testjongerenwerk")


@pytest.fixture
def woerden():
    return gemeente("GM0632")


def send(client, method, url, data=None, *, version=None, **headers):
    if version is not None:
        headers["HTTP_IF_MATCH"] = f'"{version}"'
    return getattr(client, method)(url, data or {}, content_type="application/json", **headers)


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- reading --------------------------------------------------------------------------------------------------------


def test_services_filtered_by_theme_and_municipality(client, login, personas, woerden):
    montfoort = gemeente("GM0335")
    wanted = ServiceFactory(name="Steunpunt partnergeweld", themes=[theme("partnergeweld")], gemeenten=[woerden])
    ServiceFactory(name="Partnergeweld elders", themes=[theme("partnergeweld")], gemeenten=[montfoort])
    ServiceFactory(name="Opvoedspreekuur", themes=[theme("opvoedondersteuning")], gemeenten=[woerden])
    ServiceFactory(name="Oud aanbod", themes=[theme("partnergeweld")], gemeenten=[woerden], is_active=False)
    login(client, personas.professional)

    found = results(client.get(SERVICES, {"thema": "partnergeweld", "gemeente": "0632"}))

    assert [service["name"] for service in found] == ["Steunpunt partnergeweld"]
    service = found[0]
    assert service["id"] == wanted.pk
    assert service["themes"] == ["partnergeweld"]
    assert service["gemeenten"] == ["GM0632"]
    assert service["organisation"] == wanted.organisation_id
    assert service["version"] == version_of(wanted)


def test_services_by_location_district_and_free_text(client, login, personas, school, woerden):
    wijk = Wijk.objects.filter(gemeente=woerden).order_by("code").first()
    location = LocationFactory(organisation=school, gemeente=woerden, wijk=wijk)
    there = ServiceFactory(organisation=school, name="Weerbaarheidstraining", target_groups=[target_group("4-12")])
    there.locations.add(location)
    ServiceFactory(organisation=school, name="Weerbaarheid online")
    login(client, personas.professional)

    by_wijk = results(client.get(SERVICES, {"wijk": wijk.code, "doelgroep": "4-12"}))
    by_text = results(client.get(SERVICES, {"q": "weerbaarheidstraining"}))

    assert [s["name"] for s in by_wijk] == ["Weerbaarheidstraining"]
    assert by_wijk[0]["locations"][0]["wijk"] == wijk.code
    assert [s["name"] for s in by_text] == ["Weerbaarheidstraining"]


def test_unknown_kind_of_service_is_a_400(client, login, personas):
    login(client, personas.professional)

    response = client.get(SERVICES, {"soort": "ruimtevaart"})

    assert response.status_code == 400
    assert "soort" in response.json()


def test_service_detail_has_an_etag_and_shows_inactive_services(client, login, personas):
    service = ServiceFactory(is_active=False)
    login(client, personas.professional)

    response = client.get(f"{SERVICES}{service.pk}/")

    assert response.status_code == 200
    assert response["ETag"] == f'"{version_of(service)}"'
    assert response.json()["is_active"] is False


def test_organisations_with_entry_contacts_and_filters(client, login, personas, school, other, woerden, settings):
    school.gemeenten.add(woerden)
    OrganisationEntryFactory(organisation=school, phone="0348-123456", has_meldcode_protocol=True)
    ServiceFactory(organisation=school, name="Vertrouwenspersoon")
    ContactPersonFactory(organisation=school, name="Anna de Vries")
    login(client, personas.professional)

    in_woerden = results(client.get(ORGANISATIONS, {"gemeente": "GM0632"}))
    stale = results(client.get(ORGANISATIONS, {"verouderd": "true"}))
    by_name = results(client.get(ORGANISATIONS, {"q": "linde"}))

    assert [o["name"] for o in in_woerden] == ["Testschool De Linde"]
    entry = in_woerden[0]
    assert entry["phone"] == "0348-123456"
    assert entry["has_meldcode_protocol"] is True
    assert entry["keurmerk_meldcode"] is None
    assert entry["gemeenten"] == ["GM0632"]
    assert entry["is_stale"] is False
    assert [s["name"] for s in entry["services"]] == ["Vertrouwenspersoon"]
    assert [p["name"] for p in entry["contact_persons"]] == ["Anna de Vries"]
    assert "Testjongerenwerk" in {o["name"] for o in stale}  # no entry at all: stale
    assert "Testschool De Linde" not in {o["name"] for o in stale}
    assert [o["name"] for o in by_name] == ["Testschool De Linde"]


def test_a_response_with_contact_persons_is_audited_once(client, login, personas, school, other):
    for organisation in (school, other):
        ContactPersonFactory.create_batch(3, organisation=organisation)
    login(client, personas.professional)

    client.get(ORGANISATIONS)
    client.get(f"{ORGANISATIONS}{school.pk}/")
    client.get(CONTACTS)

    reads = AuditEntry.objects.filter(actor_id=personas.professional.pk)
    assert list(reads.order_by("id").values_list("action", "object_id", "purpose")) == [
        ("sociale_kaart.organisation.listed", "", "api"),
        ("sociale_kaart.organisation.viewed", str(school.pk), "api"),
        ("sociale_kaart.contactperson.listed", "", "api"),
    ]


def test_a_list_without_contact_persons_is_not_audited(client, login, personas):
    login(client, personas.professional)

    assert client.get(ORGANISATIONS).status_code == 200
    assert client.get(SERVICES).status_code == 200

    assert not AuditEntry.objects.filter(actor_id=personas.professional.pk).exists()


def test_lists_have_a_bounded_number_of_queries(
    client, login, personas, school, other, woerden, django_assert_max_num_queries
):
    for organisation in (school, other):
        organisation.gemeenten.add(woerden)
        OrganisationEntryFactory(organisation=organisation)
        location = LocationFactory(organisation=organisation, gemeente=woerden)
        for _ in range(10):
            service = ServiceFactory(
                organisation=organisation,
                themes=[theme("kindermishandeling"), theme("partnergeweld")],
                target_groups=[target_group("ouders")],
                gemeenten=[woerden],
            )
            service.locations.add(location)
        ContactPersonFactory.create_batch(3, organisation=organisation)
    login(client, personas.professional)

    with django_assert_max_num_queries(16):
        organisations = results(client.get(ORGANISATIONS))
    with django_assert_max_num_queries(15):
        found = results(client.get(SERVICES, {"gemeente": "GM0632"}))
    with django_assert_max_num_queries(12):
        contacts = results(client.get(CONTACTS))

    assert len(organisations) >= 2
    assert len(found) == 20
    assert len(contacts) == 6


# --- who may read and write -----------------------------------------------------------------------------------------


def test_anonymous_is_refused_everywhere(client, school):
    service = ServiceFactory(organisation=school)
    urls = [ORGANISATIONS, f"{ORGANISATIONS}{school.pk}/", SERVICES, f"{SERVICES}{service.pk}/", LOCATIONS, CONTACTS]
    for url in urls:
        for method in ("get", "post", "put", "patch", "delete"):
            assert send(client, method, url).status_code in (401, 403), (method, url)
    assert Service.objects.filter(pk=service.pk).exists()


def test_a_user_without_organisation_may_not_read_and_it_is_audited(client, login):
    from samenveilig.accounts.tests.factories import UserFactory

    loner = UserFactory(username="t_loner")
    login(client, loner)

    assert client.get(SERVICES).status_code == 403
    assert client.get(CONTACTS).status_code == 403

    refused = AuditEntry.objects.filter(actor_id=loner.pk, outcome=audit.REFUSED)
    assert set(refused.values_list("action", flat=True)) == {
        "sociale_kaart.search",
        "sociale_kaart.contactperson.listed",
    }


def test_aandachtsfunctionaris_patches_own_organisation(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school, last_verified=None, owner=None)
    login(client, personas.af)
    read = client.get(f"{ORGANISATIONS}{school.pk}/")

    response = send(
        client,
        "patch",
        f"{ORGANISATIONS}{school.pk}/",
        {"phone": "0348-999999", "has_meldcode_protocol": True, "lvak_member": False},
        HTTP_IF_MATCH=read["ETag"],
    )

    assert response.status_code == 200, response.content
    entry.refresh_from_db()
    assert (entry.phone, entry.has_meldcode_protocol, entry.lvak_member) == ("0348-999999", True, False)
    assert entry.last_verified is not None and entry.owner == personas.af
    assert response["ETag"] == f'"{version_of(entry)}"' != read["ETag"]
    latest = entry.history.first()
    assert (latest.history_user, latest.phone) == (personas.af, "0348-999999")
    write = AuditEntry.objects.get(action="sociale_kaart.organisationentry.updated")
    assert (write.actor_id, write.object_id, write.outcome) == (personas.af.pk, str(entry.pk), audit.ALLOWED)


def test_an_organisation_without_entry_gets_one_with_the_empty_version(client, login, personas, school):
    login(client, personas.af)
    read = client.get(f"{ORGANISATIONS}{school.pk}/")
    assert read["ETag"] == '""'

    response = send(client, "put", f"{ORGANISATIONS}{school.pk}/", {"description": "Basisschool."}, version="")

    assert response.status_code == 200, response.content
    assert OrganisationEntry.objects.get(organisation=school).description == "Basisschool."
    again = send(client, "patch", f"{ORGANISATIONS}{school.pk}/", {"description": "Anders."}, version="")
    assert again.status_code == 412


def test_aandachtsfunctionaris_gets_403_on_another_organisation(client, login, personas, other):
    entry = OrganisationEntryFactory(organisation=other, phone="030-1")
    service = ServiceFactory(organisation=other, name="Niet van mij")
    login(client, personas.af)

    patched = send(client, "patch", f"{ORGANISATIONS}{other.pk}/", {"phone": "030-2"}, version=version_of(entry))
    changed = send(client, "patch", f"{SERVICES}{service.pk}/", {"name": "Wel"}, version=version_of(service))
    created = send(client, "post", SERVICES, {"organisation": other.pk, "name": "Nieuw", "kind": "preventief"})
    deleted = send(client, "delete", f"{SERVICES}{service.pk}/", version=version_of(service))

    assert [r.status_code for r in (patched, changed, created, deleted)] == [403, 403, 403, 403]
    entry.refresh_from_db()
    service.refresh_from_db()
    assert (entry.phone, service.name) == ("030-1", "Niet van mij")
    assert not Service.objects.filter(name="Nieuw").exists()
    refused = AuditEntry.objects.filter(actor_id=personas.af.pk, outcome=audit.REFUSED)
    assert set(refused.values_list("action", flat=True)) == {
        "sociale_kaart.organisationentry.updated",
        "sociale_kaart.service.updated",
        "sociale_kaart.service.created",
        "sociale_kaart.service.deleted",
    }


def test_coordinator_writes_every_entry(client, login, personas, school, other):
    entry = OrganisationEntryFactory(organisation=other)
    service = ServiceFactory(organisation=school)
    person = ContactPersonFactory(organisation=other)
    login(client, personas.coordinator)

    responses = [
        send(client, "patch", f"{ORGANISATIONS}{other.pk}/", {"af_trained": True}, version=version_of(entry)),
        send(client, "patch", f"{SERVICES}{service.pk}/", {"cost": "gratis"}, version=version_of(service)),
        send(client, "post", SERVICES, {"organisation": other.pk, "name": "Jongerenspreekuur", "kind": "preventief"}),
        send(client, "post", LOCATIONS, {"organisation": other.pk, "name": "Jongerencentrum"}),
        send(client, "delete", f"{CONTACTS}{person.pk}/", version=version_of(person)),
    ]

    assert [r.status_code for r in responses] == [200, 200, 201, 201, 204]
    assert OrganisationEntry.objects.get(organisation=other).af_trained is True
    assert Service.objects.get(pk=service.pk).cost == "gratis"
    assert Service.objects.get(name="Jongerenspreekuur").organisation == other
    assert Location.objects.get(name="Jongerencentrum").organisation == other
    assert not ContactPerson.objects.filter(pk=person.pk).exists()
    assert responses[2]["Location"].endswith(f"{SERVICES}{Service.objects.get(name='Jongerenspreekuur').pk}/")


@pytest.mark.parametrize("persona", ["professional", "colleague", "outsider", "veiligthuis", "beheerder"])
def test_other_roles_get_403_on_every_write(client, login, personas, school, persona):
    entry = OrganisationEntryFactory(organisation=school, phone="0348-1")
    service = ServiceFactory(organisation=school, name="Blijft")
    location = LocationFactory(organisation=school)
    person = ContactPersonFactory(organisation=school)
    user = getattr(personas, persona)
    login(client, user)

    writes = [
        ("put", f"{ORGANISATIONS}{school.pk}/", {"phone": "1"}, version_of(entry)),
        ("patch", f"{ORGANISATIONS}{school.pk}/", {"phone": "1"}, version_of(entry)),
        ("post", SERVICES, {"organisation": school.pk, "name": "x", "kind": "preventief"}, None),
        ("put", f"{SERVICES}{service.pk}/", {"name": "x", "kind": "preventief"}, version_of(service)),
        ("patch", f"{SERVICES}{service.pk}/", {"name": "x"}, version_of(service)),
        ("delete", f"{SERVICES}{service.pk}/", None, version_of(service)),
        ("post", LOCATIONS, {"organisation": school.pk, "name": "x"}, None),
        ("patch", f"{LOCATIONS}{location.pk}/", {"name": "x"}, version_of(location)),
        ("delete", f"{LOCATIONS}{location.pk}/", None, version_of(location)),
        ("post", CONTACTS, {"organisation": school.pk, "name": "x", "role": "sleutelpersoon"}, None),
        ("patch", f"{CONTACTS}{person.pk}/", {"name": "x"}, version_of(person)),
        ("delete", f"{CONTACTS}{person.pk}/", None, version_of(person)),
    ]
    for method, url, data, version in writes:
        assert send(client, method, url, data, version=version).status_code == 403, (method, url)

    assert AuditEntry.objects.filter(actor_id=user.pk, outcome=audit.REFUSED).count() == len(writes)
    assert OrganisationEntry.objects.get(organisation=school).phone == "0348-1"
    assert list(Service.objects.filter(organisation=school).values_list("name", flat=True)) == ["Blijft"]
    assert Location.objects.filter(pk=location.pk).exists() and ContactPerson.objects.filter(pk=person.pk).exists()


def test_a_personal_token_reads_and_writes_as_its_membership(client, personas, school):
    service = ServiceFactory(organisation=school, name="Spreekuur")
    membership = personas.af.memberships.get()
    _token, key = ApiToken.generate(user=personas.af, membership=membership, name="Registratiesysteem")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    read = client.get(f"{SERVICES}{service.pk}/", **auth)
    write = send(client, "patch", f"{SERVICES}{service.pk}/", {"cost": "gratis"}, HTTP_IF_MATCH=read["ETag"], **auth)

    assert read.status_code == 200
    assert write.status_code == 200, write.content
    service.refresh_from_db()
    assert service.cost == "gratis"
    assert service.history.first().history_user == personas.af
    entry = AuditEntry.objects.get(action="sociale_kaart.service.updated")
    assert (entry.actor_id, entry.organisation_id) == (personas.af.pk, school.pk)


# --- the version check, validation, and what a write leaves behind -------------------------------------------------


def test_a_write_without_if_match_is_refused_with_428(client, login, personas, school):
    service = ServiceFactory(organisation=school, name="Oud")
    login(client, personas.af)

    response = send(client, "patch", f"{SERVICES}{service.pk}/", {"name": "Nieuw"})

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    service.refresh_from_db()
    assert service.name == "Oud"


def test_a_change_made_after_reading_gives_412_and_changes_nothing(client, login, personas, school):
    service = ServiceFactory(organisation=school, name="Oud", themes=[theme("partnergeweld")])
    login(client, personas.af)
    read = client.get(f"{SERVICES}{service.pk}/")
    service.themes.add(theme("kindermishandeling"))  # a colleague changes the themes meanwhile
    history = service.history.count()

    response = send(client, "patch", f"{SERVICES}{service.pk}/", {"name": "Nieuw"}, HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 412
    assert "Iemand anders heeft dit gewijzigd" in response.json()["detail"]
    service.refresh_from_db()
    assert service.name == "Oud"
    assert service.history.count() == history
    assert not AuditEntry.objects.filter(action="sociale_kaart.service.updated").exists()


def test_two_api_writes_with_the_same_version_the_second_is_refused(client, login, personas, school):
    person = ContactPersonFactory(organisation=school, name="Anna")
    opened = version_of(person)
    login(client, personas.af)

    first = send(client, "patch", f"{CONTACTS}{person.pk}/", {"job_title": "Intern begeleider"}, version=opened)
    second = send(client, "delete", f"{CONTACTS}{person.pk}/", version=opened)

    assert (first.status_code, second.status_code) == (200, 412)
    assert ContactPerson.objects.get(pk=person.pk).job_title == "Intern begeleider"


def test_invalid_input_gives_field_errors_and_changes_nothing(client, login, personas, school, woerden):
    school.gemeenten.add(woerden)
    service = ServiceFactory(organisation=school, name="Oud")
    elsewhere = LocationFactory()  # of another organisation
    login(client, personas.af)

    response = send(
        client,
        "patch",
        f"{SERVICES}{service.pk}/",
        {
            "name": "Nieuw",
            "email": "geen-adres",
            "kind": "ruimtevaart",
            "themes": ["bestaat-niet"],
            "gemeenten": ["GM0344"],  # Utrecht: not where the school works
            "location_ids": [elsewhere.pk],
        },
        version=version_of(service),
    )

    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"email", "kind", "themes", "gemeenten", "location_ids"}
    assert "GM0344" in errors["gemeenten"][0]
    service.refresh_from_db()
    assert service.name == "Oud"
    assert not AuditEntry.objects.filter(action="sociale_kaart.service.updated").exists()


def test_a_district_outside_the_municipality_is_refused(client, login, personas, school, woerden):
    utrecht = gemeente("GM0344")
    school.gemeenten.add(woerden, utrecht)
    wijk = Wijk.objects.filter(gemeente=utrecht).order_by("-year").first()
    login(client, personas.af)

    refused = send(
        client, "post", LOCATIONS, {"organisation": school.pk, "name": "A", "gemeente": "GM0632", "wijk": wijk.code}
    )
    accepted = send(client, "post", LOCATIONS, {"organisation": school.pk, "name": "B", "wijk": wijk.code})

    assert refused.status_code == 400
    assert "ligt niet in de gemeente Woerden" in refused.json()["wijk"][0]
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["gemeente"] == "GM0344"
    assert not Location.objects.filter(name="A").exists()


def test_creating_a_service_leaves_history_audit_and_refreshes_its_search_document(
    client, login, personas, school, woerden, monkeypatch
):
    school.gemeenten.add(woerden)
    location = LocationFactory(organisation=school, gemeente=woerden)
    refreshed = []
    monkeypatch.setattr(services.search, "refresh_search_documents", refreshed.append)
    login(client, personas.af)

    response = send(
        client,
        "post",
        SERVICES,
        {
            "organisation": school.pk,
            "name": "Weerbaarheidstraining",
            "kind": "preventief",
            "themes": ["weerbaarheid"],
            "target_groups": ["4-12"],
            "gemeenten": ["0632"],
            "location_ids": [location.pk],
        },
    )

    assert response.status_code == 201, response.content
    service = Service.objects.get(name="Weerbaarheidstraining")
    assert response["ETag"] == f'"{version_of(service)}"'
    assert list(service.gemeenten.all()) == [woerden]
    assert list(service.locations.all()) == [location]
    assert service.last_verified is not None
    assert service.history.first().history_user == personas.af
    assert refreshed == [[service.pk]]
    created = AuditEntry.objects.get(action="sociale_kaart.service.created")
    assert (created.object_id, created.outcome) == (str(service.pk), audit.ALLOWED)


# --- one write path for pages and API --------------------------------------------------------------------------------


def test_page_edits_opened_together_the_second_is_refused(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school)
    opened = version_of(entry)
    url = reverse("sociale_kaart:entry_edit", args=[school.pk])
    login(client, personas.af)

    first = client.post(url, entry_data(entry, phone="0348-111111", version=opened))
    second = client.post(url, entry_data(entry, phone="0348-222222", version=opened))

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Iemand anders heeft dit gewijzigd" in second.content.decode()
    entry.refresh_from_db()
    assert entry.phone == "0348-111111"


def test_a_page_opened_before_an_api_write_is_refused(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school)
    opened = version_of(entry)
    login(client, personas.af)

    api = send(client, "patch", f"{ORGANISATIONS}{school.pk}/", {"phone": "0348-333333"}, version=opened)
    page = client.post(reverse("sociale_kaart:entry_edit", args=[school.pk]), entry_data(entry, version=opened))

    assert api.status_code == 200
    assert page.status_code == 200
    assert "Iemand anders heeft dit gewijzigd" in page.content.decode()
    entry.refresh_from_db()
    assert entry.phone == "0348-333333"


def test_save_form_raises_stale_version(rf, personas, school):
    entry = OrganisationEntryFactory(organisation=school, phone="0348-000000")
    opened = version_of(entry)
    OrganisationEntry.objects.filter(pk=entry.pk).update(phone="0348-222222")
    request = rf.post("/")
    request.user = personas.af
    personas.af.active_membership = personas.af.memberships.get()
    form = OrganisationEntryForm(entry_data(entry, version=opened), instance=entry)
    assert form.is_valid(), form.errors

    with pytest.raises(services.StaleVersion):
        services.save_form(request, form, action="sociale_kaart.organisationentry.updated", organisation=school)

    entry.refresh_from_db()
    assert entry.phone == "0348-222222"
