"""The aandachtsfunctionaris finds the transfer of a leaving professional's signals on the organisation's Meldcode
overview, next to the transfer of their dossiers: only while the Verwijsindex is on and the organisation is
connected."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from samenveilig.verwijsindex.models import AangeslotenOrganisatie

pytestmark = pytest.mark.django_db

LINK = "Signalen van een vertrokken professional overdragen"
OVERVIEW = "meldcode:organisation_overview"


def transfer_url(personas) -> str:
    return reverse("verwijsindex:transfer_signals", args=[personas.af.memberships.get().organisation_id])


def test_the_af_of_a_connected_organisation_finds_the_transfer_of_signals(client, login, connected):
    login(client, connected.af)
    html = client.get(reverse(OVERVIEW)).content.decode()
    assert LINK in html
    assert f'href="{transfer_url(connected)}"' in html
    assert client.get(transfer_url(connected)).status_code == 200


def test_a_professional_gets_neither_the_overview_nor_the_link(client, login, connected):
    login(client, connected.professional)
    response = client.get(reverse(OVERVIEW))
    assert response.status_code == 403
    assert LINK not in response.content.decode()


def test_no_link_when_the_organisation_is_not_connected(client, login, connected):
    AangeslotenOrganisatie.objects.filter(organisation__memberships__user=connected.af).delete()
    login(client, connected.af)
    response = client.get(reverse(OVERVIEW))
    assert response.status_code == 200
    assert LINK not in response.content.decode()


def test_no_link_while_the_verwijsindex_is_switched_off(client, login, connected):
    login(client, connected.af)
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False):
        response = client.get(reverse(OVERVIEW))
    assert response.status_code == 200
    assert LINK not in response.content.decode()
