"""The acceptance path through the API alone, with token auth: a client system opens a dossier, records the first
signal (a fact), the consultation, the conversation, the weighing and the afweging that says "melden", sends the
report; Veilig Thuis (its own token) acknowledges and gives feedback through ``vt-inbox``; the professional reads the
status and the feedback through the API and on the dossier page. Then addenda, withdrawing, returning and forwarding,
and the wrong personas on each of those endpoints."""

import pytest
from django.urls import reverse

from samenveilig.accounts.models import Sector
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.models_vt import Melding, MeldingEvent
from samenveilig.meldcode.tests.factories import MemberFactory
from samenveilig.meldcode.tests.test_vt_support import FEEDBACK, ready_dossier, send, token_for

pytestmark = pytest.mark.django_db

API = "/api/v1/meldcode"
DAY = "2025-03-03"
FACT = "Blauwe plekken op beide bovenarmen gezien bij het omkleden."
INTERPRETATION = "Mogelijk hard vastgepakt."


def post(client, url, data, auth):
    return client.post(url, data, content_type="application/json", **auth)


def test_from_the_first_signal_to_veilig_thuis_feedback_through_the_api(client, personas, login):
    pro = token_for(personas.professional)
    opened = post(
        client,
        f"{API}/dossiers/",
        {
            "local_reference": "API-PAD-1",
            "concern": "kindermishandeling",
            "person": {"kind": "kind", "name": "Testkind Apipad", "date_of_birth": "2017-02-02", "bsn": "123456782"},
        },
        pro,
    )
    assert opened.status_code == 201, opened.content
    dossier = f"{API}/dossiers/{opened.json()['id']}"
    signal = post(
        client,
        f"{dossier}/signalen/",
        {"observed_on": DAY, "fact": FACT, "interpretation": INTERPRETATION},
        pro,
    )
    assert signal.status_code == 201, signal.content
    consultation = post(
        client,
        f"{dossier}/consultaties/",
        {
            "consulted_on": DAY,
            "kind": "aandachtsfunctionaris",
            "with_whom": "AF",
            "question": "Is dit zorgelijk?",
            "advice": "Ja.",
        },
        pro,
    )
    assert consultation.status_code == 201, consultation.content
    conversation = post(
        client,
        f"{dossier}/gesprekken/",
        {"held": True, "held_on": DAY, "said": "Zorgen gedeeld met moeder.", "reaction": "Moeder herkent het."},
        pro,
    )
    assert conversation.status_code == 201, conversation.content
    weighing = post(client, f"{dossier}/wegingen/", {"weighed_on": DAY, "note": "Ernstig en herhaald."}, pro)
    assert weighing.status_code == 201, weighing.content
    assert client.get(f"{dossier}/wegingen/", **pro).json()["results"][0]["note"] == "Ernstig en herhaald."
    version = client.get(f"{dossier}/", **pro).json()["version"]
    assessment = post(
        client,
        f"{dossier}/afwegingen/",
        {
            "answers": ["ja", "ja", "", "", ""],
            "reasons": ["Letsel.", "Structureel onveilig.", "", "", ""],
            "outcome": "melden",
            "version": version,
        },
        pro,
    )
    assert assessment.status_code == 201, assessment.content
    assert client.get(f"{dossier}/", **pro).json()["status"] == "melden"

    # An advice request is anonymous: the same check as the page refuses a name, at the field.
    named = post(
        client,
        f"{dossier}/meldingen/",
        {"message_kind": "adviesvraag", "question": "Wat moet ik met Testkind Apipad?"},
        pro,
    )
    assert named.status_code == 400 and "question" in named.json()
    # A report needs at least one fact and the disclosure choice.
    incomplete = post(client, f"{dossier}/meldingen/", {"message_kind": "melding", "question": "Zorgen."}, pro)
    assert incomplete.status_code == 400 and {"signals", "identity_disclosure"} <= set(incomplete.json())

    sent = post(
        client,
        f"{dossier}/meldingen/",
        {
            "message_kind": "melding",
            "question": "Wij maken ons zorgen over de veiligheid van dit kind.",
            "signals": [signal.json()["id"]],
            "consultations": [consultation.json()["id"]],
            "conversations": [conversation.json()["id"]],
            "identity_disclosure": "ja",
        },
        pro,
    )
    assert sent.status_code == 201, sent.content
    body = sent.json()
    melding_id = body["id"]
    assert body["message_kind"] == "melding" and body["vt_status"] == "verzonden"
    assert body["content"]["signals"][0]["fact"] == FACT
    assert INTERPRETATION not in str(body["content"])  # facts only
    assert body["content"]["persons"][0]["bsn"] == "123456782"

    vt = token_for(personas.veiligthuis)
    inbox = client.get(f"{API}/vt-inbox/", **vt).json()
    assert [item["id"] for item in inbox["results"]] == [melding_id]
    ack = post(client, f"{API}/vt-inbox/{melding_id}/acknowledge/", {}, vt)
    assert ack.status_code == 200 and ack.json()["vt_status"] == "ontvangen"
    feedback = post(
        client, f"{API}/vt-inbox/{melding_id}/status/", {"vt_status": "veiligheidsbeoordeling", **FEEDBACK}, vt
    )
    assert feedback.status_code == 200, feedback.content

    read = client.get(f"{dossier}/meldingen/{melding_id}/", **pro).json()
    assert read["vt_status"] == "veiligheidsbeoordeling" and read["acknowledged_at"]
    assert [e["event"] for e in read["events"]] == ["verzonden", "ontvangst", "status"]
    last = read["events"][-1]
    assert last["is_feedback"] and last["message"] == FEEDBACK["message"]
    assert last["safety_conditions"] == FEEDBACK["safety_conditions"] and last["handed_to"] == "lokaal_team"
    assert [m["vt_status"] for m in client.get(f"{dossier}/meldingen/", **pro).json()] == ["veiligheidsbeoordeling"]

    # A dated addendum; Veilig Thuis sees it with the item.
    addendum = post(client, f"{dossier}/meldingen/{melding_id}/addenda/", {"text": "Ook vandaag weer letsel."}, pro)
    assert addendum.status_code == 201 and addendum.json()["event"] == "aanvulling"
    seen = client.get(f"{API}/vt-inbox/{melding_id}/", **vt).json()
    assert seen["events"][-1]["message"] == "Ook vandaag weer letsel."
    # After the safety assessment the sender may no longer withdraw.
    late = post(client, f"{dossier}/meldingen/{melding_id}/intrekken/", {"reason": "Vergissing."}, pro)
    assert late.status_code == 400

    # The page shows the same status and feedback.
    login(client, personas.professional)
    page = client.get(reverse("meldcode:dossier_detail", args=[opened.json()["id"]])).content.decode()
    assert "Veiligheidsbeoordeling gedaan" in page and FEEDBACK["safety_conditions"] in page
    assert "Ook vandaag weer letsel." in page
    for action in ("sent", "acknowledged", "status_changed", "addendum_added"):
        assert AuditEntry.objects.filter(action=f"meldcode.melding.{action}", outcome="allowed").exists(), action


@pytest.fixture
def sent(personas):
    dossier, _first, _second = ready_dossier(personas.professional, reference="API-PAD-2")
    return send(personas.professional, dossier)


@pytest.fixture
def other_vt(personas, sent):
    """A second Veilig Thuis (another region) with its own worker; made after sending, so the sender had one."""
    organisation = OrganisationFactory(name="Veilig Thuis Andere Regio (test)", sector=Sector.VEILIG_THUIS)
    worker = UserFactory(username="t_vt_andere_regio")
    MembershipFactory(user=worker, organisation=organisation, role=Role.VEILIG_THUIS)
    return organisation, worker


def sent_url(melding, part):
    return f"{API}/dossiers/{melding.dossier_id}/meldingen/{melding.pk}/{part}/"


def test_the_sender_withdraws_with_a_reason_and_veilig_thuis_no_longer_sees_the_content(client, personas, sent):
    pro = token_for(personas.professional)
    assert post(client, sent_url(sent, "intrekken"), {"reason": ""}, pro).status_code == 400
    stale = post(client, sent_url(sent, "intrekken"), {"reason": "Per vergissing.", "version": 99}, pro)
    assert stale.status_code == 400 and "version" in stale.json()
    response = post(client, sent_url(sent, "intrekken"), {"reason": "Per vergissing.", "version": sent.version}, pro)
    assert response.status_code == 200, response.content
    assert response.json()["vt_status"] == "ingetrokken" and response.json()["content"] is not None
    item = client.get(f"{API}/vt-inbox/{sent.pk}/", **token_for(personas.veiligthuis)).json()
    assert item["vt_status"] == "ingetrokken" and item["content"] is None
    assert item["events"][-1]["message"] == "Per vergissing."


def test_veilig_thuis_returns_with_a_reason(client, personas, sent):
    vt = token_for(personas.veiligthuis)
    assert post(client, f"{API}/vt-inbox/{sent.pk}/terugsturen/", {"reason": " "}, vt).status_code == 400
    response = post(client, f"{API}/vt-inbox/{sent.pk}/terugsturen/", {"reason": "Hoort bij de politie."}, vt)
    assert response.status_code == 200, response.content
    assert response.json()["vt_status"] == "teruggestuurd" and response.json()["content"] is None
    read = client.get(sent_url(sent, "")[:-1], **token_for(personas.professional))
    assert read.json()["events"][-1]["message"] == "Hoort bij de politie."
    assert AuditEntry.objects.filter(action="meldcode.melding.returned", outcome="allowed").exists()


def test_veilig_thuis_forwards_to_another_region(client, personas, sent, other_vt):
    organisation, worker = other_vt
    vt = token_for(personas.veiligthuis)
    url = f"{API}/vt-inbox/{sent.pk}/doorsturen/"
    own = post(client, url, {"to": sent.vt_organisation_id, "reason": "Andere regio."}, vt)
    assert own.status_code == 400 and "to" in own.json()
    response = post(client, url, {"to": organisation.pk, "reason": "Het gezin woont in de andere regio."}, vt)
    assert response.status_code == 200, response.content
    assert response.json()["vt_status"] == "verzonden" and "content" not in response.json()
    assert client.get(f"{API}/vt-inbox/{sent.pk}/", **vt).status_code == 404
    theirs = token_for(worker)
    assert [item["id"] for item in client.get(f"{API}/vt-inbox/", **theirs).json()["results"]] == [sent.pk]
    assert client.get(f"{API}/vt-inbox/{sent.pk}/", **theirs).json()["content"]["question"]


# --- the wrong personas ---------------------------------------------------------------------------------------------


def _unchanged(melding):
    current = Melding.objects.get(pk=melding.pk)
    assert current.status == "verzonden" and current.version == melding.version
    assert list(MeldingEvent.objects.filter(melding=melding).values_list("kind", flat=True)) == ["verzonden"]


def _sender_side(client, melding, auth):
    return [
        post(client, sent_url(melding, "addenda"), {"text": "Aanvulling."}, auth).status_code,
        post(client, sent_url(melding, "intrekken"), {"reason": "Reden."}, auth).status_code,
    ]


def _veilig_thuis_side(client, melding, auth, to):
    return [
        post(client, f"{API}/vt-inbox/{melding.pk}/terugsturen/", {"reason": "Reden."}, auth).status_code,
        post(client, f"{API}/vt-inbox/{melding.pk}/doorsturen/", {"to": to.pk, "reason": "Reden."}, auth).status_code,
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("outsider", 404), ("colleague", 404), ("coordinator", 403), ("veiligthuis", 403), ("beheerder", 403)],
)
def test_wrong_personas_cannot_add_to_or_withdraw_what_was_sent(client, personas, sent, persona, expected):
    assert _sender_side(client, sent, token_for(getattr(personas, persona))) == [expected, expected]
    _unchanged(sent)


def test_the_aandachtsfunctionaris_and_an_added_colleague_are_refused_where_they_may_not(client, personas, sent):
    assert _sender_side(client, sent, token_for(personas.af)) == [403, 403]  # reads, does not work in it
    MemberFactory(dossier=sent.dossier, user=personas.colleague, added_by=personas.professional)
    colleague = token_for(personas.colleague)
    assert post(client, sent_url(sent, "intrekken"), {"reason": "Reden."}, colleague).status_code == 403  # not sender
    assert AuditEntry.objects.filter(action="meldcode.melding.withdrawn", outcome="refused").count() == 2
    _unchanged(sent)


@pytest.mark.parametrize("persona", ["professional", "outsider", "coordinator", "af", "beheerder"])
def test_others_than_veilig_thuis_cannot_return_or_forward(client, personas, sent, other_vt, persona):
    organisation, _worker = other_vt
    assert _veilig_thuis_side(client, sent, token_for(getattr(personas, persona)), organisation) == [403, 403]
    _unchanged(sent)


def test_veilig_thuis_of_another_region_cannot_return_or_forward(client, personas, sent, other_vt):
    organisation, worker = other_vt
    assert _veilig_thuis_side(client, sent, token_for(worker), organisation) == [404, 404]
    assert _sender_side(client, sent, token_for(worker)) == [403, 403]
    _unchanged(sent)
    assert AuditEntry.objects.filter(action="meldcode.melding.viewed", outcome="refused").exists()


def test_anonymous_visitor_is_refused_every_new_endpoint(client, personas, sent, other_vt):
    organisation, _worker = other_vt
    for status_code in _sender_side(client, sent, {}) + _veilig_thuis_side(client, sent, {}, organisation):
        assert status_code in (401, 403)
    weighing = post(client, f"{API}/dossiers/{sent.dossier_id}/wegingen/", {"weighed_on": DAY, "note": "x"}, {})
    assert weighing.status_code in (401, 403)
    _unchanged(sent)
    assert Dossier.objects.get(pk=sent.dossier_id).weighings.count() == 0
