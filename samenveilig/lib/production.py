"""The checks that keep production mode from starting with laptop defaults.

``problems()`` is pure so that each refusal can be tested; ``settings.py`` raises one error naming all of them.
"""

from __future__ import annotations

DEFAULT_SECRET_KEY = "insecure-samenveilig-development-key-do-not-use-in-production"
MIN_SECRET_LENGTH = 50


def problems(
    *,
    debug: bool,
    secret_key: str,
    db_engine: str,
    allowed_hosts: list[str],
    email_backend: str = "",
    encryption_keys: list[str] | None = None,
    demo: bool = False,
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
    return found
