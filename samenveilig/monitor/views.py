"""Pages of the monitor (``/monitor/``).

A coordinator chooses a municipality their organisation works in and sees its dashboard, imports CBS tables and the
municipality's own Veilig Thuis report, and sets targets; a professional or aandachtsfunctionaris sees the system
figures of their own organisation. Every page checks its permission first (``require_perm``: 403, audited);
the figures are aggregates, and every view and export of them is audited all the same.

Imports run synchronously: an upload is limited to ``SAMENVEILIG_MONITOR_UPLOAD_MAX_MB`` (a municipality's report
or one CBS table for a region is far below it); national tables go through ``manage.py monitor_import``, which shows
progress. See ``docs/monitor.md``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.lib import xlsx
from samenveilig.lib.exports import csv_stream
from samenveilig.lib.pdf import pdf_response, render_pdf
from samenveilig.monitor import (
    dashboard,
    districts,
    exports,
    forms,
    importers,
    plan_progress,
    services,
    system,
    vt_report,
)
from samenveilig.monitor.models import Dataset, Indicator, Target
from samenveilig.monitor.rules import gemeente_codes
from samenveilig.regio.models import Gemeente

OBJECT_TYPE = "monitor.dataset"


def _gemeente(code: str) -> Gemeente:
    gemeente = Gemeente.objects.filter(code=code.upper()).order_by("-year").first()
    if gemeente is None:
        raise Http404
    return gemeente


def _require_gemeente(request, code: str, action: str) -> Gemeente:
    """Refuse (403, audited) unless the user is a coordinator of an organisation that works in municipality ``code``.
    The check is on the CBS code (not a row), so it is made here rather than with ``require_perm``."""
    code = code.upper()
    if not request.user.has_perm("monitor.view_gemeente", code):
        audit.log(request, action, object_type="regio.gemeente", object_id=code[:20], outcome=audit.REFUSED)
        raise PermissionDenied
    return _gemeente(code)


def _granularity(request, code: str) -> tuple[str, list[str]]:
    available = dashboard.granularities(code)
    wanted = request.GET.get("periode", "")
    if wanted in available:
        return wanted, available
    return (available[0] if available else dashboard.YEAR), available


def _my_gemeenten(request) -> list[Gemeente]:
    codes = gemeente_codes(request.user)
    latest = {}
    for gemeente in Gemeente.objects.filter(code__in=codes).order_by("code", "-year"):
        latest.setdefault(gemeente.code, gemeente)
    return sorted(latest.values(), key=lambda g: g.name)


@require_GET
def index(request):
    if request.user.has_perm("monitor.view_organisation_figures") and not request.user.has_perm(
        "monitor.view_dashboard"
    ):
        return redirect("monitor:organisation")
    require_perm(request, "monitor.view_dashboard", "monitor.index.viewed", object_type="regio.gemeente")
    gemeenten = _my_gemeenten(request)
    chosen = request.GET.get("gemeente", "")
    if chosen and any(g.code == chosen for g in gemeenten):
        return redirect("monitor:gemeente", code=chosen)
    return render(request, "monitor/index.html", {"gemeenten": gemeenten})


@never_cache
@require_GET
def gemeente(request, code):
    action = "monitor.dashboard.viewed"
    gemeente = _require_gemeente(request, code, action)
    granularity, available = _granularity(request, gemeente.code)
    views = dashboard.indicator_views(gemeente.code, granularity=granularity)
    tables = system.tables(system.organisations_in(gemeente.code))
    audit.log(request, action, object_type="regio.gemeente", object_id=gemeente.code, purpose="dashboard")
    return render(
        request,
        "monitor/gemeente.html",
        {
            "gemeente": gemeente,
            "views": views,
            "tables": tables,
            "granularity": granularity,
            "granularities": available,
            "charts": _chart_specs(views),
        },
    )


def _chart_specs(views) -> dict:
    specs = {}
    for number, view in enumerate(views):
        view.chart_id = f"grafiek-{number}"
        specs[view.chart_id] = view.chart
        for sub, breakdown in enumerate(view.breakdowns):
            breakdown.chart_id = f"grafiek-{number}-{sub}"
            specs[breakdown.chart_id] = breakdown.chart
    return specs


@never_cache
@require_GET
def district_map(request, code):
    """The municipality's districts on a map (Leaflet, no background tiles) with a table of the same figures."""
    action = "monitor.district_map.viewed"
    gemeente = _require_gemeente(request, code, action)
    found = districts.figures(gemeente)
    audit.log(request, action, object_type="regio.gemeente", object_id=gemeente.code, purpose="district map")
    map_data = {
        "geometry": districts.geometry(gemeente.code),
        "values": {row.code: [row.values[c] for c, _name, _period in found.indicators] for row in found.rows},
        "indicators": [f"{name} ({period})" for _code, name, period in found.indicators],
    }
    return render(
        request,
        "monitor/district_map.html",
        {
            "gemeente": gemeente,
            "figures": found,
            "map_data": map_data,
            "has_map": bool(map_data["geometry"]["features"]),
        },
    )


@never_cache
@require_GET
def organisation(request):
    action = "monitor.organisation_figures.viewed"
    require_perm(request, "monitor.view_organisation_figures", action, object_type="accounts.organisation")
    membership = request.membership
    tables = system.tables([membership.organisation_id])
    audit.log(request, action, membership.organisation, purpose="figures")
    return render(request, "monitor/organisation.html", {"organisation": membership.organisation, "tables": tables})


@never_cache
@require_GET
def export(request, code):
    action = "monitor.dashboard.exported"
    gemeente = _require_gemeente(request, code, action)
    kind = request.GET.get("formaat", "")
    if kind not in ("csv", "xlsx"):
        raise Http404
    granularity, _available = _granularity(request, gemeente.code)
    views = dashboard.indicator_views(gemeente.code, granularity=granularity, with_charts=False)
    tables = system.tables(system.organisations_in(gemeente.code))
    audit.log(request, action, object_type="regio.gemeente", object_id=gemeente.code, purpose=f"{kind} export")
    stem = f"monitor-{gemeente.code}"
    header, rows = exports.header(), exports.rows(gemeente, views, tables)
    if kind == "xlsx":
        return xlsx.xlsx_response(stem, [xlsx.Sheet(_("Cijfers"), header, rows)])
    response = StreamingHttpResponse(csv_stream(header, rows, bom=True), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{xlsx.filename(stem, "csv")}"'
    return response


@never_cache
@require_GET
def report_pdf(request, code):
    action = "monitor.council_report.exported"
    gemeente = _require_gemeente(request, code, action)
    granularity, _available = _granularity(request, gemeente.code)
    views = dashboard.indicator_views(gemeente.code, granularity=granularity)
    tables = system.tables(system.organisations_in(gemeente.code))
    images = exports.chart_images(views)
    audit.log(request, action, object_type="regio.gemeente", object_id=gemeente.code, purpose="pdf")
    plan = plan_progress.for_gemeente(request, gemeente.code, timezone.localdate())
    content = render_pdf(
        "monitor/pdf/council_report.html",
        {
            "gemeente": gemeente,
            "views": views,
            "tables": tables,
            "images": images,
            "plan": plan,
            "for_whom": request.user,
        },
        request=request,
    )
    return pdf_response(content, f"raadsrapportage-{gemeente.name}")


# --- imports -------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def import_cbs(request):
    action = "monitor.dataset.imported"
    require_perm(request, "monitor.import_figures", action, object_type=OBJECT_TYPE)
    form = forms.CbsImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            parsed = importers.parse_file(upload.read(), filename=upload.name, identifier=form.cleaned_data["tabel"])
            version = services.import_parsed(parsed, actor=request)
        except importers.ImportFailed as failed:
            problems = failed.problems
        else:
            messages.success(
                request,
                _("%(title)s (versie %(version)s) is geïmporteerd: %(count)s waarden.")
                % {"title": version.dataset.title, "version": version.label, "count": version.observation_count},
            )
            return redirect("monitor:datasets")
    status = 400 if request.method == "POST" else 200
    return render(request, "monitor/import_cbs.html", {"form": form, "problems": problems}, status=status)


@require_http_methods(["GET", "POST"])
def import_report(request, code):
    action = "monitor.dataset.imported"
    gemeente = _require_gemeente(request, code, action)
    form = forms.ReportImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.import_report(
                request,
                content=form.cleaned_data["bestand"].read(),
                gemeente=gemeente,
                version=form.cleaned_data["versie"],
            )
        except importers.ImportFailed as failed:
            problems = failed.problems
        else:
            messages.success(
                request,
                _("De rapportage (versie %(version)s) is geïmporteerd: %(count)s waarden.")
                % {"version": version.label, "count": version.observation_count},
            )
            return redirect("monitor:gemeente", code=gemeente.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "monitor/import_report.html", {"form": form, "problems": problems, "gemeente": gemeente}, status=status
    )


@require_GET
def report_template(request, code):
    gemeente = _require_gemeente(request, code, "monitor.report_template.downloaded")
    year = timezone.localdate().year
    content = vt_report.template_bytes([str(y) for y in range(year - 3, year)])
    response = HttpResponse(content, content_type=xlsx.CONTENT_TYPE)
    name = xlsx.filename(f"sjabloon-veilig-thuis-{gemeente.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def datasets(request):
    require_perm(request, "monitor.import_figures", "monitor.datasets.viewed", object_type=OBJECT_TYPE)
    found = Dataset.objects.prefetch_related("versions__imported_by").order_by("source", "title")
    return render(request, "monitor/datasets.html", {"datasets": found})


# --- targets -------------------------------------------------------------------------------------------------------


def _indicator_choices(code: str) -> list[tuple[str, str]]:
    codes = dashboard.indicator_codes(code)
    return [(indicator.code, indicator.name) for indicator in Indicator.objects.filter(code__in=codes)]


@require_http_methods(["GET", "POST"])
def targets(request, code):
    action = "monitor.target.created"
    gemeente = _require_gemeente(request, code, "monitor.targets.viewed")
    if request.method == "POST":
        require_perm(request, "monitor.manage_targets", action, object_type="monitor.target")
    form = forms.TargetForm(request.POST or None, indicators=_indicator_choices(gemeente.code))
    if request.method == "POST" and form.is_valid():
        target = form.save(commit=False)
        target.region_code = gemeente.code
        services.save_target(request, target)
        messages.success(request, _("De streefwaarde is opgeslagen."))
        return redirect("monitor:targets", code=gemeente.code)
    found = Target.objects.filter(region_code=gemeente.code)
    names = dict(Indicator.objects.filter(code__in=[t.indicator_code for t in found]).values_list("code", "name"))
    rows = [(target, names.get(target.indicator_code, target.indicator_code)) for target in found]
    return render(
        request,
        "monitor/targets.html",
        {"gemeente": gemeente, "form": form, "rows": rows},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def delete_target(request, code, pk):
    action = "monitor.target.deleted"
    gemeente = _require_gemeente(request, code, action)
    require_perm(request, "monitor.manage_targets", action, object_type="monitor.target")
    target = get_object_or_404(Target, pk=pk, region_code=gemeente.code)
    services.delete_target(request, target)
    messages.success(request, _("De streefwaarde is verwijderd."))
    return redirect(reverse("monitor:targets", kwargs={"code": gemeente.code}))
