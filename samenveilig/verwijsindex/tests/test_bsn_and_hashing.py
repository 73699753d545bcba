"""The eleven-test, and the keyed hash with rotatable keys."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from samenveilig.verwijsindex import bsn, hashing
from samenveilig.verwijsindex.tests.conftest import BSN

KEY_A = "a2025:" + "A" * 8 + "rT4wYb7nKc3jHd6fGs1qL2mZp9xV8kQe"
KEY_B = "b2026:" + "B" * 8 + "Vx8qL2mZp9rT4wYb7nKc3jHd6fGs1pWo"


@pytest.mark.parametrize("value", ["999990019", "9999 90 019", "999.990.019", "111222333"])
def test_valid_bsns_pass(value):
    assert bsn.is_valid(value)


@pytest.mark.parametrize("value", ["999990018", "12345678a", "1234567890", "", "000000000"])
def test_invalid_bsns_fail(value):
    assert not bsn.is_valid(value)


def test_eight_digits_get_their_leading_zero():
    assert bsn.normalise("12345672") == "012345672"


def test_hash_depends_on_the_key_and_never_contains_the_bsn():
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS=[KEY_A]):
        key_a = hashing.current_hash(BSN)
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS=[KEY_B]):
        key_b = hashing.current_hash(BSN)
    assert key_a[0] == "a2025" and key_b[0] == "b2026"
    assert key_a[1] != key_b[1]
    assert BSN not in key_a[1]


def test_all_hashes_cover_every_configured_key():
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS=[KEY_B, KEY_A]):
        assert list(hashing.all_hashes(BSN).values()) == ["b2026", "a2025"]


@pytest.mark.parametrize(
    "keys", [[], ["no-separator-" + "x" * 40], ["Bad Id:" + "x" * 40], ["k:short"], [KEY_A, KEY_A]]
)
def test_malformed_keys_are_refused_without_showing_the_secret(keys):
    with pytest.raises(ImproperlyConfigured) as error:
        hashing.parse_keys(keys)
    assert "x" * 40 not in str(error.value)
    assert "rT4wYb7n" not in str(error.value)
