"""Audit entries can be added, never changed or deleted: not through the ORM and not with raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from samenveilig.audit.models import AppendOnlyError, AuditEntry

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")


def _unchanged(entry):
    fresh = AuditEntry.objects.get(pk=entry.pk)
    assert (fresh.action, fresh.object_id, fresh.outcome) == (entry.action, entry.object_id, entry.outcome)


def test_saving_an_existing_entry_is_refused(entry):
    entry.action = "test.object.changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.refresh_from_db()
    assert entry.action == "test.object.viewed"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_queryset_update_and_delete_are_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["action"])
    _unchanged(entry)


def test_raw_sql_update_is_refused_by_the_database(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = %s WHERE id = %s", ["test.object.changed", entry.pk])
    _unchanged(entry)


def test_raw_sql_update_of_every_row_is_refused(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET outcome = 'refused'")
    _unchanged(entry)


@postgresql_only
def test_raw_sql_delete_is_refused_on_postgresql(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_retention_switch_allows_delete_only_within_its_transaction():
    from samenveilig import audit

    old, kept = audit.log(None, "test.old"), audit.log(None, "test.kept")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL samenveilig.audit_purge = 'on'")
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [old.pk])
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    # The switch ended with its transaction: the next delete is refused again.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [kept.pk])
    assert AuditEntry.objects.filter(pk=kept.pk).exists()


@postgresql_only
def test_the_retention_switch_never_allows_update(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL samenveilig.audit_purge = 'on'")
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    _unchanged(entry)


@pytest.mark.django_db(transaction=True)
def test_the_test_runner_can_still_empty_the_table_between_transactional_tests():
    """Flushing after this test uses DELETE on SQLite and TRUNCATE on PostgreSQL; neither may be blocked."""
    from samenveilig import audit

    audit.log(None, "test.committed")
    assert AuditEntry.objects.filter(action="test.committed").exists()
