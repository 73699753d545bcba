"""Reading a colleague's profile is a read of personal data: every read is audited, and outsiders see nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry


def profile_url(user) -> str:
    return reverse("accounts:user_detail", args=[user.pk])


def views_of(user):
    return AuditEntry.objects.filter(action="accounts.user.viewed", object_id=str(user.pk))


def test_colleague_reading_a_profile_is_audited(client, personas, login):
    login(client, personas.professional)

    response = client.get(profile_url(personas.colleague))

    assert response.status_code == 200
    entry = views_of(personas.colleague).get()
    assert entry.outcome == "allowed"
    assert entry.actor_id == personas.professional.pk
    assert entry.object_type == "accounts.user"
    assert entry.organisation_id == personas.professional.memberships.get().organisation_id


def test_every_read_is_audited_again(client, personas, login):
    login(client, personas.professional)

    for _ in range(3):
        client.get(profile_url(personas.colleague))

    assert views_of(personas.colleague).count() == 3


def test_audit_entry_holds_no_personal_values(client, personas, login):
    colleague = personas.colleague
    login(client, personas.professional)

    client.get(profile_url(colleague))

    entry = views_of(colleague).get()
    stored = " ".join(str(value) for value in entry.__dict__.values())
    for personal in (colleague.first_name, colleague.last_name, colleague.email):
        assert personal not in stored


def test_outsider_gets_404_and_a_refused_entry(client, personas, login):
    login(client, personas.outsider)

    response = client.get(profile_url(personas.professional))

    assert response.status_code == 404
    assert personas.professional.last_name not in response.content.decode()
    entry = views_of(personas.professional).get()
    assert entry.outcome == "refused"
    assert entry.actor_id == personas.outsider.pk


def test_nonexistent_profile_looks_the_same_as_a_hidden_one(client, personas, login):
    login(client, personas.outsider)

    hidden = client.get(profile_url(personas.professional))
    missing = client.get(reverse("accounts:user_detail", args=[999_999]))

    assert hidden.status_code == missing.status_code == 404


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "veiligthuis"])
def test_other_organisations_cannot_read_a_school_profile(client, personas, login, persona):
    login(client, getattr(personas, persona))

    assert client.get(profile_url(personas.colleague)).status_code == 404


def test_beheerder_can_read_anyone(client, personas, login):
    login(client, personas.beheerder)

    for person in (personas.professional, personas.outsider, personas.veiligthuis):
        assert client.get(profile_url(person)).status_code == 200
        assert views_of(person).get().actor_id == personas.beheerder.pk


def test_user_can_read_own_profile(client, personas, login):
    login(client, personas.professional)

    assert client.get(profile_url(personas.professional)).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client, personas):
    response = client.get(profile_url(personas.professional))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not views_of(personas.professional).exists()
