"""Each refusal of production mode, one at a time, through the pure ``problems()`` function."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from samenveilig.lib import production

GOOD = {
    "debug": False,
    "secret_key": "k7#Qz!9vLmR2xWp$4tYb8nHc6jFd0sGa3eUo1iKl5rTq7wEy9uPz",
    "db_engine": "django.db.backends.postgresql",
    "allowed_hosts": ["samenveilig.example.nl"],
    "encryption_keys": [Fernet.generate_key().decode()],
    "email_backend": "django.core.mail.backends.smtp.EmailBackend",
    "demo": False,
}


def problems_with(**changes):
    return production.problems(**{**GOOD, **changes})


def test_fully_configured_production_has_no_problems():
    assert production.problems(**GOOD) == []


def test_debug_is_refused():
    [problem] = problems_with(debug=True)
    assert "DEBUG" in problem
    assert "SAMENVEILIG_DEBUG" in problem


@pytest.mark.parametrize("secret_key", ["", production.DEFAULT_SECRET_KEY])
def test_development_secret_key_is_refused(secret_key):
    [problem] = problems_with(secret_key=secret_key)
    assert "SECRET_KEY" in problem
    assert "SAMENVEILIG_SECRET_KEY" in problem


@pytest.mark.parametrize("secret_key", ["short-but-random-9f8e7d", "a" * 80, "ab" * 40])
def test_short_or_simple_secret_key_is_refused(secret_key):
    [problem] = problems_with(secret_key=secret_key)
    assert "SECRET_KEY" in problem
    assert "too short or too simple" in problem


def test_sqlite_is_refused():
    [problem] = problems_with(db_engine="django.db.backends.sqlite3")
    assert "SQLite" in problem
    assert "DATABASE_URL" in problem


@pytest.mark.parametrize("hosts", [[], ["*"], ["samenveilig.example.nl", "*"]])
def test_missing_or_wildcard_allowed_hosts_are_refused(hosts):
    [problem] = problems_with(allowed_hosts=hosts)
    assert "ALLOWED_HOSTS" in problem
    assert "SAMENVEILIG_ALLOWED_HOSTS" in problem


def test_missing_encryption_key_is_refused():
    [problem] = problems_with(encryption_keys=[])
    assert "SAMENVEILIG_ENCRYPTION_KEYS" in problem


def test_demo_mode_is_refused():
    [problem] = problems_with(demo=True)
    assert "SAMENVEILIG_DEMO" in problem
    assert "MFA" in problem


def test_laptop_defaults_name_every_problem_at_once():
    found = production.problems(
        debug=True,
        secret_key=production.DEFAULT_SECRET_KEY,
        db_engine="django.db.backends.sqlite3",
        allowed_hosts=[],
        encryption_keys=[],
        demo=True,
    )
    assert len(found) == 6


@pytest.mark.parametrize("backend", ["console", "locmem", "dummy"])
def test_mail_that_never_leaves_the_server_is_refused(backend):
    [problem] = problems_with(email_backend=f"django.core.mail.backends.{backend}.EmailBackend")
    assert "SAMENVEILIG_EMAIL_BACKEND" in problem


VERWIJSINDEX_KEY = "2025a:Vx8#qL2!mZp9@rT4wYb7nKc3jHd6fGs1"


def test_own_verwijsindex_key_passes():
    assert problems_with(verwijsindex_hmac_keys=[VERWIJSINDEX_KEY]) == []


@pytest.mark.parametrize(
    "keys",
    [[], [production.DEFAULT_VERWIJSINDEX_HMAC_KEY], [VERWIJSINDEX_KEY, production.DEFAULT_VERWIJSINDEX_HMAC_KEY]],
)
def test_missing_or_development_verwijsindex_key_is_refused(keys):
    [problem] = problems_with(verwijsindex_hmac_keys=keys)
    assert "SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS" in problem


def test_verwijsindex_key_may_not_reuse_the_secret_key():
    [problem] = problems_with(verwijsindex_hmac_keys=["k1:" + GOOD["secret_key"]])
    assert "SECRET_KEY" in problem
