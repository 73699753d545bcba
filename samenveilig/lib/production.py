"""The checks that keep production mode from starting with laptop defaults.

``problems()`` is pure so that each refusal can be tested; ``settings.py`` raises one error naming all of them.
"""

from __future__ import annotations

DEFAULT_SECRET_KEY = "insecure-samenveilig-development-key-do-not-use-in-production"
MIN_SECRET_LENGTH = 50
# The Verwijsindex's key for the keyed hash of a BSN on a laptop ("id:secret"); production refuses it.
DEFAULT_VERWIJSINDEX_HMAC_KEY = "dev:insecure-verwijsindex-development-key-do-not-use"


def problems(
    *,
    debug: bool,
    secret_key: str,
    db_engine: str,
    allowed_hosts: list[str],
    email_backend: str = "",
    encryption_keys: list[str] | None = None,
    demo: bool = False,
    verwijsindex_hmac_keys: list[str] | None = None,
) -> list[str]:
    found = []
    if debug:
        found.append("DEBUG is on: set SAMENVEILIG_DEBUG=false.")
    if not secret_key or secret_key == DEFAULT_SECRET_KEY:
        found.append("SECRET_KEY is the development default: set SAMENVEILIG_SECRET_KEY to a long random value.")
    elif len(secret_key) < MIN_SECRET_LENGTH or len(set(secret_key)) < 5:
        found.append(f"SECRET_KEY is too short or too simple: use at least {MIN_SECRET_LENGTH} random characters.")
    if "sqlite" in db_engine:
        found.append("The database is SQLite: set DATABASE_URL to a PostgreSQL database.")
    if not allowed_hosts or "*" in allowed_hosts:
        found.append("ALLOWED_HOSTS is missing or '*': set SAMENVEILIG_ALLOWED_HOSTS to the host names served.")
    if encryption_keys is not None and not encryption_keys:
        found.append("No encryption key: set SAMENVEILIG_ENCRYPTION_KEYS (see docs/configuration.md).")
    if email_backend.endswith(("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend")):
        found.append(
            "E-mail goes to the console (password-reset links would end up in the log): "
            "set SAMENVEILIG_EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend."
        )
    if demo:
        found.append("Demo mode is on: unset SAMENVEILIG_DEMO (it lifts the MFA requirement).")
    if verwijsindex_hmac_keys is not None:
        found += verwijsindex_problems(verwijsindex_hmac_keys, secret_key)
    return found


def verwijsindex_problems(hmac_keys: list[str], secret_key: str) -> list[str]:
    """The Verwijsindex hashes a BSN with its own secret: never missing, the laptop default, or Django's key."""
    secrets_ = [item.partition(":")[2].strip() for item in hmac_keys]
    if not hmac_keys:
        return ["No Verwijsindex key: set SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS (see docs/configuration.md)."]
    if DEFAULT_VERWIJSINDEX_HMAC_KEY in hmac_keys or DEFAULT_VERWIJSINDEX_HMAC_KEY.partition(":")[2] in secrets_:
        return ["SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS holds the development key: set a long random secret of your own."]
    if secret_key and secret_key in secrets_:
        return ["SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS must not reuse SECRET_KEY: give the Verwijsindex its own secret."]
    return []
