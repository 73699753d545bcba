"""Every role sees personal data, so every role needs a second factor (docs/adr/0001-mfa-for-every-role.md)."""

from __future__ import annotations

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from samenveilig.accounts.middleware import session_has_mfa
from samenveilig.accounts.tests.factories import TEST_PASSWORD
from samenveilig.audit.models import AuditEntry

LOGIN_URL = "/accounts/login/"
MFA_AUTHENTICATE_URL = "/accounts/2fa/authenticate/"
TOTP_ACTIVATE_URL = "/accounts/2fa/totp/activate/"
REAUTHENTICATE_URL = "/accounts/reauthenticate/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth remembers used TOTP codes and login rate limits in the cache.
    cache.clear()
    yield
    cache.clear()


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, computed with allauth's own helpers."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def wrong_code(secret: str) -> str:
    good = totp_code(secret)
    return format_hotp_value((int(good) + 1) % 10**mfa_settings.TOTP_DIGITS)


def log_in_with_password(client, user):
    response = client.post(LOGIN_URL, {"login": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content[:2000]
    return response


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def passes_mfa_step(client, secret):
    return client.post(MFA_AUTHENTICATE_URL, {"code": totp_code(secret)})


# (a) A role but no authenticator yet: only the set-up pages are open.


def test_user_without_authenticator_is_sent_to_set_up_mfa(client, personas):
    log_in_with_password(client, personas.professional)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_required"))
    assert "next=%2F" in response["Location"]


@pytest.mark.parametrize("persona", ["professional", "af", "coordinator", "veiligthuis", "beheerder"])
def test_every_role_needs_mfa(client, personas, persona):
    log_in_with_password(client, getattr(personas, persona))

    response = client.get(reverse("accounts:organisation_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_required"))


def test_user_without_authenticator_cannot_reach_other_pages(client, personas):
    log_in_with_password(client, personas.professional)

    for path in (
        reverse("accounts:organisation_list"),
        reverse("accounts:user_detail", args=[personas.colleague.pk]),
        reverse("accounts:api_tokens"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("accounts:mfa_required")), path


def test_mfa_redirect_keeps_the_whole_address_to_return_to(client, personas):
    log_in_with_password(client, personas.professional)

    response = client.get(reverse("accounts:organisation_list") + "?page=2&sort=name")

    expected = reverse("accounts:mfa_required") + "?next=%2Forganisaties%2F%3Fpage%3D2%26sort%3Dname"
    assert response["Location"] == expected


def test_user_without_authenticator_cannot_use_the_api(client, personas):
    log_in_with_password(client, personas.professional)

    response = client.get("/api/v1/me/")

    assert response.status_code == 403


def test_user_without_authenticator_does_not_see_personal_data_of_colleagues(client, personas):
    log_in_with_password(client, personas.professional)

    client.get(reverse("accounts:user_detail", args=[personas.colleague.pk]))

    assert not AuditEntry.objects.filter(action="accounts.user.viewed").exists()


def test_user_without_authenticator_can_open_the_mfa_set_up(client, personas):
    log_in_with_password(client, personas.professional)
    reauthenticate(client)

    response = client.get(TOTP_ACTIVATE_URL)

    assert response.status_code == 200


def test_user_without_a_role_is_not_asked_for_mfa(client, db):
    from samenveilig.accounts.tests.factories import UserFactory

    user = UserFactory(username="t_no_role")
    log_in_with_password(client, user)

    assert client.get("/").status_code == 200


# (b) With a TOTP authenticator: the password alone does not log in.


def test_password_alone_does_not_log_in_a_user_with_totp(client, personas):
    with_totp(personas.professional)

    response = log_in_with_password(client, personas.professional)

    assert response["Location"] == MFA_AUTHENTICATE_URL
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_valid_totp_code_completes_the_login(client, personas):
    secret = with_totp(personas.professional)
    log_in_with_password(client, personas.professional)

    response = passes_mfa_step(client, secret)

    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert session_has_mfa(home.wsgi_request)
    assert AuditEntry.objects.filter(action="accounts.login", actor_id=personas.professional.pk).exists()


def test_valid_totp_code_opens_the_api(client, personas):
    secret = with_totp(personas.professional)
    log_in_with_password(client, personas.professional)
    passes_mfa_step(client, secret)

    response = client.get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["username"] == personas.professional.username


def test_wrong_totp_code_is_refused(client, personas):
    secret = with_totp(personas.professional)
    log_in_with_password(client, personas.professional)

    response = client.post(MFA_AUTHENTICATE_URL, {"code": wrong_code(secret)})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_a_totp_code_cannot_be_used_twice(client, personas):
    secret = with_totp(personas.professional)
    code = totp_code(secret)
    log_in_with_password(client, personas.professional)
    assert client.post(MFA_AUTHENTICATE_URL, {"code": code}).status_code == 302
    client.logout()

    log_in_with_password(client, personas.professional)
    response = client.post(MFA_AUTHENTICATE_URL, {"code": code})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# (c) Setting up TOTP proves possession: it counts as the second factor of this session, and is audited.


def reauthenticate(client):
    """allauth asks for the password again before an authenticator is added, even right after login."""
    response = client.get(TOTP_ACTIVATE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(REAUTHENTICATE_URL)
    response = client.post(REAUTHENTICATE_URL, {"password": TEST_PASSWORD})
    assert response.status_code == 302


def activate_totp(client):
    reauthenticate(client)
    assert client.get(TOTP_ACTIVATE_URL).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    return client.post(TOTP_ACTIVATE_URL, {"code": totp_code(secret)})


# allauth sends ``authenticator_added`` on commit: these tests need real transactions to see it within the request.
transactional = pytest.mark.django_db(transaction=True)


@transactional
def test_activating_totp_counts_as_mfa_for_the_session(client, personas):
    log_in_with_password(client, personas.professional)

    response = activate_totp(client)

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=personas.professional, type=Authenticator.Type.TOTP).exists()
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


@transactional
def test_activating_totp_is_audited(client, personas):
    log_in_with_password(client, personas.professional)

    activate_totp(client)

    authenticator = Authenticator.objects.get(user=personas.professional, type=Authenticator.Type.TOTP)
    entry = AuditEntry.objects.get(action="accounts.mfa.added", object_id=str(authenticator.pk))
    assert entry.actor_id == personas.professional.pk
    assert entry.object_type == "mfa.authenticator"
    assert entry.object_id == str(authenticator.pk)
    assert entry.outcome == "allowed"


@transactional
def test_activating_totp_with_a_wrong_code_is_refused(client, personas):
    log_in_with_password(client, personas.professional)
    reauthenticate(client)
    client.get(TOTP_ACTIVATE_URL)
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(TOTP_ACTIVATE_URL, {"code": wrong_code(secret)})

    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=personas.professional).exists()
    assert not AuditEntry.objects.filter(action="accounts.mfa.added").exists()
    assert client.get("/").status_code == 302


# (d) Demo mode lifts the requirement (and production refuses demo mode, see lib/tests/test_production.py).


@override_settings(DEMO_MODE=True)
def test_demo_mode_does_not_enforce_mfa(client, personas):
    log_in_with_password(client, personas.professional)

    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200
