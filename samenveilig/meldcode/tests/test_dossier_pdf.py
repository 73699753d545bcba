"""The whole dossier as PDF: every step and every assessment; identifying details only when asked; audited."""

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
