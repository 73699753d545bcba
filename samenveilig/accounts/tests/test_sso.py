"""Single sign-on with OpenID Connect: existing accounts only, linked by a verified e-mail address.

The provider is faked at the one place allauth talks HTTP, ``get_requests_session()`` of the social account
adapter: the discovery document, the token endpoint and the userinfo endpoint.
"""

from __future__ import annotations

import json
import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.cache import cache
from django.test import override_settings

from samenveilig.accounts.adapters import SocialAccountAdapter
from samenveilig.accounts.models import User
from samenveilig.accounts.tests.factories import UserFactory
from samenveilig.audit.models import AuditEntry

PROVIDER_ID = "sso"
SERVER_URL = "https://idp.example.invalid/realms/gemeente"
CLIENT_ID = "samenveilig"
CLIENT_SECRET = "client-secret-for-tests"
LOGIN_URL = f"/accounts/oidc/{PROVIDER_ID}/login/"
CALLBACK_URL = f"/accounts/oidc/{PROVIDER_ID}/login/callback/"

# The same shape as settings.py builds from the SAMENVEILIG_OIDC_* variables.
PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": PROVIDER_ID,
                "name": "Gemeente-account",
                "client_id": CLIENT_ID,
                "secret": CLIENT_SECRET,
                "settings": {
                    "server_url": SERVER_URL,
                    "token_auth_method": "client_secret_post",
                    "oauth_pkce_enabled": True,
                },
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }
}

DISCOVERY = {
    "issuer": SERVER_URL,
    "authorization_endpoint": f"{SERVER_URL}/protocol/openid-connect/auth",
    "token_endpoint": f"{SERVER_URL}/protocol/openid-connect/token",
    "userinfo_endpoint": f"{SERVER_URL}/protocol/openid-connect/userinfo",
    "jwks_uri": f"{SERVER_URL}/protocol/openid-connect/certs",
    "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
}


class FakeResponse:
    def __init__(self, payload: dict, status_code: int = 200):
        self.payload = payload
        self.status_code = status_code
        self.headers = {"content-type": "application/json"}
        self.text = json.dumps(payload)
        self.content = self.text.encode()

    def json(self):
        return self.payload

    def raise_for_status(self):
        if self.status_code >= 400:
            import requests

            raise requests.HTTPError(f"{self.status_code}")


class FakeProvider:
    """A requests.Session stand-in that answers as an OpenID Connect provider would."""

    def __init__(self, userinfo: dict, *, code: str = "the-code", with_id_token: bool = True):
        self.userinfo = userinfo
        self.code = code
        self.with_id_token = with_id_token
        self.calls: list[tuple[str, str, dict]] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, kwargs))
        if url == f"{SERVER_URL}/.well-known/openid-configuration":
            return FakeResponse(DISCOVERY)
        if url == DISCOVERY["token_endpoint"] and method == "POST":
            data = kwargs.get("data") or {}
            if data.get("code") != self.code or not data.get("code_verifier"):
                return FakeResponse({"error": "invalid_grant"}, status_code=400)
            token = {"access_token": "access-token", "token_type": "Bearer", "expires_in": 300}
            if self.with_id_token:
                token["id_token"] = self.id_token()
            return FakeResponse(token)
        if url == DISCOVERY["userinfo_endpoint"]:
            assert kwargs["headers"]["Authorization"] == "Bearer access-token"
            return FakeResponse(self.userinfo)
        raise AssertionError(f"unexpected request {method} {url}")

    def id_token(self) -> str:
        now = int(time.time())
        claims = {"iss": SERVER_URL, "aud": CLIENT_ID, "sub": self.userinfo["sub"], "iat": now, "exp": now + 300}
        # Received straight from the token endpoint over TLS, allauth need not (and does not) check the signature.
        return jwt.encode(claims, "not-checked-signing-key-of-32-bytes!", algorithm="HS256")

    def token_request(self) -> dict:
        [call] = [c for c in self.calls if c[1] == DISCOVERY["token_endpoint"]]
        return call[2]["data"]


@pytest.fixture(autouse=True)
def _sso_configured():
    cache.clear()
    with override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS):
        yield
    cache.clear()


def fake_provider(**userinfo) -> FakeProvider:
    claims = {"sub": "idp-subject-1", "email_verified": True, **userinfo}
    return FakeProvider(claims)


def start_login(client) -> dict[str, list[str]]:
    response = client.post(LOGIN_URL)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == DISCOVERY["authorization_endpoint"]
    return parse_qs(location.query)


def sso_login(client, provider: FakeProvider, *, state: str | None = None, code: str = "the-code"):
    with mock.patch.object(SocialAccountAdapter, "get_requests_session", return_value=provider):
        params = start_login(client)
        return client.get(CALLBACK_URL, {"code": code, "state": state or params["state"][0]})


def logged_in_user_id(client):
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_login_redirects_to_the_provider_with_state_and_pkce(client, db):
    provider = fake_provider(email="x@example.invalid")
    with mock.patch.object(SocialAccountAdapter, "get_requests_session", return_value=provider):
        params = start_login(client)

    assert params["client_id"] == [CLIENT_ID]
    assert params["response_type"] == ["code"]
    assert params["redirect_uri"] == [f"http://testserver{CALLBACK_URL}"]
    assert set(params["scope"][0].split()) == {"openid", "profile", "email"}
    assert params["state"][0]
    assert params["code_challenge"][0]
    assert params["code_challenge_method"] == ["S256"]


def test_login_page_is_open_to_anonymous_visitors(client, db):
    response = client.get(LOGIN_URL)
    # A confirmation page (no login on GET, against login CSRF), not a redirect to our own login page.
    assert response.status_code == 200


def test_sso_logs_in_the_existing_user_with_that_verified_email(client, personas):
    user = personas.professional
    provider = fake_provider(email=user.email.upper())

    response = sso_login(client, provider)

    assert response.status_code == 302
    assert logged_in_user_id(client) == user.pk
    # The code was exchanged as configured: client secret in the body, with the PKCE verifier.
    token_request = provider.token_request()
    assert token_request["client_id"] == CLIENT_ID
    assert token_request["client_secret"] == CLIENT_SECRET
    assert token_request["code_verifier"]


def test_sso_links_the_account_and_audits_it(client, personas):
    user = personas.professional

    sso_login(client, fake_provider(email=user.email))

    account = SocialAccount.objects.get(user=user)
    assert account.provider == PROVIDER_ID
    assert account.uid == "idp-subject-1"
    entry = AuditEntry.objects.get(action="accounts.sso.linked")
    assert entry.actor_id == user.pk
    assert entry.object_type == "socialaccount.socialaccount"
    assert entry.object_id == str(account.pk)
    assert AuditEntry.objects.filter(action="accounts.login", actor_id=user.pk).exists()


def test_second_sso_login_uses_the_link_not_the_email(client, personas):
    user = personas.professional
    sso_login(client, fake_provider(email=user.email))
    client.logout()

    # Same subject at the provider, the e-mail address changed there: still the same person here.
    sso_login(client, fake_provider(email="renamed@example.invalid"))

    assert logged_in_user_id(client) == user.pk
    assert SocialAccount.objects.filter(user=user).count() == 1
    assert AuditEntry.objects.filter(action="accounts.sso.linked").count() == 1


def test_sso_still_requires_mfa_for_a_role(client, personas):
    sso_login(client, fake_provider(email=personas.professional.email))

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/mfa-vereist/")


def test_sso_asks_for_the_second_factor_of_a_user_who_has_one(client, personas):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(personas.professional, generate_totp_secret())

    response = sso_login(client, fake_provider(email=personas.professional.email))

    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert logged_in_user_id(client) is None


def test_sso_with_an_unknown_email_creates_no_account(client, personas):
    users_before = User.objects.count()

    response = sso_login(client, fake_provider(email="stranger@example.invalid", preferred_username="stranger"))

    assert response.status_code == 200  # "sign-up closed"
    assert logged_in_user_id(client) is None
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()
    entry = AuditEntry.objects.get(action="accounts.sso.login")
    assert entry.outcome == "refused"
    assert "stranger" not in entry.purpose


@pytest.mark.parametrize("verified", [False, "false", None])
def test_sso_with_an_unverified_email_does_not_link(client, personas, verified):
    user = personas.professional
    provider = fake_provider(email=user.email, email_verified=verified)

    sso_login(client, provider)

    assert logged_in_user_id(client) is None
    assert not SocialAccount.objects.exists()


def test_sso_with_an_email_shared_by_two_accounts_does_not_guess(client, personas):
    UserFactory(username="t_same_address", email=personas.professional.email)

    sso_login(client, fake_provider(email=personas.professional.email))

    assert logged_in_user_id(client) is None
    assert not SocialAccount.objects.exists()


def test_sso_does_not_log_in_a_deactivated_user(client, personas):
    user = personas.professional
    user.is_active = False
    user.save()

    sso_login(client, fake_provider(email=user.email))

    assert logged_in_user_id(client) is None


def test_callback_with_a_forged_state_is_refused(client, personas):
    provider = fake_provider(email=personas.professional.email)

    response = sso_login(client, provider, state="forged-state")

    assert response.status_code == 401  # allauth's "login failure" page
    assert logged_in_user_id(client) is None
    assert not [c for c in provider.calls if c[1] == DISCOVERY["token_endpoint"]]


def test_callback_with_a_code_the_provider_rejects_is_refused(client, personas):
    response = sso_login(client, fake_provider(email=personas.professional.email), code="stolen-code")

    assert response.status_code == 401
    assert logged_in_user_id(client) is None


def test_sso_is_off_without_configuration(client, db):
    with override_settings(SOCIALACCOUNT_PROVIDERS={}):
        response = client.post(LOGIN_URL)

    assert response.status_code == 404


def test_login_page_offers_the_configured_provider(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Gemeente-account" in content
    assert LOGIN_URL in content


def test_login_page_without_sso_offers_no_provider(client, db):
    with override_settings(SOCIALACCOUNT_PROVIDERS={}):
        response = client.get("/accounts/login/")

    assert LOGIN_URL not in response.content.decode()
