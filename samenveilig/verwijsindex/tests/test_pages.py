"""The pages: my signals, register, a signal, end it, history; beheer; each refuses the wrong persona."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Jongere, Signaal, Signaalhistorie
from samenveilig.verwijsindex.tests.conftest import BSN, register

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "bsn": BSN,
        "birth_date": "2012-05-17",
        "start_date": "2024-01-08",
        "contact_name": "Femke Voorbeeld",
        "contact_phone": "030-1234567",
        "contact_email": "femke@example.invalid",
        "informed": "geinformeerd",
        "label": "Dossier 42",
    }
    data.update(changes)
    return data


def test_professional_registers_through_the_form_and_sees_the_match(client, login, connected):
    p = connected
    register(p.outsider)
    login(client, p.professional)
    page = client.get(reverse("verwijsindex:signal_create"))
    assert page.status_code == 200
    assert "Afgesproken criteria van de testregio." in page.content.decode()
    response = client.post(reverse("verwijsindex:signal_create"), form_data(), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een match" in html
    assert "Testjongerenwerk" in html
    assert BSN not in html  # never echoed back after saving
    signal = Signaal.objects.get(professional=p.professional)
    assert signal.label == "Dossier 42"


def test_form_errors_are_shown_at_the_field_and_input_is_kept(client, login, connected):
    login(client, connected.professional)
    response = client.post(reverse("verwijsindex:signal_create"), form_data(bsn="999990018", birth_date="1990-01-01"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "geen geldig burgerservicenummer" in html
    assert "jongeren tot 23 jaar" in html
    assert 'value="Femke Voorbeeld"' in html
    assert not Signaal.objects.exists()
    assert not Jongere.objects.exists()


def test_my_signals_lists_own_signals_with_parties_in_few_queries(
    client, login, connected, third, django_assert_max_num_queries
):
    p = connected
    for n, bsn in enumerate(["999990019", "999990032", "999990044", "999990056"]):
        register(p.professional, bsn)
        if n % 2 == 0:
            register(p.outsider, bsn)
            register(third, bsn)
    register(p.colleague, "999990068")
    login(client, p.professional)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("verwijsindex:signal_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Testwijkteam") == 2
    assert "4 signalen" in html
    assert AuditEntry.objects.filter(action="verwijsindex.match.viewed").count() == 2


def test_professional_ends_own_signal_with_a_reason(client, login, connected):
    p = connected
    signal = register(p.professional).signal
    register(p.outsider)
    login(client, p.professional)
    response = client.post(reverse("verwijsindex:signal_end", args=[signal.pk]), {"reason": "risico_weg"})
    assert response.status_code == 302
    assert not Signaal.objects.filter(pk=signal.pk).exists()
    trace = Signaalhistorie.objects.get()
    assert trace.reason == "risico_weg"
    assert AuditEntry.objects.filter(action="verwijsindex.signaal.ended", object_id=str(signal.pk)).exists()
    assert AuditEntry.objects.filter(action="verwijsindex.match.ended").exists()


def test_ending_needs_a_reason(client, login, connected):
    signal = register(connected.professional).signal
    login(client, connected.professional)
    response = client.post(reverse("verwijsindex:signal_end", args=[signal.pk]), {})
    assert response.status_code == 400
    assert Signaal.objects.filter(pk=signal.pk).exists()


def test_history_is_shown_only_on_request_with_a_logged_reason(client, login, connected):
    p = connected
    old = register(p.outsider).signal
    login(client, p.outsider)
    client.post(reverse("verwijsindex:signal_end", args=[old.pk]), {"reason": "niet_terecht"})
    login(client, p.professional)
    response = client.post(reverse("verwijsindex:signal_create"), form_data(), follow=True)
    assert "eerder signalen" in response.content.decode()
    mine = Signaal.objects.get(professional=p.professional)
    response = client.post(reverse("verwijsindex:signal_history", args=[mine.pk]), {"purpose": "afstemming"})
    assert "Testjongerenwerk" in response.content.decode()
    entry = AuditEntry.objects.get(action="verwijsindex.signaalhistorie.requested")
    assert "afstemming" in entry.purpose


# --- the wrong persona ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["colleague", "af", "outsider", "coordinator", "veiligthuis", "beheerder"])
def test_only_the_registering_professional_sees_or_ends_a_signal(client, login, connected, persona):
    signal = register(connected.professional).signal
    login(client, getattr(connected, persona))
    for name, method, data in [
        ("verwijsindex:signal", "get", {}),
        ("verwijsindex:signal_end", "post", {"reason": "risico_weg"}),
        ("verwijsindex:signal_history", "post", {"purpose": "afstemming"}),
    ]:
        response = getattr(client, method)(reverse(name, args=[signal.pk]), data)
        assert response.status_code in (403, 404), (name, response.status_code)
    assert Signaal.objects.filter(pk=signal.pk).exists()
    assert AuditEntry.objects.filter(action="verwijsindex.signaal.viewed", outcome="refused").exists()


@pytest.mark.parametrize("persona", ["coordinator", "beheerder"])
def test_coordinator_and_beheerder_cannot_list_or_register(client, login, connected, persona):
    login(client, getattr(connected, persona))
    assert client.get(reverse("verwijsindex:signal_list")).status_code == 403
    assert client.get(reverse("verwijsindex:signal_create")).status_code == 403
    assert client.post(reverse("verwijsindex:signal_create"), form_data()).status_code == 403
    assert not Signaal.objects.exists()


def test_a_professional_of_an_unconnected_organisation_cannot_register(client, login, connected):
    AangeslotenOrganisatie.objects.filter(organisation__name="Testjongerenwerk").delete()
    login(client, connected.outsider)
    assert client.post(reverse("verwijsindex:signal_create"), form_data()).status_code == 403
    assert client.get(reverse("verwijsindex:signal_list")).status_code == 200
    assert not Signaal.objects.exists()


@pytest.mark.parametrize("persona", ["professional", "af", "coordinator", "veiligthuis"])
def test_only_the_beheerder_manages_connections_and_records_deaths(client, login, connected, persona):
    school = AangeslotenOrganisatie.objects.get(organisation__name="Testschool De Linde").organisation
    login(client, getattr(connected, persona))
    assert client.get(reverse("verwijsindex:beheer_connections")).status_code == 403
    assert client.get(reverse("verwijsindex:beheer_connection_edit", args=[school.pk])).status_code == 403
    response = client.post(reverse("verwijsindex:beheer_connection_edit", args=[school.pk]), {"criteria": "x"})
    assert response.status_code == 403
    assert client.post(reverse("verwijsindex:beheer_death"), {"bsn": BSN, "confirm": "on"}).status_code == 403
    assert AangeslotenOrganisatie.objects.get(organisation=school).meldingsbevoegd


def test_beheerder_connects_an_organisation_with_criteria(client, login, connected):
    vt = connected.veiligthuis.memberships.get().organisation
    login(client, connected.beheerder)
    assert client.get(reverse("verwijsindex:beheer_connections")).status_code == 200
    response = client.post(
        reverse("verwijsindex:beheer_connection_edit", args=[vt.pk]),
        {"meldingsbevoegd": "on", "criteria": "Bij een redelijk vermoeden."},
    )
    assert response.status_code == 302
    connection = AangeslotenOrganisatie.objects.get(organisation=vt)
    assert connection.meldingsbevoegd and connection.criteria == "Bij een redelijk vermoeden."
    assert AuditEntry.objects.filter(action="verwijsindex.aangeslotenorganisatie.updated").exists()


def test_beheerder_records_a_death_without_learning_whether_the_index_knew(client, login, connected):
    register(connected.professional)
    login(client, connected.beheerder)
    response = client.post(reverse("verwijsindex:beheer_death"), {"bsn": BSN, "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert not Signaal.objects.exists()
    assert Signaalhistorie.objects.get().reason == "overleden"
    assert BSN not in response.content.decode()


# --- switched off --------------------------------------------------------------------------------------------------


def test_switched_off_the_pages_answer_404_and_the_menu_item_is_gone(client, login, connected):
    signal = register(connected.professional).signal
    login(client, connected.professional)
    assert 'href="/verwijsindex/"' in client.get("/").content.decode()
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False):
        assert 'href="/verwijsindex/"' not in client.get("/").content.decode()
        for url in [
            reverse("verwijsindex:signal_list"),
            reverse("verwijsindex:signal_create"),
            reverse("verwijsindex:signal", args=[signal.pk]),
            reverse("verwijsindex:beheer_connections"),
        ]:
            assert client.get(url).status_code == 404, url
