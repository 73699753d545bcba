"""The aandachtsfunctionaris' page to adapt the organisation's signal lists (``/meldcode/signaallijsten/``).

Each view checks its permission first (a refusal is audited): a wrong persona gets 403 on the page, and 404 on an
item that is not theirs to change. The lists hold no personal data; the writes go through ``checklists``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.meldcode import checklists
from samenveilig.meldcode.forms_checklists import ChecklistItemForm
from samenveilig.meldcode.models import ChecklistItem

ITEM_TYPE = "meldcode.checklistitem"


def checklist_overview(request):
    """The lists with the shared and the organisation's own signals; the form to add an own signal."""
    action = "meldcode.checklist_item.added" if request.method == "POST" else "meldcode.checklist_item.listed"
    require_perm(request, checklists.MANAGE, action, object_type=ITEM_TYPE)
    form = ChecklistItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            checklists.add_item(request, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Het signaal staat nu op de lijst van uw organisatie."))
            return redirect("meldcode:checklists")
    return render(
        request,
        "meldcode/checklists/overview.html",
        {"lists": checklists.lists_for(request.membership.organisation_id), "form": form},
    )


def _item_or_404(request, pk: int, perm: str, action: str) -> ChecklistItem:
    """The item if the user may ``perm`` it; else 404 (audited): another organisation's items stay unknown."""
    require_perm(request, checklists.MANAGE, action, object_type=ITEM_TYPE)
    item = ChecklistItem.objects.filter(pk=pk).first()
    if item is None or not request.user.has_perm(perm, item):
        audit.log(request, action, object_type=ITEM_TYPE, object_id=str(pk), outcome=audit.REFUSED)
        raise Http404
    return item


def checklist_item_edit(request, pk: int):
    action = "meldcode.checklist_item.changed"
    item = _item_or_404(request, pk, checklists.CHANGE_ITEM, action)
    initial = {"list_name": item.list_name, "text": item.text, "order": item.order}
    form = ChecklistItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            checklists.change_item(request, item, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Het signaal is gewijzigd."))
            return redirect("meldcode:checklists")
    return render(
        request,
        "meldcode/checklists/item_form.html",
        {"form": form, "item": item, "is_used": checklists.is_used(item)},
    )


def _switch(request, pk: int, perm: str, action: str, write, success: str):
    item = _item_or_404(request, pk, perm, action)
    try:
        write(request, item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("meldcode:checklists")


@require_POST
def checklist_item_off(request, pk: int):
    return _switch(
        request,
        pk,
        checklists.CHANGE_ITEM,
        "meldcode.checklist_item.switched_off",
        lambda actor, item: checklists.set_active(actor, item, False),
        _("Het signaal is uitgezet. Dossiers waarin het gekozen is, houden het."),
    )


@require_POST
def checklist_item_on(request, pk: int):
    return _switch(
        request,
        pk,
        checklists.CHANGE_ITEM,
        "meldcode.checklist_item.switched_on",
        lambda actor, item: checklists.set_active(actor, item, True),
        _("Het signaal staat weer op de lijst."),
    )


@require_POST
def checklist_item_hide(request, pk: int):
    return _switch(
        request,
        pk,
        checklists.HIDE_ITEM,
        "meldcode.checklist_item.hidden",
        lambda actor, item: checklists.set_hidden(actor, item, True),
        _("Het signaal is verborgen voor uw organisatie. Andere organisaties zien het nog."),
    )


@require_POST
def checklist_item_show(request, pk: int):
    return _switch(
        request,
        pk,
        checklists.HIDE_ITEM,
        "meldcode.checklist_item.shown",
        lambda actor, item: checklists.set_hidden(actor, item, False),
        _("Het signaal staat weer op de lijst van uw organisatie."),
    )
