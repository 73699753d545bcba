"""The signal lists and how an organisation adapts them.

The shared items (``organisation`` empty) are seeded by migration ``0002``; :func:`restore` puts them back after a
test flush. An organisation's aandachtsfunctionaris adds the organisation's own items to a list, rewords or reorders
them, switches them off (never deletes: signals recorded with an item keep their meaning) and hides a shared item for
the organisation. :func:`available_for` is the one place that says which items a signal form offers.

Every write checks its permission (a refusal is audited), runs in a transaction and is audited with ids only.
"""

from __future__ import annotations

import importlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenveilig import audit
from samenveilig.meldcode.models import ChecklistItem, SignalEntry
from samenveilig.meldcode.services import _membership, require

MANAGE = "meldcode.manage_checklists"
CHANGE_ITEM = "meldcode.change_checklist_item"
HIDE_ITEM = "meldcode.hide_checklist_item"
USED_MESSAGE = _(
    "Dit signaal is al gekozen in dossiers; de tekst en de lijst blijven daarom zoals ze zijn. Zet het uit en voeg "
    "een nieuw signaal toe."
)


def restore() -> None:
    from django.apps import apps

    seed = importlib.import_module("samenveilig.meldcode.migrations.0002_seed_checklist_items")
    seed.seed(apps, None)


def available_for(organisation_id):
    """What a signal form of the organisation offers: active shared items not hidden for it, and its own active ones."""
    return (
        ChecklistItem.objects.filter(is_active=True)
        .filter(Q(organisation__isnull=True) & ~Q(hidden_for__id=organisation_id) | Q(organisation_id=organisation_id))
        .order_by("list_name", "order", "text")
    )


def lists_for(organisation_id) -> list[dict]:
    """Every list with its shared items and the organisation's own (active or not), each marked hidden or not.

    Two queries, however long the lists are.
    """
    hidden = set(
        ChecklistItem.hidden_for.through.objects.filter(organisation_id=organisation_id).values_list(
            "checklistitem_id", flat=True
        )
    )
    items = ChecklistItem.objects.filter(Q(organisation__isnull=True) | Q(organisation_id=organisation_id)).order_by(
        "list_name", "order", "text"
    )
    by_list: dict[str, list] = {name: [] for name in ChecklistItem.ListName.values}
    for item in items:
        item.is_hidden = item.pk in hidden
        item.is_own = item.organisation_id is not None
        by_list.setdefault(item.list_name, []).append(item)
    labels = dict(ChecklistItem.ListName.choices)
    return [{"name": name, "label": labels.get(name, name), "items": items} for name, items in by_list.items()]


def is_used(item: ChecklistItem) -> bool:
    return SignalEntry.checklist_items.through.objects.filter(checklistitem_id=item.pk).exists()


def _clean_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Beschrijf het signaal.")})
    return text


def _check_not_on_list(organisation_id, list_name: str, text: str, exclude_pk=None) -> None:
    same = available_for(organisation_id).filter(list_name=list_name, text__iexact=text)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise ValidationError({"text": _("Dit signaal staat al op deze lijst.")})


def add_item(actor, *, list_name: str, text: str, order: int | None = None) -> ChecklistItem:
    """Add an item of the organisation the actor acts for to a list."""
    action = "meldcode.checklist_item.added"
    require(actor, MANAGE, action, object_type="meldcode.checklistitem")
    organisation_id = _membership(actor).organisation_id
    if list_name not in ChecklistItem.ListName.values:
        raise ValidationError({"list_name": _("Kies een lijst.")})
    text = _clean_text(text)
    with transaction.atomic():
        _check_not_on_list(organisation_id, list_name, text)
        item = ChecklistItem.objects.create(
            list_name=list_name,
            code=f"eigen-{secrets.token_hex(8)}",
            text=text,
            order=100 if order is None else order,
            organisation_id=organisation_id,
        )
        audit.log(actor, action, item)
    return item


def change_item(actor, item: ChecklistItem, *, list_name: str, text: str, order: int | None = None) -> ChecklistItem:
    """Reword, move or reorder an own item; once chosen in a dossier only its order changes."""
    action = "meldcode.checklist_item.changed"
    require(actor, CHANGE_ITEM, action, item)
    if list_name not in ChecklistItem.ListName.values:
        raise ValidationError({"list_name": _("Kies een lijst.")})
    text = _clean_text(text)
    with transaction.atomic():
        current = ChecklistItem.objects.select_for_update().get(pk=item.pk)
        if (text != current.text or list_name != current.list_name) and is_used(current):
            raise ValidationError({"text": USED_MESSAGE})
        _check_not_on_list(current.organisation_id, list_name, text, exclude_pk=current.pk)
        current.list_name, current.text = list_name, text
        current.order = current.order if order is None else order
        current.save(update_fields=["list_name", "text", "order"])
        audit.log(actor, action, current)
    return current


def set_active(actor, item: ChecklistItem, active: bool) -> ChecklistItem:
    """Switch an own item off (it leaves the signal form; recorded signals keep it) or on again."""
    action = "meldcode.checklist_item.switched_on" if active else "meldcode.checklist_item.switched_off"
    require(actor, CHANGE_ITEM, action, item)
    with transaction.atomic():
        current = ChecklistItem.objects.select_for_update().get(pk=item.pk)
        if active and not current.is_active:
            _check_not_on_list(current.organisation_id, current.list_name, current.text, exclude_pk=current.pk)
        if current.is_active != active:
            current.is_active = active
            current.save(update_fields=["is_active"])
        audit.log(actor, action, current)
    return current


def set_hidden(actor, item: ChecklistItem, hidden: bool) -> ChecklistItem:
    """Hide a shared item for the organisation the actor acts for, or show it again; others keep seeing it."""
    action = "meldcode.checklist_item.hidden" if hidden else "meldcode.checklist_item.shown"
    require(actor, HIDE_ITEM, action, item)
    organisation_id = _membership(actor).organisation_id
    with transaction.atomic():
        if hidden:
            item.hidden_for.add(organisation_id)
        else:
            item.hidden_for.remove(organisation_id)
        audit.log(actor, action, item)
    return item
