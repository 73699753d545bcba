"""Two indexes for the review page, the API and the export of the access log (see ``benchmarks/README.md``).

``audit_actor_time`` (``actor_username, timestamp``; every database): filtered by actor, the newest page is read
straight from the index instead of fetching and sorting all of the user's entries.

``audit_action_trgm`` (PostgreSQL only): "action contains" is ``action__icontains``, which Django runs on PostgreSQL as
``UPPER(action::text) LIKE UPPER('%term%')``; a B-tree cannot serve a leading ``%``, a trigram GIN index on that same
expression can (terms of three characters or more). It needs the ``pg_trgm`` extension (shipped with PostgreSQL and
"trusted" since PostgreSQL 13, so a database owner may create it; otherwise a superuser runs
``CREATE EXTENSION pg_trgm`` once before migrating). SQLite has neither, and keeps its table scan. The index is made
with SQL behind a vendor check rather than declared in ``Meta.indexes``, so the migration state is the same on both
databases. Reversing drops the index but leaves the extension (something else may use it).

Adding indexes does not rebuild the table, so the append-only triggers of 0002 stay in place (SQLite included).
"""

from django.db import migrations, models

TRIGRAM_INDEX = "audit_action_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON audit_auditentry USING gin (upper(action::text) gin_trgm_ops)",
        params=None,
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_block_update_and_delete"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["actor_username", "timestamp"], name="audit_actor_time"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
