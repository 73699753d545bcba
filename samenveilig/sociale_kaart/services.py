"""The write paths of the sociale kaart: permission, transaction, audit, history (via simple-history)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from samenveilig import audit
from samenveilig.accounts.models import Organisation
from samenveilig.core.access import require_perm
from samenveilig.sociale_kaart.models import OrganisationEntry

EDIT = "sociale_kaart.edit_entry"


def entry_for(organisation: Organisation) -> OrganisationEntry:
    """The organisation's map entry, created empty on first use."""
    entry, _ = OrganisationEntry.objects.get_or_create(organisation=organisation)
    return entry


def save_form(request, form, *, action: str, organisation: Organisation, verified: bool = True):
    """Save a valid ModelForm for something of ``organisation``'s entry.

    Saving counts as verifying: the entry's 'last verified' date becomes today unless ``verified`` is False.
    """
    require_perm(request, EDIT, action, organisation)
    with transaction.atomic():
        obj = form.save(commit=False)
        if hasattr(obj, "organisation_id") and not obj.organisation_id:
            obj.organisation = organisation
        if verified and hasattr(obj, "last_verified"):
            obj.last_verified = timezone.localdate()
            if getattr(obj, "owner_id", None) is None:
                obj.owner = request.user
        obj.save()
        form.save_m2m()
        audit.log(request, action, obj)
    return obj


def delete(request, obj, *, action: str) -> None:
    require_perm(request, EDIT, action, obj)
    with transaction.atomic():
        audit.log(request, action, obj)
        obj.delete()


def mark_verified(request, obj) -> None:
    """The owner confirms an entry is still correct without changing it."""
    action = f"{obj._meta.label_lower}.verified"
    require_perm(request, EDIT, action, obj)
    with transaction.atomic():
        obj.last_verified = timezone.localdate()
        obj.save(update_fields=["last_verified"])
        audit.log(request, action, obj)
