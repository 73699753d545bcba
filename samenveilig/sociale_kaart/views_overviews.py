"""The coordinator's overviews of the sociale kaart (``/sociale-kaart/overzichten/``), each downloadable as CSV or XLSX.

Every page needs ``sociale_kaart.view_overviews`` (coordinators); ``require_perm`` refuses anyone else with 403 and
audits the refusal. The key persons overview shows contact persons (personal data), so every read is audited; every
export of any overview is audited too. A download is the page's own URL with ``?formaat=csv`` or ``?formaat=xlsx``, so
it holds exactly what the page shows with the same filters (all rows, not one page).
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samenveilig import audit
from samenveilig.accounts.models import Sector
from samenveilig.core.access import require_perm
from samenveilig.lib import xlsx
from samenveilig.lib.exports import csv_stream
from samenveilig.sociale_kaart import overviews

PERM = "sociale_kaart.view_overviews"
PAGE_SIZE = 50
FORMATS = ("csv", "xlsx")
SELECT = "utrecht-select utrecht-select--html-select"
GAP_FILL = "FCE4D6"  # light orange: a gap in the prevention matrix (the text says so too)
MATRIX_COLUMN_WIDTH = 32


def _select(label, *, required: bool = False):
    return forms.ChoiceField(label=label, required=required, widget=forms.Select(attrs={"class": SELECT}))


class OverviewFilterForm(forms.Form):
    """Municipality (CBS code, or all of them) and sector."""

    gemeente = _select(gettext_lazy("Gemeente"))
    sector = _select(gettext_lazy("Sector"))

    def __init__(self, data=None, *, gemeenten: list[tuple[str, str]], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["gemeente"].choices = [("", _("Hele regio")), *gemeenten]
        self.fields["sector"].choices = [("", _("Alle sectoren")), *Sector.choices]


class KeyPersonsFilterForm(OverviewFilterForm):
    zonder_af = forms.BooleanField(
        label=gettext_lazy("Alleen organisaties zonder aandachtsfunctionaris"), required=False
    )


class PreventionFilterForm(forms.Form):
    gemeente = _select(gettext_lazy("Gemeente"), required=True)

    def __init__(self, data=None, *, gemeenten: list[tuple[str, str]], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["gemeente"].choices = gemeenten


def _filters(form) -> tuple[dict, bool]:
    """The cleaned filters and whether they are valid (an unbound form means: no filters)."""
    if not form.is_bound:
        return {}, True
    if form.is_valid():
        return form.cleaned_data, True
    return {}, False


def _purpose(what: str, data: dict) -> str:
    """A fixed phrase with the (non-personal) filters: CBS code, sector code."""
    parts = [what] + [f"{key}={value}" for key, value in sorted(data.items()) if value not in ("", None, False)]
    return " ".join(parts)


def _format(request) -> str:
    value = request.GET.get("formaat", "")
    return value if value in FORMATS else ""


def _download(request, *, action: str, object_type: str, stem: str, data: dict, sheets: list[xlsx.Sheet]):
    """Audit the export, then answer with the first sheet as CSV or every sheet in one XLSX file."""
    kind = _format(request)
    audit.log(request, action, object_type=object_type, purpose=_purpose(f"{kind} export", data))
    if kind == "xlsx":
        return xlsx.xlsx_response(stem, sheets)
    sheet = sheets[0]
    response = StreamingHttpResponse(
        csv_stream(sheet.header, sheet.rows, bom=True), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{xlsx.filename(stem, "csv")}"'
    return response


def _gemeente_name(choices: list[tuple[str, str]], code: str) -> str:
    return dict(choices).get(code, "")


# --- the index -------------------------------------------------------------------------------------------------------


@require_GET
def index(request):
    require_perm(request, PERM, "sociale_kaart.overviews.viewed", object_type="sociale_kaart.organisationentry")
    return render(request, "sociale_kaart/overviews/index.html")


# --- key persons -----------------------------------------------------------------------------------------------------


@never_cache
@require_GET
def key_persons(request):
    action = "sociale_kaart.key_persons.viewed"
    object_type = "sociale_kaart.contactperson"
    require_perm(request, PERM, action, object_type=object_type)
    gemeenten = overviews.gemeente_choices()
    form = KeyPersonsFilterForm(request.GET or None, gemeenten=gemeenten)
    data, valid = _filters(form)
    queryset = overviews.key_persons_queryset(
        gemeente=data.get("gemeente", ""), sector=data.get("sector", ""), without_af=data.get("zonder_af", False)
    )
    if valid and _format(request):
        sheet = xlsx.Sheet(
            _("Sleutelpersonen"),
            overviews.key_persons_header(),
            overviews.key_persons_rows(overviews.key_persons(queryset.iterator(chunk_size=500))),
        )
        return _download(
            request,
            action="sociale_kaart.key_persons.exported",
            object_type=object_type,
            stem="sleutelpersonen",
            data=data,
            sheets=[sheet],
        )
    page = rows = None
    if valid:
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))
        rows = list(overviews.key_persons(page.object_list))
        audit.log(request, action, object_type=object_type, purpose=_purpose("overzicht", data))
    return render(
        request,
        "sociale_kaart/overviews/key_persons.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "gemeente_name": _gemeente_name(gemeenten, data.get("gemeente", "")),
        },
        status=200 if valid else 400,
    )


# --- Meldcode status -------------------------------------------------------------------------------------------------


@never_cache
@require_GET
def meldcode(request):
    action = "sociale_kaart.meldcode_overview.viewed"
    object_type = "sociale_kaart.organisationentry"
    require_perm(request, PERM, action, object_type=object_type)
    gemeenten = overviews.gemeente_choices()
    form = OverviewFilterForm(request.GET or None, gemeenten=gemeenten)
    data, valid = _filters(form)
    if not valid:
        return render(request, "sociale_kaart/overviews/meldcode.html", {"form": form}, status=400)
    gemeente, sector = data.get("gemeente", ""), data.get("sector", "")
    in_gemeente = overviews.organisations(gemeente=gemeente)
    drill_down = overviews.meldcode_organisations(in_gemeente.filter(sector=sector)) if sector else None

    if _format(request):
        if drill_down is not None:
            sheet = xlsx.Sheet(
                Sector(sector).label,
                overviews.meldcode_organisations_header(),
                overviews.meldcode_organisations_rows(drill_down.iterator(chunk_size=500)),
            )
        else:
            sheet = xlsx.Sheet(
                _("Meldcode per sector"),
                overviews.meldcode_header(),
                overviews.meldcode_rows(*overviews.meldcode_by_sector(in_gemeente)),
            )
        return _download(
            request,
            action="sociale_kaart.meldcode_overview.exported",
            object_type=object_type,
            stem="meldcode-per-sector" if drill_down is None else f"meldcode-{sector}",
            data=data,
            sheets=[sheet],
        )

    sectors, total = overviews.meldcode_by_sector(in_gemeente)
    context = {
        "form": form,
        "measures": [label for _name, label in overviews.MELDCODE_MEASURES],
        "sectors": sectors,
        "total": total,
        "gemeente_name": _gemeente_name(gemeenten, gemeente),
        "sector": sector,
        "sector_label": Sector(sector).label if sector else "",
        "drill_down": [(organisation, overviews.meldcode_status(organisation)) for organisation in drill_down]
        if drill_down is not None
        else None,
    }
    return render(request, "sociale_kaart/overviews/meldcode.html", context)


# --- the prevention matrix -------------------------------------------------------------------------------------------


@never_cache
@require_GET
def prevention(request):
    action = "sociale_kaart.prevention_matrix.viewed"
    object_type = "sociale_kaart.service"
    require_perm(request, PERM, action, object_type=object_type)
    gemeenten = overviews.gemeente_choices()
    if "gemeente" in request.GET:
        data = request.GET
    else:
        data = {"gemeente": overviews.default_gemeente(getattr(request, "membership", None), gemeenten)}
    form = PreventionFilterForm(data, gemeenten=gemeenten)
    matrix = None
    if gemeenten and form.is_valid():
        matrix = overviews.prevention_matrix(form.cleaned_data["gemeente"])
    if matrix is not None and _format(request):
        name = _gemeente_name(gemeenten, matrix.gemeente)
        header = overviews.prevention_header(matrix)
        return _download(
            request,
            action="sociale_kaart.prevention_matrix.exported",
            object_type=object_type,
            stem=f"preventiematrix-{matrix.gemeente}",
            data=form.cleaned_data,
            sheets=[
                xlsx.Sheet(
                    _("Preventiematrix %(gemeente)s") % {"gemeente": name},
                    header,
                    _matrix_sheet_rows(matrix) if _format(request) == "xlsx" else overviews.prevention_rows(matrix),
                    freeze="B2",
                    widths=[24] + [MATRIX_COLUMN_WIDTH] * (len(header) - 1),
                )
            ],
        )
    return render(
        request,
        "sociale_kaart/overviews/prevention.html",
        {
            "form": form,
            "matrix": matrix,
            "gemeente_name": _gemeente_name(gemeenten, matrix.gemeente) if matrix else "",
            "no_gemeenten": not gemeenten,
        },
        status=200 if matrix is not None or not gemeenten else 400,
    )


def _matrix_sheet_rows(matrix: overviews.PreventionMatrix):
    """The matrix as it looks on the page: a service with its organisation per line, a gap filled and named."""
    for row in matrix.rows:
        cells = [xlsx.XlsxCell(row.target_group.name, bold=True)]
        for cell in row.cells:
            if cell:
                cells.append(xlsx.XlsxCell("\n".join(overviews.service_label(s) for s in cell), wrap=True))
            else:
                cells.append(xlsx.XlsxCell(str(overviews.GAP_TEXT), fill=GAP_FILL, wrap=True))
        yield cells
