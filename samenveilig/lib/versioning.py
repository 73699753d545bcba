"""Optimistic concurrency shared by every app: an object's version, and the error when it changed meanwhile.

A form or an API client sends back the version it read (:func:`version_of`); the write path locks the stored row
and compares, inside its transaction, and raises :class:`StaleVersion` when someone else saved in between. A page
shows the form again with the user's input and a message; the API answers 412
(see :mod:`samenveilig.lib.preconditions`).
"""

from __future__ import annotations

import hashlib


class StaleVersion(Exception):
    """The object changed (or was removed) after the caller read it: nothing was saved.

    A page shows the form again with a conflict message; the API answers 412 Precondition Failed.
    """


def version_of(obj) -> str:
    """A fingerprint of the object's stored content: its 'last verified' date plus a hash of all its values.

    Many-to-many values count too (sorted primary keys), so a change of themes or municipalities is a change. An
    object that is not stored yet has the empty version. Prefetched many-to-many values are used when present, so
    a list of objects with their versions costs no query per object.
    """
    if obj is None or obj.pk is None:
        return ""
    parts = []
    for field in obj._meta.concrete_fields:
        if not field.editable and not field.primary_key:
            continue  # derived data (the stored search document) is not content: refreshing it is no change
        # value_to_string: the same text for an in-memory value (an enum member, say) as for the stored one.
        parts.append(f"{field.attname}={field.value_to_string(obj)}")
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    for field in obj._meta.many_to_many:
        if field.name in prefetched:
            ids = sorted(related.pk for related in prefetched[field.name])
        else:
            ids = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        parts.append(f"{field.name}={ids!r}")
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    last_verified = getattr(obj, "last_verified", None)
    return f"{last_verified.isoformat() if last_verified else '-'}:{digest}"
