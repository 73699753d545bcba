"""Encryption of personal free text at rest, with rotatable keys.

Keys are Fernet keys in ``settings.ENCRYPTION_KEYS`` (from ``SAMENVEILIG_ENCRYPTION_KEYS``), newest first: the
first key encrypts, every key decrypts. To rotate: put a new key in front, re-encrypt stored values with
:func:`rotate`, then drop the old key. Without keys outside production one development key is derived from
``SECRET_KEY`` so laptops and tests work; production refuses to start without keys (:mod:`samenveilig.lib.production`).

Ciphertext is random per call: an :class:`EncryptedTextField` cannot be searched or compared in SQL.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

_DEV_KEY_SALT = b"samenveilig.lib.crypto development key"
_DEV_KEY_INFO = b"fernet v1"
_SETTINGS = {"ENCRYPTION_KEYS", "SECRET_KEY", "IS_PRODUCTION"}


class DecryptionError(ValueError):
    """The value was not encrypted with any configured key, or it was changed."""


def development_key(secret_key: str) -> str:
    """A Fernet key derived from ``secret_key`` (HKDF-SHA256): stable for a laptop, never used in production."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=_DEV_KEY_SALT, info=_DEV_KEY_INFO).derive(
        secret_key.encode()
    )
    return base64.urlsafe_b64encode(derived).decode("ascii")


def _configured_keys() -> tuple[str, ...]:
    keys = tuple(key.strip() for key in settings.ENCRYPTION_KEYS if key and key.strip())
    if keys:
        return keys
    if settings.IS_PRODUCTION:
        raise ImproperlyConfigured("No encryption key: set SAMENVEILIG_ENCRYPTION_KEYS (see docs/configuration.md).")
    return (development_key(settings.SECRET_KEY),)


@functools.lru_cache(maxsize=4)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # Name the position only: the key itself must never reach a log or an error page.
            raise ImproperlyConfigured(
                f"Encryption key {position} in SAMENVEILIG_ENCRYPTION_KEYS is not a valid Fernet key "
                "(32 url-safe base64-encoded bytes; make one with Fernet.generate_key())."
            ) from None
    return MultiFernet(fernets)


def get_fernet() -> MultiFernet:
    """The MultiFernet for the keys configured now (cached per key list, so a settings change takes effect)."""
    return _multi_fernet(_configured_keys())


@receiver(setting_changed)
def _clear_cache(*, setting: str, **kwargs) -> None:
    if setting in _SETTINGS:
        _multi_fernet.cache_clear()


def encrypt(plaintext: str) -> str:
    """Encrypt ``plaintext`` with the newest key; returns an ASCII token."""
    return get_fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt a token made with any configured key; :class:`DecryptionError` when none fits."""
    try:
        return get_fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise DecryptionError(
            "Cannot decrypt: the value was encrypted with a key that is not in SAMENVEILIG_ENCRYPTION_KEYS, "
            "or it was altered."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt a token with the newest key (it keeps its original timestamp)."""
    try:
        return get_fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        raise DecryptionError(
            "Cannot rotate: the value was encrypted with a key that is not in SAMENVEILIG_ENCRYPTION_KEYS, "
            "or it was altered."
        ) from None


class EncryptedTextField(models.TextField):
    """Text stored encrypted; reads give the plain text. ``None`` and ``""`` are stored as they are.

    Not searchable: filtering on the plain text cannot match, because every encryption differs.
    """

    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)


class HashedKeyMixin:
    """For a model that keeps only a hash of a bearer key shown once (API tokens, organisation credentials): the key
    is ``PREFIX`` + 256 random bits; ``hash`` gives what is stored and looked up."""

    PREFIX = ""

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> tuple[str, str, str]:
        """(key, its hash, its hint: the first characters, to recognise it in a list)."""
        key = cls.PREFIX + secrets.token_urlsafe(32)
        return key, cls.hash(key), key[:8]
