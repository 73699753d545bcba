"""Make audit entries append-only in the database itself, not only in the ORM.

The ORM already refuses ``save()`` on an existing entry, ``delete()`` and ``QuerySet.update/delete``; these triggers
also stop raw SQL, a shell session or another program that talks to the database directly.

PostgreSQL (production)
    A row trigger refuses every ``UPDATE``. It also refuses every ``DELETE``, unless the transaction has set::

        SET LOCAL samenveilig.audit_purge = 'on';

    That switch is for the retention job only (entries older than the retention period are removed, with a record
    of the deletion that holds no personal data). ``SET LOCAL`` ends with the transaction, so the switch can never
    stay on for a later statement on a pooled connection. ``TRUNCATE`` is not blocked: the test runner empties tables
    with it, and it needs the table owner's privilege, which the application's database role should not have in
    production.

SQLite (laptop and test default)
    A trigger refuses every ``UPDATE``. ``DELETE`` is not blocked: SQLite has no ``TRUNCATE`` and Django's test runner
    empties tables with ``DELETE`` between transactional tests.

Other database vendors get no trigger (production refuses to start on anything but PostgreSQL).

Caution for later migrations: on SQLite Django changes a table by rebuilding it (new table, copy, drop, rename),
and dropping the old table drops its triggers. A migration that alters ``AuditEntry`` must create the SQLite trigger
again; ``audit/tests/test_immutability.py`` fails if it is missing.
"""

from django.db import migrations

TABLE = "audit_auditentry"

SQLITE_CREATE = f"""
CREATE TRIGGER IF NOT EXISTS audit_auditentry_no_update
BEFORE UPDATE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_auditentry_no_update;"

POSTGRESQL_CREATE = [
    f"""
CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(current_setting('samenveilig.audit_purge', true), '') = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only (% on {TABLE})', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;
""",
    f"DROP TRIGGER IF EXISTS audit_auditentry_append_only ON {TABLE};",
    f"""
CREATE TRIGGER audit_auditentry_append_only
BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only();
""",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditentry_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_auditentry_append_only();",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def block_update_and_delete(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_CREATE)
    elif vendor == "sqlite":
        _run(schema_editor, [SQLITE_CREATE])


def allow_update_and_delete(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_DROP)
    elif vendor == "sqlite":
        _run(schema_editor, [SQLITE_DROP])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_append_only_audit_entries"),
    ]

    operations = [
        migrations.RunPython(block_update_and_delete, allow_update_and_delete, elidable=False),
    ]
