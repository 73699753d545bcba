"""The list of stale map entries and services (``/sociale-kaart/verouderd/``), oldest first.

A coordinator sees every stale item and can filter by municipality; an aandachtsfunctionaris sees those of the
organisation they act for; everyone else is refused (403, audited). Each row links to the page where the item is
checked: saving an edit form (or "gecontroleerd" on the organisation page) makes it fresh again. The rows name the
owner (a user): reading the list is audited.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig import audit
from samenveilig.accounts.models import Organisation, User
from samenveilig.core.access import require_perm
from samenveilig.regio.forms import SELECT
from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart.jobs import stale_organisations, stale_services
from samenveilig.sociale_kaart.models import Service

PERM = "sociale_kaart.edit_some_entry"  # coordinators and aandachtsfunctionarissen
ACTION = "sociale_kaart.stale.listed"
PAGE_SIZE = 50
ORGANISATION, SERVICE = "organisation", "service"
COLUMNS = (
    "row_kind",
    "row_id",
    "row_org_id",
    "row_org_name",
    "row_name",
    "row_owner_id",
    "row_verified",
    "row_verified_known",
)


class GemeenteLabelField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Gemeente) -> str:
        return f"{obj.name} ({obj.year})"


class StaleFilterForm(forms.Form):
    gemeente = GemeenteLabelField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only municipalities some organisation works in: the others cannot filter anything.
        served = Organisation.gemeenten.through.objects.values("gemeente_id")
        self.fields["gemeente"].queryset = Gemeente.objects.filter(pk__in=served).order_by("name", "-year")


def stale_rows(today, *, organisation=None, gemeente=None):
    """Stale organisation entries and services as one list (a UNION), never verified first, then oldest."""
    organisations = stale_organisations(today)
    services = stale_services(today)
    if organisation is not None:
        organisations = organisations.filter(pk=organisation.pk)
        services = services.filter(organisation=organisation)
    if gemeente is not None:
        works_there = Organisation.gemeenten.through.objects.filter(gemeente=gemeente).values("organisation_id")
        serves_there = Service.gemeenten.through.objects.filter(gemeente=gemeente).values("service_id")
        organisations = organisations.filter(pk__in=works_there)
        services = services.filter(Q(pk__in=serves_there) | Q(organisation_id__in=works_there))
    organisations = (
        organisations.annotate(
            row_kind=Value(ORGANISATION, output_field=CharField()),
            row_id=F("pk"),
            row_org_id=F("pk"),
            row_org_name=F("name"),
            row_name=F("name"),
            row_owner_id=F("kaart__owner_id"),
            row_verified=F("kaart__last_verified"),
            row_verified_known=_known("kaart__last_verified"),
        )
        .values(*COLUMNS)
        .order_by()
    )
    services = (
        services.annotate(
            row_kind=Value(SERVICE, output_field=CharField()),
            row_id=F("pk"),
            row_org_id=F("organisation_id"),
            row_org_name=F("organisation__name"),
            row_name=F("name"),
            row_owner_id=F("owner_id"),
            row_verified=F("last_verified"),
            row_verified_known=_known("last_verified"),
        )
        .values(*COLUMNS)
        .order_by()
    )
    # A UNION sorts by selected columns only; row_verified_known puts "never verified" first on every database
    # (SQLite sorts NULL first, PostgreSQL last).
    return organisations.union(services, all=True).order_by(
        "row_verified_known", "row_verified", "row_org_name", "row_kind", "row_name"
    )


def _known(field: str):
    return Case(When(**{f"{field}__isnull": True}, then=Value(0)), default=Value(1), output_field=IntegerField())


def stale_list(request):
    require_perm(request, PERM, ACTION, object_type="sociale_kaart.organisationentry")
    membership = getattr(request, "membership", None) or request.user.active_membership
    is_coordinator = request.user.has_perm("sociale_kaart.view_overviews")
    form = StaleFilterForm(request.GET or None) if is_coordinator else None
    gemeente = form.cleaned_data["gemeente"] if form is not None and form.is_valid() else None
    today = timezone.localdate()
    rows = stale_rows(today, organisation=None if is_coordinator else membership.organisation, gemeente=gemeente)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    owner_ids = {row["row_owner_id"] for row in page.object_list if row["row_owner_id"]}
    owners = User.objects.in_bulk(owner_ids) if owner_ids else {}
    for row in page.object_list:
        row["owner"] = owners.get(row["row_owner_id"])
        row["age"] = (today - row["row_verified"]).days if row["row_verified"] else None
        row["is_service"] = row["row_kind"] == SERVICE
    audit.log(request, ACTION, object_type="sociale_kaart.organisationentry", purpose="actualiteit sociale kaart")
    return render(
        request,
        "sociale_kaart/stale/list.html",
        {
            "form": form,
            "page": page,
            "is_coordinator": is_coordinator,
            "organisation": None if is_coordinator else membership.organisation,
            "stale_days": settings.SAMENVEILIG_KAART_STALE_DAYS,
        },
    )
