"""The acceptance path: a professional takes a concern from the first signal to a report, in the browser (pages) and
through the API, and sees Veilig Thuis' status updates and feedback in the dossier."""

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.lib.testing import pdf_text
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.models_vt import Melding
from samenveilig.meldcode.tests.test_vt_support import FEEDBACK, IDENTIFYING, ready_dossier, token_for
from samenveilig.meldcode.vt_workflow import VtStatus
from samenveilig.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _assess_to_report(client, dossier):
    answers = {
        "answer_1": "ja",
        "reason_1": "Letsel en angst.",
        "answer_2": "ja",
        "reason_2": "Herhaald geweld: structureel onveilig.",
        "outcome": "melden",
        "decision_note": "",
        "version": Dossier.objects.get(pk=dossier.pk).version,
        "intent": "save",
    }
    response = client.post(reverse("meldcode:assessment_add", args=[dossier.pk]), answers)
    assert response.status_code == 302, response.content.decode()


def test_professional_reports_through_the_pages_and_sees_the_feedback(client, login, personas):
    login(client, personas.professional)
    client.post(
        reverse("meldcode:dossier_create"),
        {
            "local_reference_dossier": "PAD-1",
            "concern": "kindermishandeling",
            "kind": "kind",
            "name": IDENTIFYING["name"],
            "bsn": IDENTIFYING["bsn"],
        },
    )
    dossier = Dossier.objects.get(local_reference="PAD-1")
    client.post(
        reverse("meldcode:signal_add", args=[dossier.pk]),
        {"observed_on": "2025-03-03", "source": "zelf", "fact": "Striemen op de rug.", "interpretation": "Geslagen."},
    )
    client.post(
        reverse("meldcode:consultation_add", args=[dossier.pk]),
        {
            "consulted_on": "2025-03-03",
            "kind": "aandachtsfunctionaris",
            "with_whom": "AF",
            "question": "Wat nu?",
            "advice": "Melden.",
        },
    )
    client.post(
        reverse("meldcode:conversation_add", args=[dossier.pk]),
        {"held": "nee", "held_on": "2025-03-03", "skip_reason": "veiligheid", "skip_explanation": "Vader dreigde."},
    )
    client.post(reverse("meldcode:weighing_add", args=[dossier.pk]), {"weighed_on": "2025-03-03", "note": "Ernstig."})
    _assess_to_report(client, dossier)
    detail = client.get(reverse("meldcode:dossier_detail", args=[dossier.pk])).content.decode()
    compose_url = reverse("meldcode:compose", args=[dossier.pk])
    assert compose_url in detail and "Melding opstellen" in detail

    signal = dossier.signals.get()
    form = {
        "kind": "melding",
        "question": "Wij maken ons zorgen over de veiligheid thuis.",
        "signals": [signal.pk],
        "identity_disclosure": "nee_gevaar",
        "nondisclosure_reason": "",
    }
    response = client.post(compose_url, {**form, "intent": "preview"})
    assert "Licht toe wie er in gevaar komt" in response.content.decode()  # the field's error, input kept
    assert "Wij maken ons zorgen" in response.content.decode()
    form["nondisclosure_reason"] = "Vader dreigde de moeder iets aan te doen."
    preview = client.post(compose_url, {**form, "intent": "preview"}).content.decode()
    assert "Striemen op de rug." in preview and "Geslagen." not in preview and IDENTIFYING["name"] in preview
    assert not Melding.objects.exists()  # a preview sends nothing
    response = client.post(compose_url, {**form, "intent": "send"})
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.vt_organisation.name == "Veilig Thuis Testregio" and melding.status == VtStatus.VERZONDEN
    assert melding.feedback_due_on is not None
    assert "Striemen op de rug." in pdf_text(melding.pdf_bytes)

    # Veilig Thuis acknowledges and gives the feedback the law asks for.
    login(client, personas.veiligthuis)
    inbox = client.get(reverse("meldcode:inbox")).content.decode()
    assert f"#{melding.pk}" in inbox
    assert client.get(reverse("meldcode:inbox_detail", args=[melding.pk])).status_code == 200
    assert client.post(reverse("meldcode:acknowledge", args=[melding.pk])).status_code == 302
    melding.refresh_from_db()
    status_url = reverse("meldcode:update_status", args=[melding.pk])
    response = client.post(
        status_url, {"status": "veiligheidsbeoordeling", "message": "Gedaan.", "version": melding.version}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Geef aan of er een vervolg is ingezet." in page
    response = client.post(
        status_url,
        {
            "status": "veiligheidsbeoordeling",
            "message": FEEDBACK["message"],
            "follow_up_started": "ja",
            "handed_to": "lokaal_team",
            "reporter_has_role": "ja",
            "safety_conditions": FEEDBACK["safety_conditions"],
            "monitoring_agreements": FEEDBACK["monitoring_agreements"],
            "version": melding.version,
        },
    )
    assert response.status_code == 302, response.content.decode()

    # The professional sees it in the dossier, and was told.
    login(client, personas.professional)
    detail = client.get(reverse("meldcode:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Veiligheidsbeoordeling gedaan" in detail and FEEDBACK["safety_conditions"] in detail
    assert (
        Notification.objects.filter(recipient=personas.professional, kind="meldcode.veilig_thuis_feedback").count() == 2
    )
    pdf = client.get(reverse("meldcode:sent_pdf", args=[dossier.pk, melding.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(action="meldcode.melding.pdf_downloaded", outcome="allowed").exists()


def test_professional_reports_through_the_api_and_reads_the_feedback(client, personas):
    dossier, first, _second = ready_dossier(personas.professional)
    auth = token_for(personas.professional)
    url = f"/api/v1/meldcode/dossiers/{dossier.pk}/meldingen/"
    response = client.post(
        url,
        {"message_kind": "melding", "question": "Zorgen.", "signals": [first.pk], "identity_disclosure": "ja"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    melding_id = response.json()["id"]
    assert response.json()["content"]["persons"][0]["bsn"] == IDENTIFYING["bsn"]

    vt = token_for(personas.veiligthuis)
    inbox = client.get("/api/v1/meldcode/vt-inbox/", **vt).json()
    assert [item["id"] for item in inbox["results"]] == [melding_id]
    ack = client.post(f"/api/v1/meldcode/vt-inbox/{melding_id}/acknowledge/", {}, content_type="application/json", **vt)
    assert ack.status_code == 200 and ack.json()["vt_status"] == "ontvangen"
    missing = client.post(
        f"/api/v1/meldcode/vt-inbox/{melding_id}/status/",
        {"vt_status": "veiligheidsbeoordeling", "message": "Gedaan."},
        content_type="application/json",
        **vt,
    )
    assert missing.status_code == 400 and {"follow_up_started", "handed_to", "reporter_has_role"} <= set(missing.json())
    done = client.post(
        f"/api/v1/meldcode/vt-inbox/{melding_id}/status/",
        {"vt_status": "veiligheidsbeoordeling", **FEEDBACK},
        content_type="application/json",
        **vt,
    )
    assert done.status_code == 200, done.content

    read = client.get(f"{url}{melding_id}/", **auth).json()
    assert read["vt_status"] == "veiligheidsbeoordeling"
    feedback = read["events"][-1]
    assert feedback["is_feedback"] and feedback["monitoring_agreements"] == FEEDBACK["monitoring_agreements"]
    assert [m["id"] for m in client.get(url, **auth).json()] == [melding_id]
