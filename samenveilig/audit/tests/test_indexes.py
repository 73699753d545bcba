"""The access log's indexes: actor + time everywhere; a trigram index for 'action contains' on PostgreSQL."""

import pytest
from django.db import connection

from samenveilig.audit.models import AuditEntry
from samenveilig.audit.queries import filter_entries

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm GIN index")


def test_the_actor_filter_has_an_index_on_actor_and_time():
    indexes = {index.name: index.fields for index in AuditEntry._meta.indexes}

    assert indexes["audit_actor_time"] == ["actor_username", "timestamp"]


@postgresql_only
def test_action_contains_can_use_the_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'audit_action_trgm'")
        assert "gin (upper((action)::text) gin_trgm_ops)" in cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = off")  # an empty table: show the index can serve the filter
        cursor.execute("SET LOCAL enable_indexscan = off")

    plan = filter_entries(AuditEntry.objects.all(), {"action": "api_token"})[:51].explain()

    assert "audit_action_trgm" in plan
