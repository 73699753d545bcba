"""Who sees the monitor: coordinators their municipalities; professionals and aandachtsfunctionarissen their own
organisation's system figures; everyone else is refused (and the refusal audited)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenveilig.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _gemeente_urls(code):
    return [
        reverse("monitor:gemeente", args=[code]),
        reverse("monitor:export", args=[code]) + "?formaat=csv",
        reverse("monitor:report_pdf", args=[code]),
        reverse("monitor:import_report", args=[code]),
        reverse("monitor:report_template", args=[code]),
        reverse("monitor:targets", args=[code]),
        reverse("monitor:district_map", args=[code]),
    ]


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "veiligthuis", "beheerder"])
def test_only_a_coordinator_sees_a_municipality(client, login, personas, gemeente, persona):
    login(client, getattr(personas, persona))
    for url in _gemeente_urls(gemeente.code):
        assert client.get(url).status_code == 403, url
    for url in (reverse("monitor:import_cbs"), reverse("monitor:datasets")):
        assert client.get(url).status_code == 403, url
    assert AuditEntry.objects.filter(action="monitor.dashboard.viewed", outcome="refused").exists()


def test_a_coordinator_is_refused_a_municipality_their_organisation_does_not_work_in(client, login, personas):
    from samenveilig.regio.tests.factories import GemeenteFactory

    elsewhere = GemeenteFactory(code="GM9502", name="Elders")
    login(client, personas.coordinator)
    for url in _gemeente_urls(elsewhere.code):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("monitor:import_report", args=[elsewhere.code]),
        {"bestand": SimpleUploadedFile("r.xlsx", b"x"), "versie": "2022-01-01"},
    )
    assert response.status_code == 403


def test_a_coordinator_sees_their_municipalities(client, login, personas, gemeente):
    login(client, personas.coordinator)
    index = client.get(reverse("monitor:index"))
    assert index.status_code == 200
    assert "Proefstad" in index.content.decode()
    for url in _gemeente_urls(gemeente.code):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("monitor:import_cbs")).status_code == 200
    assert client.get(reverse("monitor:datasets")).status_code == 200


@pytest.mark.parametrize("persona", ["coordinator", "veiligthuis", "beheerder"])
def test_only_professionals_see_their_organisation_page(client, login, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("monitor:organisation")).status_code == 403


@pytest.mark.parametrize("persona", ["professional", "af"])
def test_professionals_are_sent_to_their_organisation_figures(client, login, personas, persona):
    login(client, getattr(personas, persona))
    response = client.get(reverse("monitor:index"))
    assert response.status_code == 302 and response["Location"] == reverse("monitor:organisation")
    assert client.get(reverse("monitor:organisation")).status_code == 200


@pytest.mark.parametrize("persona", ["veiligthuis", "beheerder"])
def test_others_are_refused_the_index(client, login, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("monitor:index")).status_code == 403


def test_the_menu_shows_the_monitor_to_coordinators_and_professionals_only(client, login, personas):
    for persona, shown in (("coordinator", True), ("professional", True), ("veiligthuis", False)):
        login(client, getattr(personas, persona))
        page = client.get(reverse("core:home")).content.decode()
        assert (f'href="{reverse("monitor:index")}"' in page) is shown, persona
