"""``/api/v1/meldcode/dossiers/{id}/signalen|consultaties|gesprekken|afwegingen/``: the steps through the API, with
the permissions and write paths of the pages."""

import datetime as dt

import pytest

from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import ChecklistItem, Dossier
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory
from samenveilig.meldcode.tests.test_api import token_for

pytestmark = pytest.mark.django_db
DAY = "2025-01-06"


@pytest.fixture
def dossier(personas):
    return DossierFactory(owner=personas.professional)


def url(dossier, part):
    return f"/api/v1/meldcode/dossiers/{dossier.pk}/{part}/"


def post(client, dossier, part, data, user):
    return client.post(url(dossier, part), data, content_type="application/json", **token_for(user))


def test_client_system_records_steps_1_to_3_and_the_afweging(client, personas, dossier):
    user = personas.professional
    item = ChecklistItem.objects.filter(organisation__isnull=True).first()
    person = dossier.persons.get()
    signal = post(
        client,
        dossier,
        "signalen",
        {"observed_on": DAY, "fact": "Blauwe plek.", "person": person.pk, "checklist_items": [item.pk]},
        user,
    )
    assert signal.status_code == 201, signal.content
    assert signal.json()["fact"] == "Blauwe plek." and signal.json()["checklist_items"] == [item.pk]
    consultation = post(
        client,
        dossier,
        "consultaties",
        {"consulted_on": DAY, "kind": "aandachtsfunctionaris", "with_whom": "AF", "question": "?", "advice": "!"},
        user,
    )
    assert consultation.status_code == 201, consultation.content
    conversation = post(
        client, dossier, "gesprekken", {"held": True, "held_on": DAY, "said": "Zorg.", "reaction": "Schrok."}, user
    )
    assert conversation.status_code == 201, conversation.content
    assert Dossier.objects.get(pk=dossier.pk).step == 4
    dossier.refresh_from_db()
    # Step 4 (the weighing) is needed before the afweging in step 5: the service refuses, as the page does.
    version = dossier.version
    answers = ["ja", "nee", "ja", "ja", "nog_niet"]
    reasons = ["a", "b", "c", "d", "e"]
    early = post(
        client,
        dossier,
        "afwegingen",
        {"answers": answers, "reasons": reasons, "outcome": "hulp", "version": version},
        user,
    )
    assert early.status_code == 400
    dossier.weighings.create(weighed_on=dt.date(2025, 1, 7), note="Gewogen.", created_by=user)
    assessment = post(
        client,
        dossier,
        "afwegingen",
        {"answers": answers, "reasons": reasons, "outcome": "hulp", "version": version},
        user,
    )
    assert assessment.status_code == 201, assessment.content
    assert assessment.json()["answers"] == answers and assessment.json()["outcome"] == "hulp"
    listed = client.get(url(dossier, "signalen"), **token_for(user)).json()
    assert [s["fact"] for s in listed["results"]] == ["Blauwe plek."]
    assert AuditEntry.objects.filter(action="meldcode.signal.listed", object_id=str(dossier.pk)).exists()
    assert AuditEntry.objects.filter(action="meldcode.assessment.added", actor_id=user.pk).exists()


def test_an_outcome_the_answers_forbid_is_refused(client, personas, dossier):
    dossier.afweging_step = 4
    dossier.save()
    from samenveilig.meldcode.tests.factories import record_steps_1_to_3

    record_steps_1_to_3(dossier, personas.professional)
    response = post(
        client,
        dossier,
        "afwegingen",
        {"answers": ["nee", "", "", "", ""], "reasons": ["Geen.", "", "", "", ""], "outcome": "melden", "version": 1},
        personas.professional,
    )
    assert response.status_code == 400
    assert "outcome" in response.json()


def test_a_stale_version_answers_409(client, personas, dossier):
    dossier.afweging_step = 4
    dossier.version = 3
    dossier.save()
    from samenveilig.meldcode.tests.factories import record_steps_1_to_3

    record_steps_1_to_3(dossier, personas.professional)
    response = post(
        client,
        dossier,
        "afwegingen",
        {
            "answers": ["nee", "", "", "", ""],
            "reasons": ["Geen.", "", "", "", ""],
            "outcome": "afsluiten",
            "version": 2,
        },
        personas.professional,
    )
    assert response.status_code == 409


def test_bad_input_is_a_field_error(client, personas, dossier):
    other = DossierFactory(owner=personas.colleague)
    response = post(
        client,
        dossier,
        "signalen",
        {"observed_on": "2999-01-01", "fact": "", "person": other.persons.get().pk},
        personas.professional,
    )
    assert response.status_code == 400
    assert {"observed_on", "fact", "person"} <= set(response.json())
    conversation = post(
        client, dossier, "gesprekken", {"held": False, "held_on": DAY, "skip_reason": "geen_zin"}, personas.professional
    )
    assert conversation.status_code == 400 and "skip_reason" in conversation.json()


def test_af_reads_but_does_not_write_until_supporting(client, personas, dossier):
    assert client.get(url(dossier, "signalen"), **token_for(personas.af)).status_code == 200
    response = post(client, dossier, "signalen", {"observed_on": DAY, "fact": "x"}, personas.af)
    assert response.status_code == 403


def test_an_added_colleague_writes(client, personas, dossier):
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    response = post(client, dossier, "signalen", {"observed_on": DAY, "fact": "x"}, personas.colleague)
    assert response.status_code == 201


@pytest.mark.parametrize("part", ["signalen", "consultaties", "gesprekken", "afwegingen"])
@pytest.mark.parametrize("persona", ["colleague", "outsider"])
def test_professionals_who_may_not_see_the_dossier_get_404(client, personas, dossier, part, persona):
    user = getattr(personas, persona)
    assert client.get(url(dossier, part), **token_for(user)).status_code == 404
    assert post(client, dossier, part, {}, user).status_code == 404


@pytest.mark.parametrize("part", ["signalen", "consultaties", "gesprekken", "afwegingen"])
@pytest.mark.parametrize("persona", ["coordinator", "veiligthuis", "beheerder"])
def test_roles_without_dossiers_are_refused(client, personas, dossier, part, persona):
    user = getattr(personas, persona)
    assert client.get(url(dossier, part), **token_for(user)).status_code == 403
    assert post(client, dossier, part, {}, user).status_code == 403


@pytest.mark.parametrize("part", ["signalen", "consultaties", "gesprekken", "afwegingen"])
def test_anonymous_is_refused(client, dossier, part):
    assert client.get(url(dossier, part)).status_code in (401, 403)
    assert client.post(url(dossier, part), {}).status_code in (401, 403)
