"""Pages on municipalities, districts and regions: public reference data, so reads are not audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samenveilig.regio import services
from samenveilig.regio.forms import GemeenteSearchForm, RegioForm
from samenveilig.regio.models import Gemeente, Regio

VIEW = "regio.view_regio"
MANAGE = "regio.manage_regio"
PAGE_SIZE = 50


def _regions():
    return Regio.objects.prefetch_related(Prefetch("gemeenten", queryset=Gemeente.objects.order_by("name")))


@permission_required(VIEW, raise_exception=True)
def index(request):
    """The regions with their municipalities, and a searchable list of the municipalities of one CBS year."""
    years = list(Gemeente.objects.order_by("-year").values_list("year", flat=True).distinct())
    asked_year = request.GET.get("jaar", "")
    year = int(asked_year) if asked_year.isdigit() and int(asked_year) in years else (years[0] if years else None)
    gemeenten = Gemeente.objects.filter(year=year)
    provinces = list(gemeenten.order_by("province_name").values_list("province_code", "province_name").distinct())
    form = GemeenteSearchForm(request.GET or None, years=years, provinces=provinces)
    if form.is_bound and form.is_valid():
        gemeenten = gemeenten.search(form.cleaned_data["q"])
        if form.cleaned_data["provincie"]:
            gemeenten = gemeenten.filter(province_code=form.cleaned_data["provincie"])
    gemeenten = gemeenten.annotate(wijk_count=Count("wijken")).order_by("name", "code")
    page = Paginator(gemeenten, PAGE_SIZE).get_page(request.GET.get("pagina"))

    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "year": year, "query": query.urlencode()}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "regio/index.html#results", context)
    context["regios"] = _regions()
    return render(request, "regio/index.html", context)


@permission_required(VIEW, raise_exception=True)
def gemeente_detail(request, code: str):
    """One municipality of one CBS year (``?jaar=``, default the newest), its districts and regions."""
    gemeenten = Gemeente.objects.filter(code=code.upper())
    year = request.GET.get("jaar", "")
    if year.isdigit():
        gemeenten = gemeenten.filter(year=int(year))
    gemeente = get_object_or_404(gemeenten.order_by("-year")[:1])
    other_years = Gemeente.objects.filter(code=gemeente.code).exclude(pk=gemeente.pk).order_by("-year")
    return render(
        request,
        "regio/gemeente_detail.html",
        {
            "gemeente": gemeente,
            "wijken": gemeente.wijken.order_by("code"),
            "regios": gemeente.regios.order_by("name"),
            "other_years": other_years.values_list("year", flat=True),
        },
    )


@permission_required(MANAGE, raise_exception=True)
def regio_create(request):
    form = RegioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        regio = services.create_regio(
            request,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            gemeenten=form.cleaned_data["gemeenten"],
        )
        messages.success(request, _("De regio %(name)s is aangemaakt.") % {"name": regio.name})
        return redirect("regio:index")
    return render(request, "regio/regio_form.html", {"form": form, "regio": None})


@permission_required(MANAGE, raise_exception=True)
def regio_update(request, pk: int):
    regio = get_object_or_404(Regio, pk=pk)
    if request.method == "POST":
        form = RegioForm(request.POST, instance=regio)
        if form.is_valid():
            try:
                regio = services.update_regio(
                    request,
                    regio,
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                    gemeenten=form.cleaned_data["gemeenten"],
                    version=form.cleaned_data["version"],
                )
            except services.StaleRegioError:
                form.add_error(
                    None,
                    _(
                        "Iemand anders heeft deze regio gewijzigd nadat u het formulier opende. "
                        "Open de regio opnieuw en breng uw wijziging daarna aan."
                    ),
                )
            else:
                messages.success(request, _("De regio %(name)s is opgeslagen.") % {"name": regio.name})
                return redirect("regio:index")
    else:
        form = RegioForm(instance=regio, initial={"version": services.version_of(regio)})
    return render(request, "regio/regio_form.html", {"form": form, "regio": regio})
