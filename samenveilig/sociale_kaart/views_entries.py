"""Pages of a map entry for logged-in users: the organisation's page and the edit pages of its owner.

Reading needs ``sociale_kaart.view_map`` and is audited (the page shows contact persons: personal data). Editing
needs ``sociale_kaart.edit_entry`` on the organisation: a coordinator edits all, an aandachtsfunctionaris only their
own organisation. Refusals are audited before anything else happens; writes go through ``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.accounts.models import Organisation
from samenveilig.core.access import require_perm
from samenveilig.sociale_kaart import services
from samenveilig.sociale_kaart.forms import (
    CONFLICT_MESSAGE,
    ContactPersonForm,
    LocationForm,
    OrganisationEntryForm,
    ServiceForm,
)
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service

VIEW = "sociale_kaart.view_map"
EDIT = "sociale_kaart.edit_entry"
HISTORY_LENGTH = 20
MELDCODE_FIELDS = (
    "has_meldcode_protocol",
    "af_appointed",
    "af_trained",
    "lvak_member",
    "keurmerk_meldcode",
    "verwijsindex_connected",
)


def _save(request, form, *, action: str, organisation: Organisation):
    """Save a valid form through the services; returns the saved object, or None after adding the conflict message
    to the form when the object changed after the form was opened (the user's input stays in the form)."""
    try:
        return services.save_form(request, form, action=action, organisation=organisation)
    except services.StaleVersion:
        form.add_error(None, CONFLICT_MESSAGE)
        return None


# --- reading -------------------------------------------------------------------------------------------------------


def _history(organisation: Organisation, limit: int = HISTORY_LENGTH) -> list[dict]:
    """The last changes to the entry, its services, locations and contact persons: who, when, which fields.

    A bounded number of queries: per kind of record one for the newest records (each with the id of its predecessor)
    and one for those predecessors.
    """
    records = []
    for model in (OrganisationEntry, Service, Location, ContactPerson):
        historical = model.history.model
        previous = (
            historical._default_manager.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        records += list(
            historical._default_manager.filter(organisation_id=organisation.pk)
            .select_related("history_user")
            .annotate(previous_history_id=Subquery(previous))
            .order_by("-history_date", "-history_id")[:limit]
        )
    records.sort(key=lambda record: record.history_date, reverse=True)
    records = records[:limit]

    wanted: dict[type, set[int]] = {}
    for record in records:
        if record.previous_history_id:
            wanted.setdefault(type(record), set()).add(record.previous_history_id)
    predecessors = {}
    for historical, ids in wanted.items():
        for record in historical._default_manager.filter(history_id__in=ids):
            predecessors[historical, record.history_id] = record

    changes = []
    for record in records:
        model = record.instance_type
        previous = predecessors.get((type(record), record.previous_history_id))
        fields = []
        if record.history_type == "~" and previous is not None:
            m2m = [field.name for field in model._meta.many_to_many]
            delta = record.diff_against(previous, excluded_fields=m2m)
            fields = [str(model._meta.get_field(name).verbose_name) for name in delta.changed_fields]
        changes.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "kind": model._meta.verbose_name,
                "object": getattr(record, "name", "") or organisation.name,
                "type": record.history_type,
                "fields": fields,
            }
        )
    return changes


def organisation(request, pk: int):
    action = "sociale_kaart.organisation.viewed"
    require_perm(request, VIEW, action, object_type="accounts.organisation")
    organisation = get_object_or_404(Organisation.objects.prefetch_related("gemeenten"), pk=pk)
    entry = OrganisationEntry.objects.select_related("owner").filter(organisation=organisation).first()
    services_ = (
        Service.objects.filter(organisation=organisation)
        .prefetch_related("target_groups", "themes")
        .order_by("-is_active", "name")
    )
    locations = Location.objects.filter(organisation=organisation).select_related("gemeente", "wijk")
    contact_persons = ContactPerson.objects.filter(organisation=organisation).order_by("role", "name")
    meldcode = [
        (OrganisationEntry._meta.get_field(name).verbose_name, getattr(entry, name) if entry else None)
        for name in MELDCODE_FIELDS
    ]
    audit.log(request, action, organisation)
    return render(
        request,
        "sociale_kaart/entry/organisation.html",
        {
            "organisation": organisation,
            "entry": entry,
            "is_stale": entry is None or entry.is_stale,
            "meldcode": meldcode,
            "services": services_,
            "locations": locations,
            "contact_persons": contact_persons,
            "history": _history(organisation),
            "can_edit": request.user.has_perm(EDIT, organisation),
        },
    )


# --- editing -------------------------------------------------------------------------------------------------------


def _form_page(request, form, *, organisation, title: str, action: str, success: str):
    if request.method == "POST" and form.is_valid():
        obj = _save(request, form, action=action, organisation=organisation)
        if obj is not None:
            messages.success(request, success)
            return redirect("sociale_kaart:organisation", pk=organisation.pk)
    return render(
        request, "sociale_kaart/entry/form.html", {"form": form, "organisation": organisation, "title": title}
    )


def entry_edit(request, pk: int):
    action = "sociale_kaart.organisationentry.updated"
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, EDIT, action, organisation)
    entry = services.entry_for(organisation)
    form = OrganisationEntryForm(request.POST or None, instance=entry)
    return _form_page(
        request,
        form,
        organisation=organisation,
        title=_("Kaartgegevens van %(name)s bewerken") % {"name": organisation.name},
        action=action,
        success=_("De kaartgegevens zijn opgeslagen en gelden nu als gecontroleerd."),
    )


@require_POST
def entry_verified(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, EDIT, "sociale_kaart.organisationentry.verified", organisation)
    services.mark_verified(request, services.entry_for(organisation))
    messages.success(request, _("De kaartgegevens zijn gemarkeerd als gecontroleerd."))
    return redirect("sociale_kaart:organisation", pk=organisation.pk)


def service_create(request, pk: int):
    action = "sociale_kaart.service.created"
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, EDIT, action, organisation)
    form = ServiceForm(request.POST or None, organisation=organisation, instance=Service(organisation=organisation))
    return _form_page(
        request,
        form,
        organisation=organisation,
        title=_("Nieuwe dienst van %(name)s") % {"name": organisation.name},
        action=action,
        success=_("De dienst is toegevoegd."),
    )


def service_edit(request, pk: int):
    action = "sociale_kaart.service.updated"
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=pk)
    require_perm(request, EDIT, action, service)
    form = ServiceForm(request.POST or None, organisation=service.organisation, instance=service)
    return _form_page(
        request,
        form,
        organisation=service.organisation,
        title=_("Dienst %(name)s bewerken") % {"name": service.name},
        action=action,
        success=_("De dienst is opgeslagen."),
    )


def contact_create(request, pk: int):
    action = "sociale_kaart.contactperson.created"
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, EDIT, action, organisation)
    form = ContactPersonForm(request.POST or None, instance=ContactPerson(organisation=organisation))
    return _form_page(
        request,
        form,
        organisation=organisation,
        title=_("Nieuwe contactpersoon bij %(name)s") % {"name": organisation.name},
        action=action,
        success=_("De contactpersoon is toegevoegd."),
    )


def contact_edit(request, pk: int):
    action = "sociale_kaart.contactperson.updated"
    person = get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
    require_perm(request, EDIT, action, person)
    form = ContactPersonForm(request.POST or None, instance=person)
    return _form_page(
        request,
        form,
        organisation=person.organisation,
        title=_("Contactpersoon bij %(name)s bewerken") % {"name": person.organisation.name},
        action=action,
        success=_("De contactpersoon is opgeslagen."),
    )


@require_POST
def contact_delete(request, pk: int):
    action = "sociale_kaart.contactperson.deleted"
    person = get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
    require_perm(request, EDIT, action, person)
    organisation = person.organisation
    services.delete(request, person, action=action)
    messages.success(request, _("De contactpersoon is verwijderd."))
    return redirect("sociale_kaart:organisation", pk=organisation.pk)


def location_create(request, pk: int):
    action = "sociale_kaart.location.created"
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, EDIT, action, organisation)
    form = LocationForm(request.POST or None, organisation=organisation, instance=Location(organisation=organisation))
    return _form_page(
        request,
        form,
        organisation=organisation,
        title=_("Nieuwe locatie van %(name)s") % {"name": organisation.name},
        action=action,
        success=_("De locatie is toegevoegd."),
    )


def location_edit(request, pk: int):
    action = "sociale_kaart.location.updated"
    location = get_object_or_404(Location.objects.select_related("organisation"), pk=pk)
    require_perm(request, EDIT, action, location)
    form = LocationForm(request.POST or None, organisation=location.organisation, instance=location)
    return _form_page(
        request,
        form,
        organisation=location.organisation,
        title=_("Locatie %(name)s bewerken") % {"name": location.name},
        action=action,
        success=_("De locatie is opgeslagen."),
    )
