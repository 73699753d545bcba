"""The one write path of the audit log."""

from __future__ import annotations

import logging

from django.db import models

from samenveilig.audit import ALLOWED
from samenveilig.audit.models import AuditEntry

logger = logging.getLogger(__name__)


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
    user, request_membership, request_id = _actor_context(actor)
    membership = membership or request_membership or getattr(user, "active_membership", None)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    entry = AuditEntry.objects.create(
        actor_id=user.pk if user else None,
        actor_username=user.get_username() if user else "",
        organisation_id=membership.organisation_id if membership else None,
        role=membership.role if membership else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        purpose=str(purpose)[:200],
        outcome=outcome,
        request_id=request_id,
    )
    logger.debug("audit %s %s %s:%s %s", entry.actor_id, action, object_type, entry.object_id, outcome)
    return entry
