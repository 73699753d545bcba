"""The search page of the sociale kaart (``/sociale-kaart/zoeken/``): a GET form, results refreshed by htmx.

Without JavaScript the form submits normally and the whole page comes back; with htmx only the results are swapped
and the address bar follows. Services are organisation data, so a search is not audited (a refusal is).
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import Sector
from samenveilig.core.access import require_perm
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart.models import Location, Service, TargetGroup, Theme
from samenveilig.sociale_kaart.search import search_services

PERM = "sociale_kaart.view_map"
PAGE_SIZE = 25
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"


def _select(label):
    return forms.ChoiceField(label=label, required=False, widget=forms.Select(attrs={"class": SELECT}))


def _gemeente_choices() -> list[tuple[str, str]]:
    """Municipalities with active services (for inhabitants or by location); without any, the newest CBS year."""
    used = Gemeente.objects.filter(
        Q(pk__in=Service.gemeenten.through.objects.filter(service__is_active=True).values("gemeente_id"))
        | Q(pk__in=Location.objects.filter(services__is_active=True).values("gemeente_id"))
    )
    rows = list(used.order_by("name", "-year").values_list("code", "name"))
    if not rows:
        rows = list(Gemeente.objects.filter(year=Gemeente.objects.latest_year()).values_list("code", "name"))
    choices, seen = [], set()
    for code, name in rows:  # one entry per CBS code, whatever the years
        if code not in seen:
            seen.add(code)
            choices.append((code, name))
    return choices


def _wijk_choices(gemeente: str) -> list[tuple[str, str]]:
    """Districts with a location of an active service, within the chosen municipality if there is one."""
    wijken = Wijk.objects.filter(pk__in=Location.objects.filter(services__is_active=True).values("wijk_id"))
    if gemeente:
        wijken = wijken.filter(gemeente__code=gemeente)
    choices, seen = [], set()
    for code, name, gemeente_name in wijken.order_by("gemeente__name", "name", "-year").values_list(
        "code", "name", "gemeente__name"
    ):
        if code not in seen:
            seen.add(code)
            choices.append((code, f"{name} ({gemeente_name})"))
    return choices


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op woorden"),
        required=False,
        max_length=200,
        help_text=_('Bijvoorbeeld: opvoedondersteuning, "huiselijk geweld" of een organisatie.'),
        widget=forms.TextInput(attrs={"class": TEXTBOX, "type": "search", "autocomplete": "off"}),
    )
    gemeente = _select(_("Gemeente"))
    wijk = _select(_("Wijk"))
    sector = _select(_("Sector"))
    doelgroep = _select(_("Doelgroep"))
    thema = _select(_("Thema"))
    soort = _select(_("Soort hulp"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("Alle"))]
        chosen_gemeente = (data or {}).get("gemeente", "")
        self.fields["gemeente"].choices = everything + _gemeente_choices()
        self.fields["wijk"].choices = everything + _wijk_choices(chosen_gemeente)
        self.fields["sector"].choices = everything + list(Sector.choices)
        self.fields["doelgroep"].choices = everything + list(
            TargetGroup.objects.filter(is_active=True).values_list("code", "name")
        )
        self.fields["thema"].choices = everything + list(
            Theme.objects.filter(is_active=True).values_list("code", "name")
        )
        self.fields["soort"].choices = everything + list(Service.Kind.choices)


def search(request):
    """Search the services of the map."""
    require_perm(request, PERM, "sociale_kaart.search")
    form = ServiceSearchForm(request.GET or None)
    params = {}
    if form.is_bound:
        # cleaned_data holds the fields that validate; one that does not (a district of another municipality) is
        # left out of the search and shows its error.
        form.is_valid()
        params = form.cleaned_data
    services = search_services(params, user=request.user)
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {"form": form, "page": page, "searched": form.is_bound}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "sociale_kaart/search/index.html#results", context)
    return render(request, "sociale_kaart/search/index.html", context)
