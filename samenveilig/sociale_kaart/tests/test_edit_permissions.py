"""Who may edit a map entry: a coordinator every entry, an aandachtsfunctionaris only their own organisation's,
nobody else; every refusal is a 403 with an audit entry."""

import pytest
from django.urls import reverse

from samenveilig.accounts.models import Organisation
from samenveilig.audit.models import AuditEntry
from samenveilig.sociale_kaart.forms import version_of
from samenveilig.sociale_kaart.models import ContactPerson, OrganisationEntry, Service
from samenveilig.sociale_kaart.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationEntryFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(personas):
    return Organisation.objects.get(name="Testschool De Linde")


@pytest.fixture
def other(personas):
    return Organisation.objects.get(name="Testjongerenwerk")


def entry_data(entry, **changes):
    data = {
        "description": "Basisschool in de wijk.",
        "website": "https://www.example.invalid",
        "email": "info@example.invalid",
        "phone": "0348-111111",
        "has_meldcode_protocol": "true",
        "af_appointed": "true",
        "af_trained": "unknown",
        "lvak_member": "false",
        "keurmerk_meldcode": "unknown",
        "verwijsindex_connected": "unknown",
        "meldcode_checked_on": "",
        "version": version_of(entry),
    }
    data.update(changes)
    return data


def service_data(service, **changes):
    data = {"name": "Opvoedspreekuur", "kind": "preventief", "access": "vrij", "is_active": "on"}
    data["version"] = version_of(service)
    data.update(changes)
    return data


def edit_urls(organisation):
    """Every edit page of an organisation's entry (GET and POST both need the permission)."""
    service = ServiceFactory(organisation=organisation)
    person = ContactPersonFactory(organisation=organisation)
    location = LocationFactory(organisation=organisation)
    return [
        ("get", reverse("sociale_kaart:entry_edit", args=[organisation.pk])),
        ("post", reverse("sociale_kaart:entry_edit", args=[organisation.pk])),
        ("post", reverse("sociale_kaart:entry_verified", args=[organisation.pk])),
        ("get", reverse("sociale_kaart:service_create", args=[organisation.pk])),
        ("post", reverse("sociale_kaart:service_edit", args=[service.pk])),
        ("get", reverse("sociale_kaart:contact_create", args=[organisation.pk])),
        ("get", reverse("sociale_kaart:contact_edit", args=[person.pk])),
        ("post", reverse("sociale_kaart:contact_delete", args=[person.pk])),
        ("get", reverse("sociale_kaart:location_create", args=[organisation.pk])),
        ("get", reverse("sociale_kaart:location_edit", args=[location.pk])),
    ]


def test_aandachtsfunctionaris_edits_own_organisation_entry(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school, last_verified=None)
    login(client, personas.af)
    url = reverse("sociale_kaart:entry_edit", args=[school.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, entry_data(entry))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.phone == "0348-111111"
    assert entry.has_meldcode_protocol is True
    assert entry.af_trained is None
    assert entry.lvak_member is False
    assert AuditEntry.objects.filter(action="sociale_kaart.organisationentry.updated", outcome="allowed").exists()


def test_aandachtsfunctionaris_edits_and_adds_own_services(client, login, personas, school):
    service = ServiceFactory(organisation=school, name="Oud")
    login(client, personas.af)

    edited = client.post(reverse("sociale_kaart:service_edit", args=[service.pk]), service_data(service))
    created = client.post(
        reverse("sociale_kaart:service_create", args=[school.pk]), service_data(None, name="Nieuwe dienst")
    )

    assert edited.status_code == 302
    assert created.status_code == 302
    service.refresh_from_db()
    assert service.name == "Opvoedspreekuur"
    assert Service.objects.filter(organisation=school, name="Nieuwe dienst").exists()


def test_aandachtsfunctionaris_gets_403_on_another_organisation(client, login, personas, other):
    urls = edit_urls(other)
    login(client, personas.af)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
    assert AuditEntry.objects.filter(outcome="refused", actor_id=personas.af.pk).count() == len(urls)
    assert ContactPerson.objects.filter(organisation=other).exists()


def test_coordinator_edits_any_entry(client, login, personas, other):
    entry = OrganisationEntryFactory(organisation=other)
    service = ServiceFactory(organisation=other)
    login(client, personas.coordinator)

    response = client.post(reverse("sociale_kaart:entry_edit", args=[other.pk]), entry_data(entry, phone="030-9"))
    service_response = client.post(reverse("sociale_kaart:service_edit", args=[service.pk]), service_data(service))

    assert response.status_code == 302
    assert service_response.status_code == 302
    assert OrganisationEntry.objects.get(organisation=other).phone == "030-9"
    for method, url in edit_urls(other):
        assert getattr(client, method)(url).status_code in (200, 302), url


@pytest.mark.parametrize("persona", ["professional", "veiligthuis", "beheerder", "outsider"])
def test_other_roles_may_not_edit_and_each_refusal_is_audited(client, login, personas, school, persona):
    user = getattr(personas, persona)
    urls = edit_urls(school)
    login(client, user)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
    refused = AuditEntry.objects.filter(actor_id=user.pk, outcome="refused")
    assert refused.count() == len(urls)
    assert refused.filter(action="sociale_kaart.contactperson.deleted").exists()
    assert ContactPerson.objects.filter(organisation=school).exists()
    assert not OrganisationEntry.objects.filter(organisation=school).exists()


def test_edit_links_only_for_those_who_may_edit(client, login, personas, school):
    edit_url = reverse("sociale_kaart:entry_edit", args=[school.pk])
    page = reverse("sociale_kaart:organisation", args=[school.pk])

    login(client, personas.professional)
    assert edit_url not in client.get(page).content.decode()
    login(client, personas.af)
    assert edit_url in client.get(page).content.decode()


def test_contact_person_delete_by_own_aandachtsfunctionaris(client, login, personas, school):
    person = ContactPersonFactory(organisation=school)
    login(client, personas.af)

    response = client.post(reverse("sociale_kaart:contact_delete", args=[person.pk]))

    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=person.pk).exists()
    assert AuditEntry.objects.filter(action="sociale_kaart.contactperson.deleted", outcome="allowed").exists()
    assert client.get(reverse("sociale_kaart:contact_delete", args=[person.pk])).status_code == 405
