"""Production mode, started for real: a fresh interpreter imports the settings with a clean environment.

With laptop defaults it must refuse to start and name every problem; fully configured, it must start with secure
cookies and HSTS. No database connection is made: ``django.setup()`` only loads settings and apps.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent

SETUP = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'samenveilig.settings'; django.setup()"
REPORT = (
    SETUP + "; from django.conf import settings as s; import json; print(json.dumps({"
    "'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], 'hosts': s.ALLOWED_HOSTS,"
    "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
    "'hsts': s.SECURE_HSTS_SECONDS, 'ssl_redirect': s.SECURE_SSL_REDIRECT, 'demo': s.DEMO_MODE}))"
)


def run(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {"PATH": "/usr/bin:/bin", "SAMENVEILIG_VAR_DIR": str(tmp_path), "SAMENVEILIG_ENV": "production", **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=60
    )


def configured(**overrides: str) -> dict[str, str]:
    return {
        "SAMENVEILIG_SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": "postgres://samenveilig:secret@db.internal.invalid:5432/samenveilig",
        "SAMENVEILIG_ALLOWED_HOSTS": "samenveilig.example.nl",
        "SAMENVEILIG_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SAMENVEILIG_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS": "prod1:" + secrets.token_urlsafe(48),
        **overrides,
    }


def test_production_with_default_settings_refuses_to_start(tmp_path):
    result = run(SETUP, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "refuses to start in production mode" in result.stderr
    for named in ("SAMENVEILIG_SECRET_KEY", "SQLite", "DATABASE_URL", "SAMENVEILIG_ALLOWED_HOSTS"):
        assert named in result.stderr
    assert "SAMENVEILIG_ENCRYPTION_KEYS" in result.stderr
    assert "SAMENVEILIG_EMAIL_BACKEND" in result.stderr
    # DEBUG is off by default in production, so it is not among the complaints.
    assert "DEBUG is on" not in result.stderr


def test_production_with_debug_on_names_debug(tmp_path):
    result = run(SETUP, tmp_path, SAMENVEILIG_DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG is on" in result.stderr


def test_production_with_debug_on_is_refused_even_when_otherwise_configured(tmp_path):
    result = run(SETUP, tmp_path, **configured(SAMENVEILIG_DEBUG="true"))
    assert result.returncode != 0
    assert "DEBUG is on" in result.stderr
    assert "SECRET_KEY" not in result.stderr.split("refuses to start")[-1]


def test_production_in_demo_mode_is_refused(tmp_path):
    result = run(SETUP, tmp_path, **configured(SAMENVEILIG_DEMO="1"))
    assert result.returncode != 0
    assert "SAMENVEILIG_DEMO" in result.stderr


def test_production_with_a_typo_in_a_boolean_is_refused(tmp_path):
    result = run(SETUP, tmp_path, **configured(SAMENVEILIG_DEBUG="flase"))
    assert result.returncode != 0
    assert "SAMENVEILIG_DEBUG" in result.stderr
    assert "'flase'" in result.stderr


@pytest.mark.parametrize("keys", ["changeme", "not-a-key," + "x" * 44])
def test_production_with_a_malformed_encryption_key_is_refused(tmp_path, keys):
    result = run(SETUP, tmp_path, **configured(SAMENVEILIG_ENCRYPTION_KEYS=keys))
    assert result.returncode != 0
    assert "SAMENVEILIG_ENCRYPTION_KEYS" in result.stderr
    # The key itself never ends up in the error output.
    assert "changeme" not in result.stderr


def test_fully_configured_production_starts_with_secure_cookies_and_hsts(tmp_path):
    result = run(REPORT, tmp_path, **configured())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["debug"] is False
    assert values["demo"] is False
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["hosts"] == ["samenveilig.example.nl"]
    assert values["session_secure"] is True
    assert values["csrf_secure"] is True
    assert values["hsts"] >= 31536000
    assert values["ssl_redirect"] is True


def test_fully_configured_production_accepts_several_encryption_keys(tmp_path):
    keys = ",".join(Fernet.generate_key().decode() for _ in range(2))
    result = run(SETUP, tmp_path, **configured(SAMENVEILIG_ENCRYPTION_KEYS=keys))
    assert result.returncode == 0, result.stderr


SSO_REPORT = (
    SETUP + "; from django.conf import settings as s; import json; print(json.dumps({"
    "'providers': s.SOCIALACCOUNT_PROVIDERS, 'form_action': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']}))"
)
SSO_ENV = {
    "SAMENVEILIG_OIDC_CLIENT_ID": "samenveilig",
    "SAMENVEILIG_OIDC_CLIENT_SECRET": "client-secret",
    "SAMENVEILIG_OIDC_SERVER_URL": "https://idp.example.nl/realms/gemeente/",
    "SAMENVEILIG_OIDC_PROVIDER_ID": "gemeente",
    "SAMENVEILIG_OIDC_NAME": "Gemeente-account",
}


def test_sso_is_built_from_the_environment(tmp_path):
    from samenveilig.accounts.tests.test_sso import PROVIDERS

    result = run(SSO_REPORT, tmp_path, SAMENVEILIG_ENV="development", **SSO_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    [app] = values["providers"]["openid_connect"]["APPS"]
    assert app == {
        "provider_id": "gemeente",
        "name": "Gemeente-account",
        "client_id": "samenveilig",
        "secret": "client-secret",
        "settings": {
            "server_url": "https://idp.example.nl/realms/gemeente",
            "token_auth_method": "client_secret_post",
            "oauth_pkce_enabled": True,
        },
    }
    assert values["providers"]["openid_connect"]["OAUTH_PKCE_ENABLED"] is True
    assert "https://idp.example.nl/realms/gemeente" in values["form_action"]
    # The SSO tests fake a provider configured in exactly this shape.
    [test_app] = PROVIDERS["openid_connect"]["APPS"]
    assert test_app.keys() == app.keys()
    assert test_app["settings"].keys() == app["settings"].keys()


def test_sso_is_off_without_a_client_id(tmp_path):
    result = run(SSO_REPORT, tmp_path, SAMENVEILIG_ENV="development")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["providers"] == {}


def test_sso_without_a_server_url_refuses_to_start(tmp_path):
    env = {**SSO_ENV, "SAMENVEILIG_OIDC_SERVER_URL": ""}
    result = run(SETUP, tmp_path, SAMENVEILIG_ENV="development", **env)
    assert result.returncode != 0
    assert "SAMENVEILIG_OIDC_SERVER_URL" in result.stderr


def test_production_sso_over_plain_http_is_refused(tmp_path):
    env = {**SSO_ENV, "SAMENVEILIG_OIDC_SERVER_URL": "http://idp.example.nl/realms/gemeente"}
    result = run(SETUP, tmp_path, **configured(**env))
    assert result.returncode != 0
    assert "SAMENVEILIG_OIDC_SERVER_URL" in result.stderr
    assert "https://" in result.stderr


def test_production_with_sso_configured_starts(tmp_path):
    result = run(SSO_REPORT, tmp_path, **configured(**SSO_ENV))
    assert result.returncode == 0, result.stderr
