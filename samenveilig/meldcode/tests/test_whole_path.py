"""A professional takes a concern from the first signal to the decision to report, through the pages."""

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import ChecklistItem, Dossier
from samenveilig.meldcode.workflow import Status

pytestmark = pytest.mark.django_db


def test_professional_goes_from_first_signal_to_report(client, login, personas):
    login(client, personas.professional)
    assert client.get(reverse("meldcode:dossier_list")).status_code == 200

    response = client.post(
        reverse("meldcode:dossier_create"),
        {
            "local_reference_dossier": "LL-2025-001",
            "concern": "kindermishandeling",
            "kind": "kind",
            "local_reference": "L123",
            "name": "Testkind Voorbeeld",
            "date_of_birth": "2016-03-01",
            "bsn": "111222333",
        },
    )
    dossier = Dossier.objects.get(local_reference="LL-2025-001")
    assert response.status_code == 302
    assert response["Location"] == reverse("meldcode:dossier_detail", args=[dossier.pk])
    assert dossier.owner == personas.professional and dossier.afweging_step == 5
    detail = reverse("meldcode:dossier_detail", args=[dossier.pk])
    page = client.get(detail).content.decode()
    assert "Testkind Voorbeeld" in page and "nu aan de beurt" in page

    item = ChecklistItem.objects.get(code="kind-4-12-letsel")
    response = client.post(
        reverse("meldcode:signal_add", args=[dossier.pk]),
        {
            "observed_on": "2025-01-06",
            "source": "zelf",
            "fact": "Blauwe plek op de bovenarm.",
            "interpretation": "Mogelijk vastgepakt.",
            "checklist_items": [item.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    response = client.post(
        reverse("meldcode:consultation_add", args=[dossier.pk]),
        {
            "consulted_on": "2025-01-07",
            "kind": "aandachtsfunctionaris",
            "with_whom": "De aandachtsfunctionaris",
            "question": "Is dit zorgelijk?",
            "advice": "Voer een gesprek met de ouders.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    response = client.post(
        reverse("meldcode:conversation_add", args=[dossier.pk]),
        {
            "held": "ja",
            "held_on": "2025-01-08",
            "participants": "Moeder",
            "said": "Zorgen over de blauwe plek.",
            "reaction": "Moeder werd boos.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    response = client.post(
        reverse("meldcode:weighing_add", args=[dossier.pk]),
        {"weighed_on": "2025-01-09", "note": "Herhaald letsel, uitleg klopt niet."},
    )
    assert response.status_code == 302, response.content.decode()
    dossier.refresh_from_db()
    assert dossier.step == 5

    url = reverse("meldcode:assessment_add", args=[dossier.pk])
    answers = {
        "answer_1": "ja",
        "reason_1": "Herhaald letsel.",
        "answer_2": "nee",
        "reason_2": "Niet acuut.",
        "answer_3": "ja",
        "reason_3": "Intern begeleider kan hulp regelen.",
        "answer_4": "nee",
        "reason_4": "Ouders weigeren hulp.",
        "version": dossier.version,
    }
    preview = client.post(url, {**answers, "intent": "preview"})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Melden bij Veilig Thuis" in text and "Afweging vastleggen" in text
    assert preview.context["form"].allowed == ("melden",)

    response = client.post(url, {**answers, "intent": "save", "outcome": "melden"})
    assert response.status_code == 302, response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.MELDEN
    assessment = dossier.assessments.get()
    assert assessment.outcome == "melden" and assessment.answers == ("ja", "nee", "ja", "nee", None)
    page = client.get(detail).content.decode()
    assert "Melden bij Veilig Thuis" in page and "Ouders weigeren hulp." in page

    actions = set(AuditEntry.objects.filter(object_type__startswith="meldcode").values_list("action", flat=True))
    assert {
        "meldcode.dossier.created",
        "meldcode.signal.added",
        "meldcode.consultation.added",
        "meldcode.conversation.added",
        "meldcode.weighing.added",
        "meldcode.assessment.added",
        "meldcode.dossier.viewed",
    } <= actions


def test_the_form_cannot_save_an_outcome_the_answers_forbid(client, login, personas):
    from samenveilig.meldcode.tests.factories import DossierFactory, record_steps_1_to_3

    dossier = DossierFactory(owner=personas.professional, afweging_step=4)
    record_steps_1_to_3(dossier, personas.professional)
    login(client, personas.professional)
    response = client.post(
        reverse("meldcode:assessment_add", args=[dossier.pk]),
        {
            "answer_1": "nee",
            "reason_1": "Uitleg klopt.",
            "intent": "save",
            "outcome": "hulp",
            "version": dossier.version,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "outcome" in form.errors
    assert form["reason_1"].value() == "Uitleg klopt."  # the input is kept
    assert not dossier.assessments.exists()


def test_answers_out_of_order_are_refused_at_the_question(client, login, personas):
    from samenveilig.meldcode.tests.factories import DossierFactory, record_steps_1_to_3

    dossier = DossierFactory(owner=personas.professional, afweging_step=4)
    record_steps_1_to_3(dossier, personas.professional)
    login(client, personas.professional)
    response = client.post(
        reverse("meldcode:assessment_add", args=[dossier.pk]),
        {
            "answer_1": "nee",
            "reason_1": "Geen vermoeden.",
            "answer_2": "ja",
            "reason_2": "x",
            "intent": "preview",
            "version": dossier.version,
        },
    )
    errors = response.context["form"].errors
    assert "answer_2" in errors and "vervalt" in errors["answer_2"][0]


def test_a_dossier_waits_for_steps_1_to_3_before_the_afweging(client, login, personas):
    from samenveilig.meldcode.tests.factories import DossierFactory

    dossier = DossierFactory(owner=personas.professional)
    login(client, personas.professional)
    response = client.get(reverse("meldcode:assessment_add", args=[dossier.pk]))
    assert "Rond eerst stap 1, 2, 3, 4 af" in response.content.decode()
