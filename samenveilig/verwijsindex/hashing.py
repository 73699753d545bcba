"""The keyed hash that stands in for a BSN: HMAC-SHA256 with a secret separate from Django's ``SECRET_KEY``.

Keys come from ``SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS`` as ``id:secret`` items, current key first. A hash is stored
with the id of the key that made it. Looking a young person up hashes the BSN under **every** configured key, so an
old key keeps matching after a new one is put in front; the row found is re-keyed to the current key on the spot
(:func:`samenveilig.verwijsindex.services.register`). A hash cannot be turned back into a BSN, so rotation is
lazy: an old key may be dropped once ``manage.py verwijsindex_keys`` counts no rows under it (at the latest two
years plus the history term after the rotation, when everything hashed under it has expired).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

KEY_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,15}$")
MIN_SECRET_LENGTH = 32


@dataclass(frozen=True)
class HmacKey:
    id: str
    secret: bytes

    def __repr__(self) -> str:  # never show the secret
        return f"HmacKey(id={self.id!r})"


def parse_keys(items: list[str] | tuple[str, ...]) -> tuple[HmacKey, ...]:
    """Parse ``id:secret`` items; errors name the position, never the secret."""
    keys = []
    seen = set()
    for position, item in enumerate(items, start=1):
        key_id, sep, secret = str(item).partition(":")
        key_id = key_id.strip()
        if not sep or not KEY_ID.match(key_id) or len(secret.strip()) < MIN_SECRET_LENGTH:
            raise ImproperlyConfigured(
                f"SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS: item {position} must be 'id:secret' with a short lower-case id "
                f"and a secret of at least {MIN_SECRET_LENGTH} characters."
            )
        if key_id in seen:
            raise ImproperlyConfigured(f"SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS: key id {key_id!r} is used twice.")
        seen.add(key_id)
        keys.append(HmacKey(key_id, secret.strip().encode()))
    if not keys:
        raise ImproperlyConfigured("SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS is empty (see docs/configuration.md).")
    return tuple(keys)


@functools.lru_cache(maxsize=4)
def _keys(items: tuple[str, ...]) -> tuple[HmacKey, ...]:
    return parse_keys(items)


def keys() -> tuple[HmacKey, ...]:
    return _keys(tuple(settings.SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS))


@receiver(setting_changed)
def _clear_cache(*, setting: str, **kwargs) -> None:
    if setting == "SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS":
        _keys.cache_clear()


def _digest(key: HmacKey, digits: str) -> str:
    return hmac.new(key.secret, b"bsn:" + digits.encode("ascii"), hashlib.sha256).hexdigest()


def current_hash(digits: str) -> tuple[str, str]:
    """(key id, hash) of a normalised BSN under the current key."""
    key = keys()[0]
    return key.id, _digest(key, digits)


def all_hashes(digits: str) -> dict[str, str]:
    """{hash: key id} of a normalised BSN under every configured key, current first."""
    return {_digest(key, digits): key.id for key in keys()}
