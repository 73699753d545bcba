"""Reads of the audit log, shared by the review pages, the CSV export and the API."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from samenveilig.audit.models import AuditEntry

# The filters a reviewer can combine, in the order the form shows them.
FILTER_NAMES = ("actor", "action", "object_type", "object_id", "outcome", "date_from", "date_to")


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_entries(queryset, data: dict):
    """Apply the reviewer's filters (cleaned form data) to ``queryset``.

    The period is a half-open range of local days (``date_from`` 00:00 up to the day after ``date_to``), so the index
    on ``timestamp`` is used.
    """
    if data.get("actor"):
        queryset = queryset.filter(actor_username=data["actor"])
    if data.get("action"):
        queryset = queryset.filter(action__icontains=data["action"])
    if data.get("object_type"):
        queryset = queryset.filter(object_type=data["object_type"])
    if data.get("object_id"):
        queryset = queryset.filter(object_id=data["object_id"])
    if data.get("outcome"):
        queryset = queryset.filter(outcome=data["outcome"])
    if data.get("date_from"):
        queryset = queryset.filter(timestamp__gte=_start_of_day(data["date_from"]))
    if data.get("date_to"):
        queryset = queryset.filter(timestamp__lt=_start_of_day(data["date_to"] + datetime.timedelta(days=1)))
    return queryset


def used_filters(data: dict) -> list[str]:
    """The names (never the values) of the filters that were set, for the audit entry of a search."""
    return [name for name in FILTER_NAMES if data.get(name)]


def search_purpose(channel: str, data: dict) -> str:
    names = used_filters(data)
    return f"log review via {channel}; filters: {', '.join(names) if names else 'none'}"


# A "loose index scan": one index lookup per distinct value instead of reading every row, so the list of object
# types stays cheap on a log of hundreds of millions of entries. Works on PostgreSQL and SQLite alike.
_DISTINCT_OBJECT_TYPES_SQL = """
WITH RECURSIVE types(object_type) AS (
    SELECT MIN(object_type) FROM {table} WHERE object_type > ''
    UNION ALL
    SELECT (SELECT MIN(e.object_type) FROM {table} e WHERE e.object_type > types.object_type)
    FROM types WHERE types.object_type IS NOT NULL
)
SELECT object_type FROM types WHERE object_type IS NOT NULL
"""


def distinct_object_types() -> list[str]:
    """The object types that occur in the log, sorted."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_DISTINCT_OBJECT_TYPES_SQL.format(table=table))
        return [row[0] for row in cursor.fetchall()]
