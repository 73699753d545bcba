"""The one write path of the audit log."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

from samenveilig.audit import ALLOWED
from samenveilig.audit.models import AuditEntry
from samenveilig.lib import rows

logger = logging.getLogger(__name__)

#: Entries collected by :func:`batch`, written together when it ends; None outside a batch.
_pending: ContextVar[list[AuditEntry] | None] = ContextVar("audit_pending", default=None)


@contextmanager
def batch():
    """Collect the entries logged inside and write them in one insert at the end, for a write path that logs several
    things in one transaction. Use it inside the transaction (``with transaction.atomic(), audit.batch():``) so that
    the entries commit or roll back with the writes; an exception inside drops them with the rolled-back writes.
    Nested batches join the outer one. Entries returned by :func:`log` inside a batch have no id yet.
    """
    if _pending.get() is not None:
        yield
        return
    token = _pending.set([])
    try:
        yield
        entries = _pending.get()
    finally:
        _pending.reset(token)
    if entries:
        rows.insert(entries)


def _actor_context(actor):
    """Return (user, membership, request_id) from a request, a user or None."""
    if actor is None:
        return None, None, ""
    if hasattr(actor, "user") and hasattr(actor, "META"):  # an HttpRequest
        user = actor.user if getattr(actor.user, "is_authenticated", False) else None
        return user, getattr(actor, "membership", None), getattr(actor, "request_id", "")
    return actor, None, ""


def log(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    outcome: str = ALLOWED,
    membership=None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` on ``obj``; returns the entry.

    ``actor`` is a request (preferred: it carries the organisation acted for), a user, or None for the system.
    Pass identifiers only: ``purpose`` is a fixed phrase, never a personal value.
    """
    entry = AuditEntry(**_fields(actor, action, obj, object_type, object_id, purpose, outcome, membership))
    pending = _pending.get()
    if pending is None:
        entry.save()
    else:
        pending.append(entry)
    logger.debug("audit %s %s %s:%s %s", entry.actor_id, action, entry.object_type, entry.object_id, outcome)
    return entry


def log_many(
    actor,
    action: str,
    objs,
    *,
    purpose: str = "",
    outcome: str = ALLOWED,
    membership=None,
) -> list[AuditEntry]:
    """The same entry for each of ``objs`` (model instances with a pk), written in one query."""
    entries = [AuditEntry(**_fields(actor, action, obj, "", "", purpose, outcome, membership)) for obj in objs]
    pending = _pending.get()
    if pending is None:
        entries = rows.insert(entries)
    else:
        pending.extend(entries)
    for entry in entries:
        logger.debug("audit %s %s %s:%s %s", entry.actor_id, action, entry.object_type, entry.object_id, outcome)
    return entries


def _fields(actor, action, obj, object_type, object_id, purpose, outcome, membership) -> dict:
    user, request_membership, request_id = _actor_context(actor)
    membership = membership or request_membership or getattr(user, "active_membership", None)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return {
        "actor_id": user.pk if user else None,
        "actor_username": user.get_username() if user else "",
        "organisation_id": membership.organisation_id if membership else None,
        "role": membership.role if membership else "",
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id)[:64],
        "purpose": str(purpose)[:200],
        "outcome": outcome,
        "request_id": request_id,
    }
