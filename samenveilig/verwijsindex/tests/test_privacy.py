"""The BSN is never stored or logged in clear; matching survives a key rotation."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.verwijsindex.models import Jongere, Match, Signaal
from samenveilig.verwijsindex.tests.conftest import BSN, register
from samenveilig.verwijsindex.tests.test_bsn_and_hashing import KEY_A, KEY_B
from samenveilig.verwijsindex.tests.test_pages import form_data

pytestmark = pytest.mark.django_db


def every_stored_value() -> str:
    """The text of every row of every table, as the database holds it."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_bsn_and_label_are_not_in_any_table_audit_entry_or_log_line(client, login, connected, caplog):
    caplog.set_level(logging.DEBUG)
    login(client, connected.professional)
    client.post(reverse("verwijsindex:signal_create"), form_data(label="Geheim kenmerk"))
    register(connected.outsider)
    assert Signaal.objects.count() == 2 and Match.objects.count() == 1
    stored = every_stored_value()
    assert BSN not in stored
    assert "Geheim kenmerk" not in stored
    assert "2012-05-17" not in stored  # the date of birth is not stored either
    for entry in AuditEntry.objects.all():
        assert BSN not in " ".join(str(getattr(entry, f)) for f in AuditEntry.FIELDS)
    assert BSN not in caplog.text


def test_a_key_rotation_still_matches_and_rekeys_the_row(connected):
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS=[KEY_A]):
        register(connected.professional)
        old_hash = Jongere.objects.get().bsn_hash
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS=[KEY_B, KEY_A]):
        assert register(connected.outsider).matched
    jongere = Jongere.objects.get()
    assert jongere.key_id == "b2026"
    assert jongere.bsn_hash != old_hash
    assert Signaal.objects.filter(jongere=jongere).count() == 2


def test_without_the_old_key_a_person_is_not_recognised(connected):
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS=[KEY_A]):
        register(connected.professional)
    with override_settings(SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS=[KEY_B]):
        assert not register(connected.outsider).matched
    assert Jongere.objects.count() == 2
