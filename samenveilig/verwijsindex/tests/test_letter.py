"""The information letter for the family: a PDF in plain Dutch with the professional's contact details and the
family's rights, never the BSN; the name for the salutation is used in that one request only."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.lib.testing import pdf_text
from samenveilig.verwijsindex.tests.conftest import BSN, register
from samenveilig.verwijsindex.tests.test_privacy import every_stored_value

pytestmark = pytest.mark.django_db

NAME = "Familie Testvoorbeeld"


def test_the_letter_explains_the_index_with_contact_details_and_no_bsn(client, login, connected, caplog):
    caplog.set_level(logging.DEBUG)
    signal = register(connected.professional, contact_phone="030-7654321").signal
    login(client, connected.professional)
    url = reverse("verwijsindex:information_letter", args=[signal.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": NAME})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    compact = "".join(text.split())  # the extracted text may split a word where the font kerns
    assert "Beste" + "".join(NAME.split()) in compact
    assert "Verwijsindex" in compact and "TestschoolDeLinde" in compact
    assert "030-7654321" in compact and connected.professional.email in compact
    assert "artikel14" in compact and "AutoriteitPersoonsgegevens" in compact
    assert BSN not in compact
    entry = AuditEntry.objects.get(action="verwijsindex.informatiebrief.created")
    assert entry.object_id == str(signal.pk)
    assert NAME not in every_stored_value()
    assert NAME not in caplog.text


def test_without_a_name_the_letter_greets_the_family(client, login, connected):
    signal = register(connected.professional).signal
    login(client, connected.professional)
    response = client.post(reverse("verwijsindex:information_letter", args=[signal.pk]), {"name": ""})
    assert "Bestejongere,besteouderofverzorger" in "".join(pdf_text(response.content).split())


def test_the_signal_page_offers_the_letter(client, login, connected):
    signal = register(connected.professional).signal
    login(client, connected.professional)
    html = client.get(reverse("verwijsindex:signal", args=[signal.pk])).content.decode()
    assert reverse("verwijsindex:information_letter", args=[signal.pk]) in html


@pytest.mark.parametrize("persona", ["colleague", "af", "outsider", "coordinator", "veiligthuis", "beheerder"])
def test_only_the_registering_professional_makes_the_letter(client, login, connected, persona):
    signal = register(connected.professional).signal
    login(client, getattr(connected, persona))
    url = reverse("verwijsindex:information_letter", args=[signal.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": NAME}).status_code == 404
    assert not AuditEntry.objects.filter(action="verwijsindex.informatiebrief.created").exists()
