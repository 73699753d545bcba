"""The organisation's page on the map and the edit forms: what they show, what they keep, what they refuse."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenveilig.accounts.models import Organisation
from samenveilig.audit.models import AuditEntry
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart.forms import version_of
from samenveilig.sociale_kaart.models import Location, OrganisationEntry
from samenveilig.sociale_kaart.tests.factories import (
    ContactPersonFactory,
    LocationFactory,
    OrganisationEntryFactory,
    ServiceFactory,
    target_group,
    theme,
)
from samenveilig.sociale_kaart.tests.test_edit_permissions import entry_data, service_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(personas):
    return Organisation.objects.get(name="Testschool De Linde")


@pytest.fixture
def woerden():
    return Gemeente.objects.get(code="GM0632", year=2024)


@pytest.fixture
def utrecht():
    return Gemeente.objects.get(code="GM0344", year=2024)


def page(client, organisation):
    return client.get(reverse("sociale_kaart:organisation", args=[organisation.pk]))


def test_page_shows_entry_services_contacts_and_meldcode(client, login, personas, school, woerden):
    school.gemeenten.add(woerden)
    OrganisationEntryFactory(
        organisation=school, phone="0348-123456", has_meldcode_protocol=True, lvak_member=False, owner=personas.af
    )
    ServiceFactory(organisation=school, name="Vertrouwenspersoon", themes=[theme("kindermishandeling")])
    ContactPersonFactory(organisation=school, name="Anna de Vries", phone="06-12345678")
    LocationFactory(organisation=school, name="Hoofdgebouw", gemeente=woerden)
    login(client, personas.professional)

    response = page(client, school)

    assert response.status_code == 200
    html = response.content.decode()
    for text in ("0348-123456", "Woerden", "Vertrouwenspersoon", "Kindermishandeling", "Anna de Vries", "06-12345678"):
        assert text in html
    assert "Hoofdgebouw" in html
    meldcode = dict(response.context["meldcode"])
    assert meldcode["heeft een meldcodeprotocol"] is True
    assert meldcode["lid van de LVAK"] is False
    assert meldcode["Keurmerk Meldcode"] is None
    assert "Onbekend" in html


def test_page_read_is_audited(client, login, personas, school):
    login(client, personas.professional)

    page(client, school)

    entry = AuditEntry.objects.get(action="sociale_kaart.organisation.viewed")
    assert entry.actor_id == personas.professional.pk
    assert entry.object_id == str(school.pk)
    assert entry.outcome == "allowed"


def test_page_needs_an_organisation_to_act_for(client, login, school):
    from samenveilig.accounts.tests.factories import UserFactory

    loner = UserFactory(username="t_loner")
    login(client, loner)

    response = page(client, school)

    assert response.status_code == 403
    assert AuditEntry.objects.filter(action="sociale_kaart.organisation.viewed", outcome="refused").exists()


def test_stale_entry_shows_the_marker(client, login, personas, school, settings):
    old = timezone.localdate() - timedelta(days=settings.SAMENVEILIG_KAART_STALE_DAYS + 1)
    OrganisationEntryFactory(organisation=school, last_verified=old)
    login(client, personas.professional)

    response = page(client, school)

    assert response.context["is_stale"] is True
    assert "Verouderd" in response.content.decode()


def test_fresh_entry_has_no_marker(client, login, personas, school):
    OrganisationEntryFactory(organisation=school, last_verified=timezone.localdate())
    login(client, personas.professional)

    response = page(client, school)

    assert response.context["is_stale"] is False
    assert "erouderd" not in response.content.decode()


def test_saving_verifies_the_entry_and_keeps_a_history_with_the_user(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school, last_verified=timezone.localdate() - timedelta(days=500))
    login(client, personas.af)

    client.post(reverse("sociale_kaart:entry_edit", args=[school.pk]), entry_data(entry, phone="0348-999999"))

    entry.refresh_from_db()
    assert entry.last_verified == timezone.localdate()
    assert entry.owner == personas.af
    latest = entry.history.first()
    assert latest.history_user == personas.af
    assert latest.phone == "0348-999999"

    response = page(client, school)
    change = response.context["history"][0]
    assert change["user"] == personas.af
    assert "telefoon (algemeen)" in change["fields"]
    assert "telefoon (algemeen)" in response.content.decode()


def test_saving_a_service_verifies_it_and_keeps_its_terms(client, login, personas, school, woerden):
    school.gemeenten.add(woerden)
    service = ServiceFactory(organisation=school, last_verified=None)
    login(client, personas.af)

    response = client.post(
        reverse("sociale_kaart:service_edit", args=[service.pk]),
        service_data(
            service,
            themes=[theme("partnergeweld").pk],
            target_groups=[target_group("ouders").pk],
            gemeenten=[woerden.pk],
        ),
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.last_verified == timezone.localdate()
    assert list(service.themes.values_list("code", flat=True)) == ["partnergeweld"]
    assert list(service.gemeenten.all()) == [woerden]
    assert service.history.first().history_user == personas.af


def test_service_form_offers_only_the_municipalities_served(client, login, personas, school, woerden):
    school.gemeenten.add(woerden)
    login(client, personas.af)

    form = client.get(reverse("sociale_kaart:service_create", args=[school.pk])).context["form"]

    assert list(form.fields["gemeenten"].queryset) == [woerden]


def test_service_form_offers_the_newest_year_without_municipalities_served(client, login, personas, school):
    login(client, personas.af)

    form = client.get(reverse("sociale_kaart:service_create", args=[school.pk])).context["form"]

    assert form.fields["gemeenten"].queryset.count() == Gemeente.objects.filter(year=2024).count()


def test_invalid_email_keeps_the_input_and_shows_the_error(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school, email="oud@example.invalid")
    login(client, personas.af)

    response = client.post(
        reverse("sociale_kaart:entry_edit", args=[school.pk]),
        entry_data(entry, email="geen-adres", description="Mijn nieuwe tekst"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].errors["email"]
    assert 'value="geen-adres"' in html
    assert "Mijn nieuwe tekst" in html
    assert 'id="id_email_error"' in html
    entry.refresh_from_db()
    assert entry.email == "oud@example.invalid"


def test_wijk_of_another_municipality_is_refused(client, login, personas, school, woerden, utrecht):
    school.gemeenten.add(woerden, utrecht)
    wijk = Wijk.objects.filter(gemeente=utrecht).first()
    login(client, personas.af)

    response = client.post(
        reverse("sociale_kaart:location_create", args=[school.pk]),
        {"name": "Dependance", "address": "Kerkstraat 3", "gemeente": woerden.pk, "wijk": wijk.pk, "version": ""},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["wijk"]
    assert "ligt niet in de gemeente Woerden" in errors[0]
    assert 'value="Kerkstraat 3"' in response.content.decode()
    assert not Location.objects.filter(name="Dependance").exists()


def test_location_with_matching_wijk_is_saved(client, login, personas, school, woerden):
    school.gemeenten.add(woerden)
    wijk = Wijk.objects.filter(gemeente=woerden).first()
    login(client, personas.af)

    response = client.post(
        reverse("sociale_kaart:location_create", args=[school.pk]),
        {"name": "Dependance", "gemeente": "", "wijk": wijk.pk, "version": ""},
    )

    assert response.status_code == 302
    location = Location.objects.get(name="Dependance")
    assert location.organisation == school
    assert location.gemeente == woerden  # taken from the wijk


def test_a_change_made_after_the_form_was_opened_is_not_overwritten(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school, phone="0348-000000")
    opened = version_of(entry)
    OrganisationEntry.objects.filter(pk=entry.pk).update(phone="0348-222222")  # a colleague saves meanwhile
    login(client, personas.af)

    response = client.post(
        reverse("sociale_kaart:entry_edit", args=[school.pk]), entry_data(entry, phone="0348-333333", version=opened)
    )

    assert response.status_code == 200
    assert "Iemand anders heeft dit gewijzigd" in response.content.decode()
    assert 'value="0348-333333"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.phone == "0348-222222"


def test_marking_verified_changes_nothing_else(client, login, personas, school):
    entry = OrganisationEntryFactory(organisation=school, last_verified=timezone.localdate() - timedelta(days=400))
    login(client, personas.af)

    response = client.post(reverse("sociale_kaart:entry_verified", args=[school.pk]))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.last_verified == timezone.localdate()
    assert entry.phone == "0348-000000"
    assert AuditEntry.objects.filter(action="sociale_kaart.organisationentry.verified", outcome="allowed").exists()


def test_page_queries_are_bounded(client, login, personas, school, woerden, django_assert_max_num_queries):
    school.gemeenten.add(woerden)
    OrganisationEntryFactory(organisation=school)
    location = LocationFactory(organisation=school)
    for _ in range(20):
        service = ServiceFactory(
            organisation=school,
            themes=[theme("kindermishandeling"), theme("partnergeweld")],
            target_groups=[target_group("ouders")],
            gemeenten=[woerden],
        )
        service.locations.add(location)
        service.name += " (gewijzigd)"
        service.save()  # history with predecessors to diff against
    for _ in range(5):
        ContactPersonFactory(organisation=school)
    login(client, personas.af)

    with django_assert_max_num_queries(30):
        response = page(client, school)

    assert response.status_code == 200
    assert len(response.context["services"]) == 20
    assert len(response.context["history"]) == 20
