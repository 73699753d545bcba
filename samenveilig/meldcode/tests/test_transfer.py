"""Transfers: the aandachtsfunctionaris hands a leaving professional's dossiers to a colleague, who accepts (and
becomes the owner) or refuses; until then nothing changes. The history keeps the earlier owner."""

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import Dossier, DossierTransfer
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory
from samenveilig.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(personas):
    return [DossierFactory(owner=personas.professional) for _ in range(2)] + [
        DossierFactory(owner=personas.professional, closed=True)
    ]


def transfer(client, login, personas, dossiers):
    login(client, personas.af)
    step1 = client.post(reverse("meldcode:transfer_create"), {"from_user": personas.professional.pk, "kies": "1"})
    assert step1.status_code == 200
    assert len(step1.context["form"].fields["dossiers"].queryset) == 3
    response = client.post(
        reverse("meldcode:transfer_create"),
        {
            "from_user": personas.professional.pk,
            "to_user": personas.colleague.pk,
            "dossiers": [d.pk for d in dossiers],
            "overdragen": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    # In the order of the dossiers given.
    return [DossierTransfer.objects.get(dossier=dossier) for dossier in dossiers]


def test_transfer_is_pending_until_accepted_and_the_colleague_is_notified(client, login, personas, dossiers):
    transfers = transfer(client, login, personas, dossiers)
    assert [t.status for t in transfers] == ["pending"] * 3
    assert all(Dossier.objects.get(pk=d.pk).owner == personas.professional for d in dossiers)
    note = Notification.objects.get(recipient=personas.colleague, kind="meldcode.transfer_requested")
    assert dossiers[0].local_reference not in f"{note.subject} {note.body}"
    # Not yet theirs: the colleague cannot open the dossier.
    login(client, personas.colleague)
    assert client.get(reverse("meldcode:dossier_detail", args=[dossiers[0].pk])).status_code == 404
    inbox = client.get(reverse("meldcode:transfers"))
    assert len(inbox.context["transfers"]) == 3


def test_accepting_makes_the_colleague_owner_and_history_keeps_the_earlier_owner(client, login, personas, dossiers):
    transfers = transfer(client, login, personas, dossiers)
    MemberFactory(dossier=dossiers[0], user=personas.colleague, added_by=personas.professional)
    login(client, personas.colleague)
    response = client.post(reverse("meldcode:transfer_accept", args=[transfers[0].pk]))
    assert response.status_code == 302
    dossier = Dossier.objects.get(pk=dossiers[0].pk)
    assert dossier.owner == personas.colleague
    assert not dossier.members.filter(user=personas.colleague).exists()
    owners = list(Dossier.history.filter(id=dossier.pk).order_by("history_date").values_list("owner_id", flat=True))
    assert owners[0] == personas.professional.pk and owners[-1] == personas.colleague.pk
    assert client.get(reverse("meldcode:dossier_detail", args=[dossier.pk])).status_code == 200
    assert Notification.objects.filter(recipient=personas.af, kind="meldcode.transfer_accepted").exists()
    assert AuditEntry.objects.filter(action="meldcode.transfer.accepted", object_id=str(transfers[0].pk)).exists()
    # The earlier owner no longer sees it.
    login(client, personas.professional)
    assert client.get(reverse("meldcode:dossier_detail", args=[dossier.pk])).status_code == 404


def test_a_closed_dossier_can_be_transferred_too(client, login, personas, dossiers):
    transfers = transfer(client, login, personas, dossiers)
    login(client, personas.colleague)
    client.post(reverse("meldcode:transfer_accept", args=[transfers[2].pk]))
    assert Dossier.objects.get(pk=dossiers[2].pk).owner == personas.colleague


def test_refusing_keeps_the_owner_and_tells_the_af(client, login, personas, dossiers):
    transfers = transfer(client, login, personas, dossiers)
    login(client, personas.colleague)
    client.post(reverse("meldcode:transfer_refuse", args=[transfers[1].pk]))
    transfers[1].refresh_from_db()
    assert transfers[1].status == "refused"
    assert Dossier.objects.get(pk=dossiers[1].pk).owner == personas.professional
    assert Notification.objects.filter(recipient=personas.af, kind="meldcode.transfer_refused").exists()
    # Decided once: accepting afterwards changes nothing.
    client.post(reverse("meldcode:transfer_accept", args=[transfers[1].pk]))
    assert Dossier.objects.get(pk=dossiers[1].pk).owner == personas.professional


def test_af_withdraws_a_pending_transfer(client, login, personas, dossiers):
    transfers = transfer(client, login, personas, dossiers)
    client.post(reverse("meldcode:transfer_cancel", args=[transfers[0].pk]))
    transfers[0].refresh_from_db()
    assert transfers[0].status == "cancelled"
    overview = client.get(reverse("meldcode:transfer_overview"))
    assert overview.status_code == 200 and len(overview.context["transfers"]) == 3


def test_transfer_form_keeps_input_and_shows_errors_at_the_fields(client, login, personas, dossiers):
    login(client, personas.af)
    response = client.post(
        reverse("meldcode:transfer_create"),
        {"from_user": personas.professional.pk, "to_user": personas.professional.pk, "overdragen": "1"},
    )
    form = response.context["form"]
    assert "dossiers" in form.errors
    response = client.post(
        reverse("meldcode:transfer_create"),
        {
            "from_user": personas.professional.pk,
            "to_user": personas.professional.pk,
            "dossiers": [dossiers[0].pk],
            "overdragen": "1",
        },
    )
    assert "to_user" in response.context["form"].errors
    assert not DossierTransfer.objects.exists()


def test_af_cannot_transfer_to_someone_of_another_organisation(client, login, personas, dossiers):
    login(client, personas.af)
    response = client.post(
        reverse("meldcode:transfer_create"),
        {
            "from_user": personas.professional.pk,
            "to_user": personas.outsider.pk,
            "dossiers": [dossiers[0].pk],
            "overdragen": "1",
        },
    )
    assert "to_user" in response.context["form"].errors
    assert not DossierTransfer.objects.exists()


@pytest.mark.parametrize(
    "persona", ["professional", "colleague", "outsider", "coordinator", "veiligthuis", "beheerder"]
)
def test_only_the_af_transfers(client, login, personas, dossiers, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("meldcode:transfer_create")).status_code == 403
    assert client.get(reverse("meldcode:transfer_overview")).status_code == 403


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "coordinator", "veiligthuis"])
def test_only_the_recipient_accepts_or_refuses(client, login, personas, dossiers, persona):
    transfers = transfer(client, login, personas, dossiers)
    login(client, getattr(personas, persona))
    for name in ("transfer_accept", "transfer_refuse"):
        assert client.post(reverse(f"meldcode:{name}", args=[transfers[0].pk])).status_code == 404
    transfers[0].refresh_from_db()
    assert transfers[0].status == "pending"
    assert AuditEntry.objects.filter(actor_id=getattr(personas, persona).pk, outcome="refused").exists()


@pytest.mark.parametrize("persona", ["coordinator", "veiligthuis", "beheerder"])
def test_roles_without_dossiers_have_no_transfer_inbox(client, login, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("meldcode:transfers")).status_code == 403


def test_outsider_af_cannot_withdraw(client, login, personas, dossiers):
    transfers = transfer(client, login, personas, dossiers)
    login(client, personas.colleague)
    assert client.post(reverse("meldcode:transfer_cancel", args=[transfers[0].pk])).status_code == 404
