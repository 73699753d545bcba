"""The public pages of the sociale kaart: the route map "Wie kan ik bellen?" for citizens (no login).

Only what the map marks public appears here: organisation entries with ``is_public``, services with ``is_public`` and
``is_active``, locations with ``is_public``. Contact persons (personal data) and owners are never read on these pages.
A municipality is chosen by its CBS code (``?gemeente=GM0632``); the map is matched on that code in every CBS year, so
an entry linked to last year's row of the same municipality still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.core.access import public
from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart.models import Location, Service, TargetGroup, Theme

EMERGENCY_NUMBER = "112"
VEILIG_THUIS_NUMBER = "0800-2000"
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")


def tel_href(phone: str) -> str:
    """``tel:`` link for a phone number as people write it (``0348 - 42 11 00`` → ``tel:0348421100``)."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{digits}" if digits else ""


def normalise_code(text: str) -> str:
    """``GM0632``, ``gm0632`` and ``632`` all mean GM0632; anything else gives ``""``."""
    code = (text or "").strip().upper()[:10]
    if code.isdigit():
        code = "GM" + code.zfill(4)
    return code if GEMEENTE_CODE.match(code) else ""


def _newest_gemeenten():
    year = Gemeente.objects.latest_year()
    if year is None:
        return []
    return list(Gemeente.objects.filter(year=year).order_by("name", "code").only("code", "name", "year"))


def _public_locations(code: str):
    return Prefetch(
        "locations",
        queryset=Location.objects.filter(is_public=True, gemeente__code=code).order_by("name"),
        to_attr="public_locations",
    )


def _public_organisations(code: str, sector: str):
    """Active organisations of ``sector`` that serve the municipality and whose map entry is public."""
    organisations = (
        Organisation.objects.filter(is_active=True, sector=sector, gemeenten__code=code, kaart__is_public=True)
        .select_related("kaart")
        .prefetch_related(_public_locations(code))
        .distinct()
        .order_by("name")
    )
    for organisation in organisations:
        organisation.tel_href = tel_href(organisation.kaart.phone)
    return organisations


def public_services():
    """Services anyone may see: public and active, of an active organisation."""
    return Service.objects.filter(is_public=True, is_active=True, organisation__is_active=True)


@dataclass
class ServiceGroup:
    title: str
    services: list = field(default_factory=list)


def _services_by_theme(code: str) -> list[ServiceGroup]:
    """The public services for the municipality, under each of their themes; services without a theme come last."""
    in_gemeente = Q(gemeenten__code=code) | Q(locations__gemeente__code=code)
    ids = public_services().filter(in_gemeente).values("pk")
    services = list(
        Service.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.filter(is_active=True)))
        .order_by("name", "pk")
    )
    groups: dict[int, ServiceGroup] = {}
    theme_order: dict[int, tuple] = {}
    other = ServiceGroup(_("Overige hulp"))
    for service in services:
        service.tel_href = tel_href(service.phone)
        themes = list(service.themes.all())
        for theme in themes:
            if theme.pk not in groups:
                groups[theme.pk] = ServiceGroup(theme.name)
                theme_order[theme.pk] = (theme.order, theme.name)
            groups[theme.pk].services.append(service)
        if not themes:
            other.services.append(service)
    result = [groups[pk] for pk in sorted(groups, key=lambda pk: theme_order[pk])]
    if other.services:
        result.append(other)
    return result


@public
def route_map(request):
    """'Er groeit een kind onveilig op. Wie kan ik bellen?': 112, Veilig Thuis, and the local team of a municipality."""
    gemeenten = _newest_gemeenten()
    asked = request.GET.get("gemeente", "").strip()
    code = normalise_code(asked)
    gemeente = next((g for g in gemeenten if g.code == code), None) if code else None
    context = {
        "gemeenten": gemeenten,
        "gemeente": gemeente,
        "unknown_gemeente": bool(asked) and gemeente is None,
        "emergency_number": EMERGENCY_NUMBER,
        "emergency_href": tel_href(EMERGENCY_NUMBER),
        "veilig_thuis_number": VEILIG_THUIS_NUMBER,
        "veilig_thuis_href": tel_href(VEILIG_THUIS_NUMBER),
    }
    if gemeente is not None:
        local_teams = list(_public_organisations(gemeente.code, Sector.LOKAAL_TEAM))
        context["local_teams"] = local_teams
        if not local_teams:
            municipal = [org for org in _public_organisations(gemeente.code, Sector.GEMEENTE) if org.kaart.phone]
            context["municipal_offices"] = municipal
        context["service_groups"] = _services_by_theme(gemeente.code)
    return render(request, "sociale_kaart/public/route_map.html", context)


@public
def service(request, pk: int):
    """One public service: what it is, for whom, how to reach it. 404 unless public and active."""
    service = get_object_or_404(
        public_services()
        .select_related("organisation", "organisation__kaart")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.filter(is_active=True)),
            Prefetch("target_groups", queryset=TargetGroup.objects.filter(is_active=True)),
            Prefetch("gemeenten", queryset=Gemeente.objects.order_by("name")),
            Prefetch(
                "locations",
                queryset=Location.objects.filter(is_public=True).select_related("gemeente").order_by("name"),
                to_attr="public_locations",
            ),
        ),
        pk=pk,
    )
    service.tel_href = tel_href(service.phone)
    organisation = service.organisation
    entry = getattr(organisation, "kaart", None)
    organisation_entry = entry if entry is not None and entry.is_public else None
    if organisation_entry is not None:
        organisation_entry.tel_href = tel_href(organisation_entry.phone)
    gemeenten = sorted({g.name for g in service.gemeenten.all()})
    back_code = normalise_code(request.GET.get("gemeente", ""))
    return render(
        request,
        "sociale_kaart/public/service.html",
        {
            "service": service,
            "organisation_entry": organisation_entry,
            "gemeenten": gemeenten,
            "back_code": back_code,
            "veilig_thuis_number": VEILIG_THUIS_NUMBER,
            "veilig_thuis_href": tel_href(VEILIG_THUIS_NUMBER),
            "emergency_number": EMERGENCY_NUMBER,
            "emergency_href": tel_href(EMERGENCY_NUMBER),
        },
    )
