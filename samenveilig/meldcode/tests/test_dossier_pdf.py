"""The whole dossier as PDF: every step and every assessment; identifying details only when asked; audited."""

import re

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.lib.testing import pdf_text
from samenveilig.meldcode.models import Assessment
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory, record_steps_1_to_3

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(personas):
    dossier = DossierFactory(owner=personas.professional, local_reference="PDF-1")
    person = dossier.persons.get()
    person.name, person.bsn, person.address = "Testkind Pdfmans", "123456782", "Teststraat 1, Testdorp"
    person.save()
    record_steps_1_to_3(dossier, personas.professional)
    for outcome, note in (("hulp", "Eerste afweging: hulp."), ("melden", "Tweede afweging: melden.")):
        Assessment.objects.create(
            dossier=dossier,
            step=5,
            answer_1="ja",
            reason_1="Signalen wijzen erop.",
            answer_2="nee",
            reason_2="Geen acuut gevaar.",
            outcome=outcome,
            decision_note=note,
            created_by=personas.professional,
        )
    return dossier


def flat(content: bytes) -> str:
    """The PDF's text without spaces and line breaks (text extraction splits kerned words: "T eststraat")."""
    return "".join(pdf_text(content).split())


def export(client, dossier, identifying: bool):
    data = {"identifying": "on"} if identifying else {}
    return client.post(reverse("meldcode:export_pdf", args=[dossier.pk]), data)


def test_pdf_without_identifying_details(client, login, personas, dossier):
    login(client, personas.professional)
    assert client.get(reverse("meldcode:export_pdf", args=[dossier.pk])).status_code == 200
    response = export(client, dossier, identifying=False)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat(response.content)
    assert "PDF-1" in text
    assert "Blauweplekopdearm." in text and "Gesprekvoeren." in text and "Zorgengedeeld." in text
    assert "Eersteafweging:hulp." in text and "Tweedeafweging:melden." in text
    assert "Pdfmans" not in text and "123456782" not in text and "Teststraat" not in text
    assert AuditEntry.objects.filter(
        action="meldcode.dossier.exported", purpose="pdf zonder identificerende gegevens", object_id=str(dossier.pk)
    ).exists()


def test_pdf_with_identifying_details(client, login, personas, dossier):
    login(client, personas.professional)
    text = flat(export(client, dossier, identifying=True).content)
    assert "TestkindPdfmans" in text and "123456782" in text and "Teststraat1" in text
    assert AuditEntry.objects.filter(
        action="meldcode.dossier.exported", purpose="pdf met identificerende gegevens"
    ).exists()


def test_an_added_colleague_may_export(client, login, personas, dossier):
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    login(client, personas.colleague)
    assert export(client, dossier, identifying=False).status_code == 200


def test_af_who_does_not_work_in_the_dossier_is_refused(client, login, personas, dossier):
    login(client, personas.af)
    assert export(client, dossier, identifying=True).status_code == 403
    assert AuditEntry.objects.filter(actor_id=personas.af.pk, action="meldcode.dossier.exported", outcome="refused")


@pytest.mark.parametrize("persona", ["colleague", "outsider", "coordinator", "veiligthuis", "beheerder"])
def test_others_get_404(client, login, personas, dossier, persona):
    login(client, getattr(personas, persona))
    assert export(client, dossier, identifying=True).status_code == 404
    assert client.get(reverse("meldcode:export_pdf", args=[dossier.pk])).status_code == 404


def test_pdf_holds_what_was_sent_to_veilig_thuis_and_its_feedback(client, login, personas):
    from samenveilig.meldcode import services_vt
    from samenveilig.meldcode.tests.test_vt_support import FACT, FEEDBACK, IDENTIFYING, acting, ready_dossier, send

    dossier, first, _second = ready_dossier(personas.professional, reference="PDF-VT-1")
    advice = send(personas.professional, dossier, kind="adviesvraag", signals=[first], question="Wat kan ik doen?")
    report = send(personas.professional, dossier, signals=[first])
    vt = acting(personas.veiligthuis)
    services_vt.acknowledge(vt, report)
    services_vt.update_status(vt, report, status="veiligheidsbeoordeling", **FEEDBACK)
    services_vt.acknowledge(vt, advice)
    login(client, personas.professional)

    text = flat(export(client, dossier, identifying=False).content)
    assert "VeiligThuis:adviesenmelding" in text
    assert "Adviesvraagvan" in text and "Meldingvan" in text
    assert "Watkanikdoen?" in text and "".join(FACT.split()) in text
    assert "Veiligheidsbeoordelinggedaan" in text and "".join(FEEDBACK["safety_conditions"].split()) in text
    assert "".join(FEEDBACK["message"].split()) in text and "Ontvangstbevestigd" in text
    assert "Ja,mijnidentiteitmag" in text  # the disclosure choice as sent
    assert "Kind1" in text  # named by its label in what was sent
    for value in ("Testkindje", IDENTIFYING["bsn"], "Proefstraat", "2016-04-01"):
        assert value not in text, value

    text = flat(export(client, dossier, identifying=True).content)
    assert re.search(r"Kind1\(\d+jaar\):ZoëTestkindje;geboortedatum2016-04-01", text)
    assert IDENTIFYING["bsn"] in text and "Proefstraat12" in text


def test_pdf_says_when_nothing_was_sent(client, login, personas, dossier):
    login(client, personas.professional)
    assert "ErisnognietsnaarVeiligThuisgestuurd." in flat(export(client, dossier, identifying=False).content)
