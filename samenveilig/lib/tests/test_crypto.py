"""Personal free text encrypted at rest: round trip, key rotation, clear failure with a wrong key."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from samenveilig.lib import crypto
from samenveilig.lib.crypto import DecryptionError, EncryptedTextField, decrypt, encrypt, rotate

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
TEXT = "Zorgen over Sam (8): blauwe plekken op de arm, vader reageert boos."


@override_settings(ENCRYPTION_KEYS=[NEW_KEY])
def test_round_trip():
    token = encrypt(TEXT)
    assert decrypt(token) == TEXT


@override_settings(ENCRYPTION_KEYS=[NEW_KEY])
def test_ciphertext_hides_the_text_and_differs_each_time():
    first, second = encrypt(TEXT), encrypt(TEXT)
    assert first != TEXT
    assert "Sam" not in first
    assert first != second
    assert first.isascii()


def test_old_key_still_decrypts_and_rotate_moves_to_the_new_key():
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        old_token = encrypt(TEXT)
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert decrypt(old_token) == TEXT
        new_token = rotate(old_token)
        assert new_token != old_token
        assert decrypt(new_token) == TEXT
    assert Fernet(NEW_KEY.encode()).decrypt(new_token.encode()).decode() == TEXT
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):  # old key dropped after rotation
        assert decrypt(new_token) == TEXT
        with pytest.raises(DecryptionError):
            decrypt(old_token)


def test_wrong_key_fails_clearly():
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        token = encrypt(TEXT)
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        with pytest.raises(DecryptionError, match="SAMENVEILIG_ENCRYPTION_KEYS"):
            decrypt(token)
        with pytest.raises(DecryptionError):
            rotate(token)


@override_settings(ENCRYPTION_KEYS=[NEW_KEY])
def test_altered_token_fails_clearly():
    token = encrypt(TEXT)
    with pytest.raises(DecryptionError):
        decrypt(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    with pytest.raises(DecryptionError):
        decrypt("not a token")


def test_settings_change_is_not_hidden_by_a_cache():
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        first = crypto.get_fernet()
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        assert crypto.get_fernet() is not first
        token = encrypt(TEXT)
    assert Fernet(NEW_KEY.encode()).decrypt(token.encode()).decode() == TEXT


def test_invalid_key_is_a_configuration_error_that_does_not_show_the_key():
    with (
        override_settings(ENCRYPTION_KEYS=["geen-geldige-sleutel"]),
        pytest.raises(ImproperlyConfigured, match="key 1") as error,
    ):
        encrypt(TEXT)
    assert "geen-geldige-sleutel" not in str(error.value)


@override_settings(ENCRYPTION_KEYS=[], IS_PRODUCTION=False, SECRET_KEY="laptop-secret-" + "x" * 40)
def test_development_key_is_derived_from_the_secret_key():
    token = encrypt(TEXT)
    assert decrypt(token) == TEXT
    derived = crypto.development_key("laptop-secret-" + "x" * 40)
    assert Fernet(derived.encode()).decrypt(token.encode()).decode() == TEXT
    assert crypto.development_key("another-secret") != derived


@override_settings(ENCRYPTION_KEYS=[], IS_PRODUCTION=True)
def test_production_without_keys_refuses():
    with pytest.raises(ImproperlyConfigured, match="SAMENVEILIG_ENCRYPTION_KEYS"):
        encrypt(TEXT)


@override_settings(ENCRYPTION_KEYS=[NEW_KEY])
def test_field_encrypts_on_save_and_decrypts_on_read():
    field = EncryptedTextField()
    stored = field.get_prep_value(TEXT)
    assert stored != TEXT
    assert decrypt(stored) == TEXT
    assert field.from_db_value(stored, None, None) == TEXT


@pytest.mark.parametrize("value", [None, ""])
def test_field_passes_none_and_empty_through(value):
    field = EncryptedTextField()
    assert field.get_prep_value(value) == value
    assert field.from_db_value(value, None, None) == value


@override_settings(ENCRYPTION_KEYS=[NEW_KEY])
def test_field_survives_a_database_round_trip(db):
    """Store through the field's save path and read back through from_db_value, as a model would."""
    from django.db import connection

    field = EncryptedTextField()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE crypto_probe (body TEXT)")
        cursor.execute("INSERT INTO crypto_probe (body) VALUES (%s)", [field.get_db_prep_save(TEXT, connection)])
        cursor.execute("SELECT body FROM crypto_probe")
        (raw,) = cursor.fetchone()
        cursor.execute("DROP TABLE crypto_probe")
    assert raw != TEXT
    assert field.from_db_value(raw, None, connection) == TEXT


def test_field_deconstructs_for_migrations():
    _name, path, _args, kwargs = EncryptedTextField(blank=True).deconstruct()
    assert path == "samenveilig.lib.crypto.EncryptedTextField"
    assert kwargs == {"blank": True}
