"""A stored full-text search document on every service, with a GIN index, filled for the services that exist.

The column is a normal field (``SearchVectorField``): on SQLite it is a text column that stays empty, and the search
there keeps its substring fallback. The GIN index and the filling are PostgreSQL only (SQLite has neither ``tsvector``
nor GIN), so they run behind a vendor check instead of being declared in ``Meta.indexes``; ``makemigrations --check``
stays clean on both, because neither operation touches the migration state.

A partial index on the services without a document (normally none) lets the search's fallback for those (the
document computed on the fly) cost nothing when there are none.

The UPDATE below is the document as ``search.refresh_search_documents`` builds it on the day of this migration, written
out so the migration does not change when that function does. Building the index on a large table locks writes to
services for its duration (about 0.3 s at 50,000 services).
"""

import django.contrib.postgres.search
from django.db import migrations, models

INDEX = "service_search_document"

FILL = """
UPDATE sociale_kaart_service AS service
SET search_document =
    setweight(to_tsvector('dutch'::regconfig, coalesce(service.name, '')), 'A')
    || setweight(to_tsvector('dutch'::regconfig,
        coalesce((SELECT organisation.name FROM accounts_organisation AS organisation
                  WHERE organisation.id = service.organisation_id), '')
        || ' ' || coalesce((SELECT string_agg(theme.name, ' ') FROM sociale_kaart_service_themes AS link
                            JOIN sociale_kaart_theme AS theme ON theme.id = link.theme_id
                            WHERE link.service_id = service.id), '')
        || ' ' || coalesce((SELECT string_agg(target_group.name, ' ') FROM sociale_kaart_service_target_groups AS link
                            JOIN sociale_kaart_targetgroup AS target_group ON target_group.id = link.targetgroup_id
                            WHERE link.service_id = service.id), '')), 'B')
    || setweight(to_tsvector('dutch'::regconfig, coalesce(service.description, '')), 'C')
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL, params=None)


def create_index_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    fill(apps, schema_editor)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON sociale_kaart_service USING gin (search_document)", params=None
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_users_organisations_memberships_tokens"),
        ("sociale_kaart", "0002_seed_target_groups_and_themes"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index_and_fill, drop_index, elidable=False),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(
                condition=models.Q(search_document__isnull=True), fields=["id"], name="service_no_search_document"
            ),
        ),
    ]
