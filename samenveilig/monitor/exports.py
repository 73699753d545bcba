"""The dashboard's figures as rows for CSV and XLSX, and its charts as images for the council report.

The rows hold exactly what the page shows: the same definitions and sources, unknown values empty with their status,
and the system figures suppressed ("< 5", "×") as on the page.
"""

from __future__ import annotations

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samenveilig.monitor import charts, periods
from samenveilig.monitor.dashboard import IndicatorView
from samenveilig.monitor.models import Status
from samenveilig.monitor.system import Table


def header() -> list[str]:
    return [
        _("Gebied"),
        _("Indicator"),
        _("Definitie"),
        _("Bron"),
        _("Versie"),
        _("Indeling"),
        _("Categorie"),
        _("Periode"),
        _("Waarde"),
        _("Status"),
    ]


def rows(gemeente, views: list[IndicatorView], tables: list[Table]):
    status_labels = dict(Status.choices)
    for view in views:
        base = [gemeente.name, view.indicator.name, view.indicator.definition, view.source, view.version]
        lines = [(_("Totaal"), "", view.total)]
        lines += [(b.label, label, points) for b in view.breakdowns for label, points in b.rows]
        for dimension, category, points in lines:
            for point in points:
                yield [
                    *base,
                    dimension,
                    category,
                    periods.label(point.period),
                    point.value,
                    str(status_labels.get(point.status, point.status)),
                ]
    for table in tables:
        indicator = table.indicator
        base = [gemeente.name, str(indicator.name), str(indicator.definition), str(indicator.source_label), ""]
        lines = [(str(indicator.breakdown), row.label, row.cells) for row in table.rows]
        lines.append((_("Totaal"), "", table.totals))
        for dimension, category, cells in lines:
            for period, cell in zip(table.period_labels, cells, strict=True):
                yield [*base, dimension, category, period, cell.label, _("afgeschermd") if cell.hidden else ""]


def chart_images(views: list[IndicatorView]) -> dict[str, str]:
    """The trend chart of every indicator with known figures as inline SVG (made by vl-convert from our own spec),
    by indicator code."""
    images = {}
    for view in views:
        if view.chart and any(point.known for point in view.total):
            images[view.indicator.code] = mark_safe(charts.svg(view.chart))  # noqa: S308 (vl-convert escapes text)
    return images
