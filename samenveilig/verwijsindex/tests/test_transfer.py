"""People move on: the aandachtsfunctionaris or the functioneel beheerder moves a leaving professional's signals to
a colleague of the same organisation, and the other parties of each match see the new contact."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.notifications.models import Notification
from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.models import Match, Signaal
from samenveilig.verwijsindex.tests.conftest import BSN, OTHER_BSN, acting, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaving(connected):
    connected.colleague.phone = "030-7654321"
    connected.colleague.save()
    register(connected.professional)
    register(connected.professional, bsn=OTHER_BSN)
    register(connected.outsider)
    return connected


def school(personas):
    return personas.professional.memberships.get().organisation


def test_af_moves_the_signals_and_the_other_party_sees_the_new_contact(client, login, leaving):
    login(client, leaving.af)
    url = reverse("verwijsindex:transfer_signals", args=[school(leaving).pk])
    page = client.get(url).content.decode()
    assert BSN not in page and ">2<" in page
    response = client.post(url, {"leaver": leaving.professional.pk, "colleague": leaving.colleague.pk}, follow=True)
    assert response.status_code == 200
    assert not Signaal.objects.filter(professional=leaving.professional).exists()
    moved = Signaal.objects.filter(professional=leaving.colleague)
    assert moved.count() == 2
    assert {s.contact_phone for s in moved} == {"030-7654321"}
    theirs = Signaal.objects.get(professional=leaving.outsider)
    parties = Signaal.objects.match_parties([theirs])[theirs.pk]
    assert [p["phone"] for p in parties] == ["030-7654321"]
    assert Notification.objects.filter(recipient=leaving.outsider, kind=services.TRANSFER_KIND).count() == 1
    assert Notification.objects.filter(recipient=leaving.colleague, kind=services.TRANSFER_KIND).count() == 1
    assert not Notification.objects.filter(recipient=leaving.professional, kind=services.MATCH_KIND).exists()
    assert AuditEntry.objects.filter(action="verwijsindex.signaal.transferred").count() == 2


def test_the_regie_moves_with_the_signal(leaving):
    match = Match.objects.get()
    coordinator = match.coordinator
    services.transfer_signals(acting(leaving.af), school(leaving), leaving.professional, leaving.colleague)
    match.refresh_from_db()
    assert match.coordinator_id == coordinator.pk
    assert match.coordinator.professional == (
        leaving.colleague if coordinator.professional == leaving.professional else leaving.outsider
    )


def test_a_colleague_with_a_signal_on_the_same_person_keeps_one_signal(leaving):
    leaving.colleague.email = leaving.colleague.email or "collega@example.org"
    register(leaving.colleague)
    services.transfer_signals(acting(leaving.af), school(leaving), leaving.professional, leaving.colleague)
    assert Signaal.objects.filter(professional=leaving.colleague).count() == 2
    assert Match.objects.get().coordinator is not None
    assert AuditEntry.objects.filter(action="verwijsindex.signaal.merged").count() == 1


def test_beheerder_may_move_signals_of_any_organisation(client, login, leaving):
    login(client, leaving.beheerder)
    url = reverse("verwijsindex:transfer_signals", args=[school(leaving).pk])
    client.post(url, {"leaver": leaving.professional.pk, "colleague": leaving.colleague.pk})
    assert Signaal.objects.filter(professional=leaving.colleague).count() == 2


def test_colleague_of_another_organisation_is_refused_at_the_field(client, login, leaving):
    login(client, leaving.af)
    url = reverse("verwijsindex:transfer_signals", args=[school(leaving).pk])
    response = client.post(url, {"leaver": leaving.professional.pk, "colleague": leaving.outsider.pk})
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode() or response.context["form"].errors
    assert Signaal.objects.filter(professional=leaving.professional).count() == 2


def test_colleague_without_phone_is_refused(leaving):
    leaving.colleague.phone = ""
    leaving.colleague.save()
    with pytest.raises(services.RegistrationRefused):
        services.transfer_signals(acting(leaving.af), school(leaving), leaving.professional, leaving.colleague)


@pytest.mark.parametrize("persona", ["professional", "colleague", "outsider", "coordinator", "veiligthuis"])
def test_wrong_persona_is_refused(client, login, leaving, persona):
    login(client, getattr(leaving, persona))
    url = reverse("verwijsindex:transfer_signals", args=[school(leaving).pk])
    assert client.get(url).status_code in (403, 404)
    client.post(url, {"leaver": leaving.professional.pk, "colleague": leaving.colleague.pk})
    assert Signaal.objects.filter(professional=leaving.professional).count() == 2


def test_af_of_another_organisation_is_refused(client, login, leaving):
    from samenveilig.accounts.models import Membership
    from samenveilig.accounts.roles import Role

    membership = leaving.outsider.memberships.get()
    Membership.objects.filter(pk=membership.pk).update(role=Role.AANDACHTSFUNCTIONARIS)
    login(client, leaving.outsider)
    url = reverse("verwijsindex:transfer_signals", args=[school(leaving).pk])
    assert client.get(url).status_code in (403, 404)
