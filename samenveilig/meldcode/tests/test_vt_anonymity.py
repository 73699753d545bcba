"""An advice request is anonymous: nothing that identifies a person of the dossier leaves it. A report carries the
identifying details. Either way only the chosen facts go along, never the interpretations."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from samenveilig.lib.testing import pdf_text
from samenveilig.meldcode.tests.test_vt_support import (
    FACT,
    IDENTIFYING,
    INTERPRETATION,
    acting,
    ready_dossier,
    send,
    token_for,
)

pytestmark = pytest.mark.django_db


def _identifying_forms():
    return [
        IDENTIFYING["name"],
        "Testkindje",
        IDENTIFYING["bsn"],
        IDENTIFYING["address"],
        "Proefstraat",
        IDENTIFYING["date_of_birth"],
        "01-04-2016",
        "1-4-2016",
        IDENTIFYING["local_reference"],
        "DOS-VT-1",
    ]


def test_advice_request_carries_no_identifying_detail_anywhere(client, login, personas):
    dossier, _first, _second = ready_dossier(personas.professional, reporting=False)
    melding = send(personas.professional, dossier, kind="adviesvraag")
    places = {
        "record": melding.content + json.dumps(melding.data, ensure_ascii=False),
        "pdf": pdf_text(melding.pdf_bytes),
    }
    login(client, personas.veiligthuis)
    places["inbox"] = client.get(reverse("meldcode:inbox")).content.decode()
    places["inbox detail"] = client.get(reverse("meldcode:inbox_detail", args=[melding.pk])).content.decode()
    auth = token_for(personas.veiligthuis)
    places["api inbox"] = client.get("/api/v1/meldcode/vt-inbox/", **auth).content.decode("unicode_escape")
    places["api detail"] = client.get(f"/api/v1/meldcode/vt-inbox/{melding.pk}/", **auth).content.decode(
        "unicode_escape"
    )
    assert FACT in places["inbox detail"] and FACT in places["pdf"]
    age = melding.data["persons"][0]["age"]
    assert age and f"{age} jaar" in places["inbox detail"]  # the age, not the birth date
    for where, text in places.items():
        for value in _identifying_forms():
            assert value.lower() not in text.lower(), f"{value!r} appears in the {where}"


def test_advice_request_refuses_text_that_names_someone(personas):
    dossier, first, _second = ready_dossier(personas.professional, reporting=False)
    with pytest.raises(ValidationError) as error:
        send(
            personas.professional,
            dossier,
            kind="adviesvraag",
            signals=[first],
            question="Zoë lijkt bang voor haar vader.",
        )
    assert "question" in error.value.message_dict
    with pytest.raises(ValidationError):
        send(personas.professional, dossier, kind="adviesvraag", question="Wat te doen? BSN 111222333.")


def test_report_carries_identifying_details_and_reporter_encrypted(personas):
    dossier, first, _second = ready_dossier(personas.professional)
    melding = send(personas.professional, dossier, signals=[first])
    person = melding.data["persons"][0]
    assert person["name"] == IDENTIFYING["name"] and person["bsn"] == IDENTIFYING["bsn"]
    assert melding.data["reporter"]["name"] == str(personas.professional)
    assert melding.data["identity_disclosure"] == "ja"
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, pdf FROM meldcode_melding WHERE id = %s", [melding.pk])
        content, pdf = cursor.fetchone()
    assert IDENTIFYING["name"] not in content and FACT not in content and not pdf.startswith("JVBER")


def test_pdf_holds_the_chosen_facts_and_never_the_interpretations(personas):
    dossier, first, second = ready_dossier(personas.professional)
    melding = send(personas.professional, dossier, signals=[first])
    text = pdf_text(melding.pdf_bytes)
    assert FACT in text and "Schrikt bij harde geluiden." not in text  # only the chosen fact
    for signal in (first, second):
        assert signal.interpretation not in text
    assert INTERPRETATION not in melding.content


def test_a_report_needs_a_fact_and_the_disclosure_choice(personas):
    dossier, _first, _second = ready_dossier(personas.professional)
    with pytest.raises(ValidationError) as error:
        send(personas.professional, dossier, signals=[], identity_disclosure="")
    assert {"signals", "identity_disclosure"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        send(personas.professional, dossier, identity_disclosure="nee_gevaar", nondisclosure_reason="")
    assert "nondisclosure_reason" in error.value.message_dict


def test_records_of_another_dossier_cannot_be_chosen(personas):
    dossier, _first, _second = ready_dossier(personas.professional)
    from samenveilig.meldcode.models import SignalEntry
    from samenveilig.meldcode.tests.factories import DossierFactory

    other = DossierFactory(owner=personas.colleague)
    foreign = SignalEntry.objects.create(
        dossier=other, observed_on=other.opened_on, fact="X", created_by=personas.colleague
    )
    with pytest.raises(ValidationError):
        send(personas.professional, dossier, signals=[foreign])
    assert acting(personas.professional)
