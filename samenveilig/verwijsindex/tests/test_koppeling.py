"""Organisation API credentials (koppelingen): a connected organisation's client system registers, lists and ends
its signals and reads its matches through the Verwijsindex API (issue point 6); the functioneel beheerder makes and
revokes them; every other persona is refused."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from samenveilig.accounts.models import ApiToken, Organisation, Sector
from samenveilig.audit.models import AuditEntry
from samenveilig.notifications.models import Notification
from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Koppeling, Match, Regiestap, Signaal
from samenveilig.verwijsindex.tests.conftest import BSN, OTHER_BSN, set_priority

pytestmark = pytest.mark.django_db

BASE = "/api/v1/verwijsindex/"
CONTACT = {"naam": "Servicedesk Leerlingzorg", "telefoon": "030-7654321", "email": "leerlingzorg@example.invalid"}
MINIMAL = {"bsn": BSN, "geboortedatum": "2012-05-17", "contactpersoon": CONTACT}


def school() -> Organisation:
    return Organisation.objects.get(name="Testschool De Linde")


def credential(organisation: Organisation | None = None, name: str = "Leerlingvolgsysteem") -> tuple[Koppeling, str]:
    connection = AangeslotenOrganisatie.objects.get(organisation=organisation or school())
    return services.make_koppeling(None, connection, name)


def system(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def personal(user) -> APIClient:
    _token, key = ApiToken.generate(user=user, membership=user.memberships.get(), name="test")
    return system(key)


# --- the API with an organisation credential ------------------------------------------------------------------------


def test_a_client_system_registers_with_the_minimal_body_and_registering_again_is_idempotent(connected, caplog):
    caplog.set_level(logging.DEBUG)
    koppeling, key = credential()
    first = system(key).post(f"{BASE}signalen/", MINIMAL, format="json")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["organisatie"] == "Testschool De Linde"
    assert body["contactpersoon"] == CONTACT
    assert body["informeren"] == Signaal.Informed.NOT_RECORDED
    signal = Signaal.objects.get(pk=body["id"])
    assert signal.professional is None and signal.koppeling == koppeling
    # The same organisation again — also through another of its credentials — gets the same signal, 200.
    again = system(key).post(f"{BASE}signalen/", MINIMAL, format="json")
    _other, other_key = credential(name="Zorgdossier")
    through_other = system(other_key).post(f"{BASE}signalen/", MINIMAL, format="json")
    assert (again.status_code, through_other.status_code) == (200, 200)
    assert again.json()["id"] == through_other.json()["id"] == body["id"]
    assert Signaal.objects.count() == 1
    # Audited under the credential, for the organisation; the BSN nowhere.
    entry = AuditEntry.objects.filter(action="verwijsindex.signaal.created").get()
    assert (entry.actor_id, entry.actor_username, entry.role) == (None, f"koppeling:{koppeling.pk}", "koppeling")
    assert entry.organisation_id == school().pk
    for entry in AuditEntry.objects.all():
        assert BSN not in " ".join(str(getattr(entry, f)) for f in AuditEntry.FIELDS)
    assert BSN not in caplog.text
    assert Koppeling.objects.get(pk=koppeling.pk).last_used is not None


def test_a_client_system_must_name_a_contact_person(connected):
    _koppeling, key = credential()
    response = system(key).post(f"{BASE}signalen/", {"bsn": BSN, "geboortedatum": "2012-05-17"}, format="json")
    assert response.status_code == 400
    assert "contactpersoon" in response.json()
    assert Signaal.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"bsn": "123456789"}, "bsn"), ({"geboortedatum": "1990-01-01"}, "geboortedatum")],
)
def test_a_client_system_gets_the_same_refusals_and_nothing_is_stored(connected, changes, field):
    _koppeling, key = credential()
    response = system(key).post(f"{BASE}signalen/", {**MINIMAL, **changes}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Signaal.objects.count() == 0


def test_an_organisation_without_the_right_lists_and_ends_but_cannot_register(connected):
    _koppeling, key = credential()
    client = system(key)
    made = client.post(f"{BASE}signalen/", MINIMAL, format="json").json()
    AangeslotenOrganisatie.objects.filter(organisation=school()).update(meldingsbevoegd=False)
    refused = client.post(f"{BASE}signalen/", {**MINIMAL, "bsn": OTHER_BSN}, format="json")
    assert refused.status_code == 403
    assert [s["id"] for s in client.get(f"{BASE}signalen/").json()] == [made["id"]]
    assert client.delete(f"{BASE}signalen/{made['id']}/").status_code == 204
    assert Signaal.objects.count() == 0


def test_a_client_system_sees_only_its_organisations_system_signals(connected):
    _koppeling, key = credential()
    client = system(key)
    mine = client.post(f"{BASE}signalen/", MINIMAL, format="json").json()
    by_hand = personal(connected.professional).post(
        f"{BASE}signalen/", {**MINIMAL, "bsn": OTHER_BSN, "informeren": "geinformeerd"}, format="json"
    )
    assert by_hand.status_code == 201
    # The professional's own signal is theirs: the system neither lists, reads nor ends it.
    assert [s["id"] for s in client.get(f"{BASE}signalen/").json()] == [mine["id"]]
    assert client.get(f"{BASE}signalen/{by_hand.json()['id']}/").status_code == 404
    assert client.delete(f"{BASE}signalen/{by_hand.json()['id']}/").status_code == 404
    # ... and the professional does not see the system's signal.
    assert [s["id"] for s in personal(connected.professional).get(f"{BASE}signalen/").json()] == [by_hand.json()["id"]]
    # Another organisation's system sees none of them.
    _other, other_key = credential(Organisation.objects.get(name="Testjongerenwerk"))
    assert system(other_key).get(f"{BASE}signalen/").json() == []
    assert system(other_key).get(f"{BASE}signalen/{mine['id']}/").status_code == 404


def test_a_match_between_a_client_system_and_a_professional(connected, third, django_capture_on_commit_callbacks):
    _koppeling, key = credential()
    client = system(key)
    made = client.post(f"{BASE}signalen/", MINIMAL, format="json").json()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        theirs = personal(connected.outsider).post(
            f"{BASE}signalen/",
            {
                **MINIMAL,
                "contactpersoon": {"naam": "Jan Jeugdwerk", "telefoon": "030-1111111", "email": "jan@example.invalid"},
            },
            format="json",
        )
    assert theirs.status_code == 201
    # The system reads the match with the professional's contact details; the professional sees the system's.
    [match] = client.get(f"{BASE}matches/").json()
    assert match["signaal"] == made["id"]
    assert [(p["organisatie"], p["naam"], p["telefoon"]) for p in match["partijen"]] == [
        ("Testjongerenwerk", "Jan Jeugdwerk", "030-1111111")
    ]
    [their_match] = personal(connected.outsider).get(f"{BASE}matches/").json()
    assert [(p["organisatie"], p["naam"], p["email"]) for p in their_match["partijen"]] == [
        ("Testschool De Linde", CONTACT["naam"], CONTACT["email"])
    ]
    # The professional is notified in the app; the system's contact person gets an e-mail that names nothing.
    assert Notification.objects.filter(recipient=connected.outsider, kind=services.MATCH_KIND).count() == 1
    assert not Notification.objects.filter(recipient__isnull=True).exists()
    to_contact = [m for m in mail.outbox if m.to == [CONTACT["email"]]]
    assert len(to_contact) == 1
    text = to_contact[0].subject + to_contact[0].body
    assert BSN not in text and "2012" not in text and "Jan Jeugdwerk" not in text
    assert AuditEntry.objects.filter(action="verwijsindex.signaal.contact_emailed", object_id=str(made["id"])).exists()
    # A third organisation's system or professional sees nothing of it.
    assert personal(third).get(f"{BASE}matches/").json() == []
    assert personal(third).get(f"{BASE}matches/{match['id']}/").status_code == 404


def test_a_client_system_with_the_regie_records_an_outcome(connected):
    set_priority(Sector.ONDERWIJS, Sector.WELZIJN)
    _koppeling, key = credential()
    client = system(key)
    client.post(f"{BASE}signalen/", MINIMAL, format="json")
    personal(connected.outsider).post(f"{BASE}signalen/", MINIMAL, format="json")
    [match] = client.get(f"{BASE}matches/").json()
    assert match["regie"]["ik"] is True and match["regie"]["organisatie"] == "Testschool De Linde"
    [theirs] = personal(connected.outsider).get(f"{BASE}matches/").json()
    assert theirs["regie"]["ik"] is False
    today = Match.objects.get().created.date().isoformat()
    response = client.post(f"{BASE}matches/{match['id']}/uitkomsten/", {"uitkomst": "afgestemd", "datum": today})
    assert response.status_code == 201, response.content
    step = Regiestap.objects.get(kind=Regiestap.Kind.OUTCOME)
    assert step.recorded_by is None and step.organisation == school()
    # The other party may not record one.
    other = personal(connected.outsider).post(
        f"{BASE}matches/{match['id']}/uitkomsten/", {"uitkomst": "afgestemd", "datum": today}
    )
    assert other.status_code == 403


def test_a_credential_is_refused_when_revoked_and_outside_the_verwijsindex(connected):
    koppeling, key = credential()
    client = system(key)
    assert client.get(f"{BASE}signalen/").status_code == 200
    # Figures are for coordinators; other apps' API does not know the credential at all.
    assert client.get(f"{BASE}figures/").status_code == 403
    assert client.get("/api/v1/sociale-kaart/organisaties/").status_code == 401
    Koppeling.objects.filter(pk=koppeling.pk).update(revoked="2026-01-01T00:00Z")
    assert client.get(f"{BASE}signalen/").status_code == 401
    assert system("svk_not-a-key").get(f"{BASE}signalen/").status_code == 401


def test_switched_off_the_credential_gets_404(connected):
    _koppeling, key = credential()
    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False):
        assert system(key).post(f"{BASE}signalen/", MINIMAL, format="json").status_code == 404


def test_only_a_hash_of_the_key_is_stored(connected):
    koppeling, key = credential()
    assert key.startswith(Koppeling.PREFIX)
    stored = Koppeling.objects.filter(pk=koppeling.pk).values().get()
    assert key not in " ".join(str(v) for v in stored.values())
    assert stored["key_hash"] == Koppeling.hash(key)


# --- the beheerder's page -------------------------------------------------------------------------------------------


def test_the_beheerder_makes_a_credential_sees_its_key_once_and_revokes_it(connected, client, login):
    login(client, connected.beheerder)
    url = f"/verwijsindex/beheer/aansluitingen/{school().pk}/koppelingen/"
    response = client.post(url, {"name": "Leerlingvolgsysteem"})
    assert response.status_code == 302
    page = client.get(url)
    koppeling = Koppeling.objects.get()
    key = page.context["new_key"]
    assert key.startswith(Koppeling.PREFIX) and Koppeling.hash(key) == koppeling.key_hash
    assert key in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    assert key not in client.get(url).content.decode()  # shown once
    assert system(key).get(f"{BASE}signalen/").status_code == 200
    revoke = client.post(f"/verwijsindex/beheer/koppelingen/{koppeling.pk}/intrekken/")
    assert revoke.status_code == 302
    assert system(key).get(f"{BASE}signalen/").status_code == 401
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "verwijsindex.koppeling.created",
        "verwijsindex.koppeling.revoked",
        "verwijsindex.koppeling.listed",
    } <= actions


def test_a_credential_needs_a_connected_organisation_and_a_name(connected, client, login):
    login(client, connected.beheerder)
    municipality = Organisation.objects.get(name="Testgemeente")
    page = client.post(f"/verwijsindex/beheer/aansluitingen/{municipality.pk}/koppelingen/", {"name": "Systeem"})
    assert page.status_code == 200
    assert Koppeling.objects.count() == 0
    empty = client.post(f"/verwijsindex/beheer/aansluitingen/{school().pk}/koppelingen/", {"name": ""})
    assert empty.status_code == 200 and empty.context["form"].errors["name"]
    assert Koppeling.objects.count() == 0


@pytest.mark.parametrize("persona", ["professional", "af", "coordinator", "veiligthuis", "outsider"])
def test_other_personas_may_not_manage_credentials(connected, client, login, persona):
    koppeling, _key = credential()
    login(client, getattr(connected, persona))
    url = f"/verwijsindex/beheer/aansluitingen/{school().pk}/koppelingen/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Stiekem"}).status_code == 403
    assert client.post(f"/verwijsindex/beheer/koppelingen/{koppeling.pk}/intrekken/").status_code == 403
    assert Koppeling.objects.usable().count() == 1


def test_anonymous_is_sent_to_login(connected, client):
    response = client.get(f"/verwijsindex/beheer/aansluitingen/{school().pk}/koppelingen/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_command_prints_only_the_key(connected, capsys):
    call_command("create_koppeling", str(school().pk), "Leerlingvolgsysteem")
    out = capsys.readouterr()
    key = out.out.strip()
    assert Koppeling.objects.get().key_hash == Koppeling.hash(key)
    assert key not in out.err


def test_a_system_signal_goes_like_any_other_at_the_end_of_its_term(connected):
    from datetime import timedelta

    from django.utils import timezone

    from samenveilig.verwijsindex import expiry

    _koppeling, key = credential()
    made = system(key).post(f"{BASE}signalen/", MINIMAL, format="json").json()
    personal(connected.outsider).post(f"{BASE}signalen/", MINIMAL, format="json")
    expiry.expire(timezone.now() + timedelta(days=3 * 365))
    assert not Signaal.objects.filter(pk=made["id"]).exists()
    assert Match.objects.count() == 0


def test_the_command_refuses_while_switched_off_or_for_an_unconnected_organisation(connected):
    from django.core.management.base import CommandError

    with override_settings(SAMENVEILIG_VERWIJSINDEX_ENABLED=False), pytest.raises(CommandError):
        call_command("create_koppeling", str(school().pk), "Leerlingvolgsysteem")
    municipality = Organisation.objects.get(name="Testgemeente")
    with pytest.raises(CommandError):
        call_command("create_koppeling", str(municipality.pk), "Systeem")
    assert Koppeling.objects.count() == 0


def test_an_unreachable_broker_sends_the_contact_email_in_process(
    connected, django_capture_on_commit_callbacks, caplog
):
    from kombu.exceptions import OperationalError

    from samenveilig.verwijsindex.tasks import email_system_contacts

    _koppeling, key = credential()
    system(key).post(f"{BASE}signalen/", MINIMAL, format="json")
    mail.outbox.clear()
    with (
        mock.patch.object(email_system_contacts, "delay", side_effect=OperationalError("connection refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = personal(connected.outsider).post(f"{BASE}signalen/", MINIMAL, format="json")
    assert response.status_code == 201
    assert [m.to for m in mail.outbox if m.to == [CONTACT["email"]]] == [[CONTACT["email"]]]
    assert "not queued (OperationalError)" in caplog.text
