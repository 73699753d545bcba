"""The write path for regions: create and update, each checked, transactional and audited.

Municipalities and districts themselves come only from CBS files (``loader.py``), never from a form.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import transaction

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.regio.models import Gemeente, Regio

MANAGE_PERMISSION = "regio.manage_regio"


class StaleRegioError(Exception):
    """Someone else changed the region after the form was opened; saving would overwrite their change."""


def version_of(regio: Regio) -> str:
    """A fingerprint of the region's current content, sent along with the edit form as a version check."""
    gemeente_ids = sorted(regio.gemeenten.values_list("pk", flat=True))
    text = f"{regio.name}\n{regio.kind}\n{','.join(map(str, gemeente_ids))}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def create_regio(request, *, name: str, kind: str, gemeenten: Iterable[Gemeente]) -> Regio:
    require_perm(request, MANAGE_PERMISSION, "regio.regio.created", object_type="regio.regio")
    with transaction.atomic():
        regio = Regio.objects.create(name=name, kind=kind)
        regio.gemeenten.set(gemeenten)
        audit.log(request, "regio.regio.created", regio)
    return regio


def update_regio(
    request, regio: Regio, *, name: str, kind: str, gemeenten: Iterable[Gemeente], version: str = ""
) -> Regio:
    """Save the new content; with ``version`` (from :func:`version_of`) refuse to overwrite a concurrent change."""
    require_perm(request, MANAGE_PERMISSION, "regio.regio.updated", regio)
    with transaction.atomic():
        current = Regio.objects.select_for_update().get(pk=regio.pk)
        if version and version != version_of(current):
            raise StaleRegioError
        current.name = name
        current.kind = kind
        current.save(update_fields=["name", "kind"])
        current.gemeenten.set(gemeenten)
        audit.log(request, "regio.regio.updated", current)
    return current
