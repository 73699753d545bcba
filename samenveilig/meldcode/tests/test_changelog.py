"""The change log of a dossier: who viewed it (from the audit log) and what changed, field by field (from the change
history), for the owner and the aandachtsfunctionaris only; reading it is audited."""

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode import services
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(personas):
    return DossierFactory(owner=personas.professional)


def changelog(client, dossier, **params):
    return client.get(reverse("meldcode:changelog", args=[dossier.pk]), params)


def test_owner_sees_who_viewed_the_dossier(client, login, personas, dossier):
    login(client, personas.af)
    client.get(reverse("meldcode:dossier_detail", args=[dossier.pk]))
    login(client, personas.professional)
    response = changelog(client, dossier, toon="bekeken")
    assert response.status_code == 200
    who = [item["who"] for item in response.context["items"]]
    assert personas.af in who
    assert str(personas.af) in response.content.decode()


def test_changes_are_shown_field_by_field_encrypted_ones_as_changed_with_the_new_value(
    client, login, personas, dossier, acting
):
    person = dossier.persons.get()
    data = {"kind": "kind", "local_reference": "K-NIEUW", "name": "Testkind Nieuw"}
    services.edit_person(acting(personas.professional), person, data=data, version=dossier.version)
    login(client, personas.professional)
    response = changelog(client, dossier)
    events = response.context["items"]
    changed = next(event for event in events if event.get("changes") and "Betrokkene gewijzigd" in event["title"])
    by_label = {str(change["label"]): change for change in changed["changes"]}
    assert by_label["eigen kenmerk"]["old"].startswith("K-") and by_label["eigen kenmerk"]["new"] == "K-NIEUW"
    assert by_label["naam"]["encrypted"] and by_label["naam"]["new"] == "Testkind Nieuw"
    assert by_label["naam"]["old"] == ""
    html = response.content.decode()
    assert "gewijzigd" in html and "Testkind Nieuw" in html
    assert any("Dossier geopend" in str(event["title"]) for event in events)


def test_reading_the_log_is_audited(client, login, personas, dossier):
    login(client, personas.professional)
    changelog(client, dossier)
    assert AuditEntry.objects.filter(
        actor_id=personas.professional.pk, action="meldcode.changelog.viewed", object_id=str(dossier.pk)
    ).exists()


def test_af_of_the_organisation_sees_the_log(client, login, personas, dossier):
    login(client, personas.af)
    assert changelog(client, dossier).status_code == 200


def test_the_log_is_paginated(client, login, personas, dossier):
    login(client, personas.professional)
    for _ in range(30):
        client.get(reverse("meldcode:dossier_detail", args=[dossier.pk]))
    first = changelog(client, dossier, toon="bekeken")
    assert len(first.context["items"]) == 25 and first.context["page"].has_next()
    second = changelog(client, dossier, toon="bekeken", pagina=2)
    assert len(second.context["items"]) >= 5


def test_an_added_colleague_who_is_not_owner_is_refused(client, login, personas, dossier):
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    login(client, personas.colleague)
    assert changelog(client, dossier).status_code == 403
    assert AuditEntry.objects.filter(
        actor_id=personas.colleague.pk, action="meldcode.changelog.viewed", outcome="refused"
    ).exists()


@pytest.mark.parametrize("persona", ["colleague", "outsider", "coordinator", "veiligthuis", "beheerder"])
def test_others_get_404(client, login, personas, dossier, persona):
    login(client, getattr(personas, persona))
    assert changelog(client, dossier).status_code == 404


def test_a_transfer_shows_the_earlier_and_the_new_owner(client, login, personas, dossier, acting):
    from samenveilig.meldcode import transfers

    [transfer] = transfers.request_transfers(
        acting(personas.af), from_user=personas.professional, to_user=personas.colleague, dossiers=[dossier]
    )
    transfers.accept(acting(personas.colleague), transfer)
    login(client, personas.af)
    events = changelog(client, dossier).context["items"]
    owner_changes = [
        change for event in events for change in event.get("changes", ()) if str(change["label"]) == "eigenaar"
    ]
    assert owner_changes and owner_changes[0]["old"] == str(personas.professional)
    assert owner_changes[0]["new"] == str(personas.colleague)
    assert any("Overdracht van" in str(event["title"]) for event in events)
