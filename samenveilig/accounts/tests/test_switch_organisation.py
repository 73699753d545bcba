"""A user who works for more than one organisation acts for one at a time, and switches explicitly."""

from __future__ import annotations

import pytest

from samenveilig.accounts.models import Membership
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory
from samenveilig.audit.models import AuditEntry

SWITCH_URL = "/organisatie-wisselen/"


@pytest.fixture
def second_membership(personas) -> Membership:
    # Named to sort after the school: the first membership (by organisation name) is the one acted for at login.
    return MembershipFactory(
        user=personas.professional,
        organisation=OrganisationFactory(name="Zwemvereniging Testwater"),
        role=Role.AANDACHTSFUNCTIONARIS,
    )


def acting_for(client) -> Membership | None:
    return client.get("/").wsgi_request.membership


def test_user_with_two_memberships_switches_organisation(client, personas, login, second_membership):
    login(client, personas.professional)
    assert acting_for(client) != second_membership

    response = client.post(SWITCH_URL, {"membership": second_membership.pk})

    assert response.status_code == 302
    assert acting_for(client) == second_membership
    assert client.get("/api/v1/me/").json()["acting_for"]["id"] == second_membership.pk


def test_switch_is_audited(client, personas, login, second_membership):
    login(client, personas.professional)

    client.post(SWITCH_URL, {"membership": second_membership.pk})

    entry = AuditEntry.objects.get(action="accounts.membership.switch")
    assert entry.outcome == "allowed"
    assert entry.actor_id == personas.professional.pk
    assert entry.object_id == str(second_membership.pk)
    assert entry.organisation_id == second_membership.organisation_id
    assert entry.role == second_membership.role


def test_switch_returns_to_a_safe_next_page(client, personas, login, second_membership):
    login(client, personas.professional)

    inside = client.post(SWITCH_URL, {"membership": second_membership.pk, "next": "/organisaties/"})
    outside = client.post(SWITCH_URL, {"membership": second_membership.pk, "next": "https://evil.example/"})

    assert inside["Location"] == "/organisaties/"
    assert outside["Location"] == "/"


def test_switching_to_someone_elses_membership_is_refused_and_audited(client, personas, login, second_membership):
    colleagues = personas.colleague.memberships.get()
    login(client, personas.professional)
    before = acting_for(client)

    response = client.post(SWITCH_URL, {"membership": colleagues.pk})

    assert response.status_code == 403
    assert acting_for(client) == before
    entry = AuditEntry.objects.get(action="accounts.membership.switch")
    assert entry.outcome == "refused"
    assert entry.actor_id == personas.professional.pk
    assert entry.object_id == str(colleagues.pk)


def test_switching_to_an_ended_membership_is_refused(client, personas, login, second_membership):
    second_membership.is_active = False
    second_membership.save()
    login(client, personas.professional)

    response = client.post(SWITCH_URL, {"membership": second_membership.pk})

    assert response.status_code == 403
    assert acting_for(client) != second_membership


def test_switch_without_a_membership_is_refused(client, personas, login):
    login(client, personas.professional)

    assert client.post(SWITCH_URL, {"membership": "abc"}).status_code == 403
    assert client.post(SWITCH_URL, {}).status_code == 403


def test_switch_needs_a_post(client, personas, login, second_membership):
    login(client, personas.professional)

    assert client.get(SWITCH_URL, {"membership": second_membership.pk}).status_code == 405


def test_switch_changes_what_the_rules_see(client, personas, login):
    """Acting as beheerder in one organisation and professional in another: the rights follow the switch."""
    user = personas.professional
    beheer = MembershipFactory(user=user, organisation=OrganisationFactory(name="Testgemeente"), role=Role.BEHEERDER)
    school = user.memberships.get(role=Role.PROFESSIONAL)
    login(client, user)

    client.post(SWITCH_URL, {"membership": school.pk})
    assert client.get(f"/gebruikers/{personas.outsider.pk}/").status_code == 404

    client.post(SWITCH_URL, {"membership": beheer.pk})
    assert client.get(f"/gebruikers/{personas.outsider.pk}/").status_code == 200
