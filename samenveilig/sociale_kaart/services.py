"""The write paths of the sociale kaart: permission, version check, transaction, audit, history, search documents.

Pages (a ModelForm: :func:`save_form`) and the API (validated data: :func:`save_changes`) write through the same
steps, in this order:

1. the permission ``sociale_kaart.edit_entry`` on the organisation (a refusal is audited and raises 403, before any
   transaction starts, so the refusal entry is not rolled back);
2. in one transaction: the stored row is locked and its version compared with the version the caller read
   (:func:`version_of`); a difference raises :class:`StaleVersion` and nothing is written;
3. the values are saved (django-simple-history records who and what), the write is audited, and the stored search
   document of a changed service is refreshed in the same transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from django.db import models, transaction
from django.utils import timezone

from samenveilig import audit
from samenveilig.accounts.models import Organisation
from samenveilig.core.access import require_perm
from samenveilig.lib.versioning import StaleVersion, version_of
from samenveilig.sociale_kaart import search
from samenveilig.sociale_kaart.models import OrganisationEntry, Service

EDIT = "sociale_kaart.edit_entry"


def entry_for(organisation: Organisation) -> OrganisationEntry:
    """The organisation's map entry, created empty on first use."""
    entry, _ = OrganisationEntry.objects.get_or_create(organisation=organisation)
    return entry


def check_version(obj, expected: str | Collection[str]) -> None:
    """Lock the stored row of ``obj`` and refuse with :class:`StaleVersion` unless its version is ``expected``.

    Call inside a transaction. ``expected`` is the version the caller read (or several, as ``If-Match`` allows). A
    new object has nothing to compare with, except an organisation's entry: it exists once, so if it was created
    after the caller read the empty version, that is a conflict too.
    """
    accepted = {expected} if isinstance(expected, str) else set(expected)
    if obj.pk is None:
        if isinstance(obj, OrganisationEntry):
            exists = OrganisationEntry.objects.select_for_update().filter(organisation_id=obj.organisation_id).exists()
            if exists or "" not in accepted:
                raise StaleVersion
        return
    model = type(obj)
    try:
        current = model._default_manager.select_for_update().get(pk=obj.pk)
    except model.DoesNotExist:
        raise StaleVersion from None
    if version_of(current) not in accepted:
        raise StaleVersion


def _prepare(request, obj, organisation: Organisation, verified: bool) -> None:
    """Saving counts as verifying: 'last verified' becomes today, and an entry without owner gets the editor."""
    if hasattr(obj, "organisation_id") and not obj.organisation_id:
        obj.organisation = organisation
    if verified and hasattr(obj, "last_verified"):
        obj.last_verified = timezone.localdate()
        if getattr(obj, "owner_id", None) is None:
            obj.owner = request.user


def _changed(request, obj, action: str) -> None:
    audit.log(request, action, obj)
    if isinstance(obj, Service):
        # In the same transaction: the stored search document never disagrees with the service.
        search.refresh_search_documents([obj.pk])


def save_form(request, form, *, action: str, organisation: Organisation, verified: bool = True):
    """Save a valid ModelForm (with a ``version`` field) for something of ``organisation``'s entry.

    Raises :class:`StaleVersion` when the object changed after the form was opened. Saving counts as verifying:
    the 'last verified' date becomes today unless ``verified`` is False.
    """
    require_perm(request, EDIT, action, organisation)
    with transaction.atomic():
        check_version(form.instance, form.cleaned_data.get("version") or "")
        obj = form.save(commit=False)
        _prepare(request, obj, organisation, verified)
        obj.save()
        form.save_m2m()
        _changed(request, obj, action)
    return obj


def save_changes(
    request,
    obj: models.Model,
    changes: Mapping,
    *,
    action: str,
    organisation: Organisation,
    version: str | Collection[str],
    verified: bool = True,
):
    """Apply validated ``changes`` (field name to value; many-to-many as a list of objects) to ``obj`` and save.

    ``obj`` is a stored object, or a new one (version ``""``). Raises :class:`StaleVersion` when the stored object's
    version is not ``version``.
    """
    require_perm(request, EDIT, action, organisation)
    many_to_many = {field.name for field in obj._meta.many_to_many}
    with transaction.atomic():
        check_version(obj, version)
        related = {}
        for name, value in changes.items():
            if name in many_to_many:
                related[name] = value
            else:
                setattr(obj, name, value)
        _prepare(request, obj, organisation, verified)
        obj.save()
        for name, value in related.items():
            getattr(obj, name).set(value)
        _changed(request, obj, action)
    return obj


def delete(request, obj, *, action: str, version: str | Collection[str] | None = None) -> None:
    """Delete a service, location or contact person; with ``version``, only if it is still what the caller read."""
    require_perm(request, EDIT, action, obj)
    with transaction.atomic():
        if version is not None:
            check_version(obj, version)
        pk = obj.pk
        audit.log(request, action, obj)
        obj.delete()
        if isinstance(obj, Service):
            search.refresh_search_documents([pk])


def mark_verified(request, obj) -> None:
    """The owner confirms an entry is still correct without changing it."""
    action = f"{obj._meta.label_lower}.verified"
    require_perm(request, EDIT, action, obj)
    with transaction.atomic():
        obj.last_verified = timezone.localdate()
        obj.save(update_fields=["last_verified"])
        audit.log(request, action, obj)
