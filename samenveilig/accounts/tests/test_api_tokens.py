"""Personal API tokens: created by command or on the token page, shown once, stored as a hash, revocable."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from samenveilig.accounts.models import ApiToken
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.audit.models import AuditEntry

ME_URL = "/api/v1/me/"
TOKENS_URL = "/mijn-account/api-tokens/"


def create_token(*args: str) -> str:
    stdout, stderr = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue()


def api_get(client, key: str, path: str = ME_URL):
    return client.get(path, HTTP_AUTHORIZATION=f"Token {key}")


# The management command.


def test_command_prints_only_a_token_that_opens_the_api(client, personas):
    output = create_token(personas.professional.username, "--name", "registratiesysteem")

    key = output.strip()
    assert output == key + "\n"
    assert key.startswith(ApiToken.PREFIX)
    response = api_get(client, key)
    assert response.status_code == 200
    assert response.json()["username"] == personas.professional.username
    assert response.json()["acting_for"]["organisation"] == "Testschool De Linde"


def test_command_stores_only_the_hash(personas):
    key = create_token(personas.professional.username).strip()

    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.key_hint, token.name}
    assert token.key_hint == key[:8]


def test_command_creation_is_audited_with_the_system_as_actor(personas):
    create_token(personas.professional.username)

    token = ApiToken.objects.get()
    entry = AuditEntry.objects.get(action="accounts.api_token.created")
    assert entry.actor_id is None
    assert entry.object_id == str(token.pk)
    assert entry.organisation_id == token.membership.organisation_id
    assert entry.role == Role.PROFESSIONAL


def test_command_sets_name_and_expiry(personas):
    create_token(personas.professional.username, "--name", "koppeling", "--expires-days", "30")

    token = ApiToken.objects.get()
    assert token.name == "koppeling"
    assert timedelta(days=29, hours=23) < token.expires - timezone.now() <= timedelta(days=30)


def test_command_chooses_the_organisation_asked_for(personas):
    user = personas.professional
    other = OrganisationFactory(name="Tweede organisatie")
    MembershipFactory(user=user, organisation=other)

    create_token(user.username, "--organisation", str(other.pk))

    assert ApiToken.objects.get().membership.organisation == other


def test_command_refuses_to_guess_between_organisations(personas):
    user = personas.professional
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Tweede organisatie"))

    with pytest.raises(CommandError, match="--organisation"):
        create_token(user.username)
    assert not ApiToken.objects.exists()


def test_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user with username 'nobody'"):
        create_token("nobody")


def test_command_refuses_a_user_without_an_active_membership(personas):
    user = UserFactory(username="t_no_membership")
    with pytest.raises(CommandError, match="no active membership"):
        create_token(user.username)

    ended = personas.professional
    ended.memberships.update(is_active=False)
    with pytest.raises(CommandError, match="no active membership"):
        create_token(ended.username)
    assert not ApiToken.objects.exists()


def test_command_refuses_an_organisation_the_user_does_not_work_for(personas):
    outsiders_org = personas.outsider.memberships.get().organisation

    with pytest.raises(CommandError, match=f"no active membership in organisation {outsiders_org.pk}"):
        create_token(personas.professional.username, "--organisation", str(outsiders_org.pk))


def test_command_refuses_an_inactive_user(personas):
    personas.professional.is_active = False
    personas.professional.save()

    with pytest.raises(CommandError, match="not active"):
        create_token(personas.professional.username)


@pytest.mark.parametrize("days", ["0", "-1", "soon"])
def test_command_refuses_a_nonsense_expiry(personas, days):
    with pytest.raises(CommandError):
        create_token(personas.professional.username, "--expires-days", days)


# Token authentication.


def test_revoked_token_gets_401(client, personas):
    key = create_token(personas.professional.username).strip()
    ApiToken.objects.update(revoked=timezone.now())

    assert api_get(client, key).status_code == 401


def test_expired_token_gets_401(client, personas):
    key = create_token(personas.professional.username, "--expires-days", "1").strip()
    assert api_get(client, key).status_code == 200

    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert api_get(client, key).status_code == 401


def test_unknown_token_gets_401(client, db):
    assert api_get(client, ApiToken.PREFIX + "made-up").status_code == 401


def test_no_token_gets_401(client, db):
    assert client.get(ME_URL).status_code in (401, 403)


def test_token_of_an_ended_membership_gets_401(client, personas):
    key = create_token(personas.professional.username).strip()
    personas.professional.memberships.update(is_active=False)

    assert api_get(client, key).status_code == 401


def test_token_of_a_deactivated_organisation_gets_401(client, personas):
    key = create_token(personas.professional.username).strip()
    organisation = personas.professional.memberships.get().organisation
    organisation.is_active = False
    organisation.save()

    assert api_get(client, key).status_code == 401


def test_token_of_a_deactivated_user_gets_401(client, personas):
    key = create_token(personas.professional.username).strip()
    personas.professional.is_active = False
    personas.professional.save()

    assert api_get(client, key).status_code == 401


def test_token_use_is_remembered(client, personas):
    key = create_token(personas.professional.username).strip()

    api_get(client, key)

    assert ApiToken.objects.get().last_used is not None


# The token page.


def test_token_page_creates_a_token_and_shows_it_once(client, personas, login):
    login(client, personas.professional)

    response = client.post(TOKENS_URL, {"name": "registratiesysteem", "expires": ""}, follow=True)

    # Redirect after POST: a reload of the page cannot create a second token.
    assert response.redirect_chain == [(TOKENS_URL, 302)]
    assert "no-store" in response["Cache-Control"]
    key = response.context["new_key"]
    assert key.startswith(ApiToken.PREFIX)
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=personas.professional)
    assert token.key_hash == ApiToken.hash(key)
    assert token.membership.organisation.name == "Testschool De Linde"
    assert AuditEntry.objects.filter(action="accounts.api_token.created", actor_id=personas.professional.pk).exists()

    again = client.get(TOKENS_URL)
    assert again.status_code == 200
    assert key not in again.content.decode()
    assert token.key_hint in again.content.decode()


def test_token_from_the_page_opens_the_api(client, personas, login):
    login(client, personas.professional)
    key = client.post(TOKENS_URL, {"name": "koppeling", "expires": ""}, follow=True).context["new_key"]

    response = api_get(client.__class__(), key)

    assert response.status_code == 200
    assert response.json()["username"] == personas.professional.username


def test_token_page_lists_only_own_tokens(client, personas, login):
    create_token(personas.colleague.username, "--name", "van-de-collega")
    login(client, personas.professional)

    response = client.get(TOKENS_URL)

    assert "van-de-collega" not in response.content.decode()


def test_token_page_needs_mfa(client, personas):
    client.force_login(personas.professional)

    response = client.post(TOKENS_URL, {"name": "zonder-mfa", "expires": ""})

    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_anonymous_visitor_cannot_open_the_token_page(client, db):
    response = client.get(TOKENS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_can_revoke_own_token(client, personas, login):
    create_token(personas.professional.username)
    token = ApiToken.objects.get()
    login(client, personas.professional)

    response = client.post(f"/mijn-account/api-tokens/{token.pk}/intrekken/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked is not None
    assert AuditEntry.objects.filter(action="accounts.api_token.revoked", object_id=str(token.pk)).exists()


def test_another_users_token_cannot_be_revoked(client, personas, login):
    create_token(personas.colleague.username)
    token = ApiToken.objects.get()
    login(client, personas.professional)

    response = client.post(f"/mijn-account/api-tokens/{token.pk}/intrekken/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_revoking_needs_a_post(client, personas, login):
    create_token(personas.professional.username)
    token = ApiToken.objects.get()
    login(client, personas.professional)

    response = client.get(f"/mijn-account/api-tokens/{token.pk}/intrekken/")

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked is None
