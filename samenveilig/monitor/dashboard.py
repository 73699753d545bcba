"""What a municipality's dashboard shows, computed once for the page, the PDF, the downloads and the API.

For each indicator with figures for the municipality (current versions only): the total over the periods, each
breakdown (by source, by type of violence, or a CBS dimension), the comparison with the region (the sum of the
region's municipalities, when every one of them has a figure) and the country, the targets with a verdict, and a
short text summary. Every figure carries its indicator's definition and source. A value that is unknown or
suppressed stays empty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samenveilig.monitor import charts, periods, system
from samenveilig.monitor.models import DatasetVersion, Direction, Indicator, Observation, Series, Status, Target
from samenveilig.monitor.vt_report import DIMENSIONS

YEAR = "jaar"
HALF_YEAR = "halfjaar"
HEADLINE = ["vt-adviezen", "vt-meldingen"]


@dataclass(frozen=True)
class Point:
    period: str
    value: Decimal | None
    status: str

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def label(self) -> str:
        if self.value is None:
            return _("onbekend")
        text = format_number(self.value)
        return f"{text}*" if self.status == Status.PROVISIONAL else text


def format_number(value) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)


def _sort_key(period: str) -> tuple[int, int]:
    half = int(period[-1]) if periods.is_half_year(period) else 3
    return periods.year(period), half


@dataclass
class Breakdown:
    dimension: str
    label: str
    periods: list[str]
    rows: list[tuple[str, list[Point]]]
    chart: dict = field(default_factory=dict)


@dataclass
class Comparison:
    label: str
    latest: Point | None
    previous: Point | None

    @property
    def change(self) -> str:
        if not (self.latest and self.previous and self.latest.known and self.previous.known and self.previous.value):
            return _("onbekend")
        change = (self.latest.value - self.previous.value) / self.previous.value * 100
        return f"{change:+.0f}%".replace(".", ",")


@dataclass
class TargetView:
    target: Target
    actual: str
    verdict: str
    met: bool | None


@dataclass
class IndicatorView:
    indicator: Indicator
    source: str
    version: str
    periods: list[str]
    total: list[Point]
    breakdowns: list[Breakdown]
    comparisons: list[Comparison]
    targets: list[TargetView]
    summary: str
    chart: dict

    @property
    def total_rows(self) -> list[tuple[str, list[Point]]]:
        return [(_("Totaal"), self.total)]

    @property
    def unknown_periods(self) -> list[str]:
        return [point.period for point in self.total if not point.known]


def summary(points: list[Point], *, what: str) -> str:
    """One or two sentences on the trend, naming unknown periods; no number is invented."""
    known = [point for point in points if point.known]
    text = []
    if not known:
        text.append(_("Er zijn nog geen bekende cijfers over %(what)s.") % {"what": what})
    elif len(known) == 1:
        text.append(
            _("Alleen %(period)s is bekend: %(value)s.")
            % {"period": periods.label(known[0].period), "value": known[0].label}
        )
    else:
        first, last = known[0], known[-1]
        values = {"what": what, "first": first.label, "last": last.label}
        values.update(start=periods.label(first.period), end=periods.label(last.period))
        if last.value > first.value:
            sentence = _("Het aantal %(what)s steeg van %(first)s in %(start)s naar %(last)s in %(end)s")
        elif last.value < first.value:
            sentence = _("Het aantal %(what)s daalde van %(first)s in %(start)s naar %(last)s in %(end)s")
        else:
            sentence = _("Het aantal %(what)s bleef %(first)s van %(start)s tot en met %(end)s")
        if first.value:
            change = (last.value - first.value) / first.value * 100
            text.append(sentence % values + f" ({change:+.0f}%).")
        else:
            text.append(sentence % values + ".")
        peak = max(known, key=lambda point: point.value)
        if peak not in (first, last):
            text.append(
                _("Het hoogste aantal was %(value)s in %(period)s.")
                % {"value": peak.label, "period": periods.label(peak.period)}
            )
    unknown = [periods.label(point.period) for point in points if not point.known]
    if unknown:
        text.append(_("Onbekend: %(periods)s.") % {"periods": ", ".join(unknown)})
    if any(point.status == Status.PROVISIONAL for point in points):
        text.append(_("Cijfers met een * zijn voorlopig."))
    return " ".join(text)


def _fits(period: str, granularity: str) -> bool:
    return periods.is_half_year(period) == (granularity == HALF_YEAR)


def _dimension_label(series: Series) -> str:
    if series.dimension in DIMENSIONS:
        return str(DIMENSIONS[series.dimension])
    return series.dimension.replace("|", " × ")


def granularities(code: str) -> list[str]:
    found = set(
        Observation.objects.filter(version__is_current=True, series__region_code=code)
        .values_list("period", flat=True)
        .distinct()
    )
    result = []
    if any(not periods.is_half_year(p) for p in found):
        result.append(YEAR)
    if any(periods.is_half_year(p) for p in found):
        result.append(HALF_YEAR)
    return result


def _regio_members(code: str) -> list[tuple[str, list[str]]]:
    from samenveilig.regio.models import Regio

    result = []
    for regio in Regio.objects.filter(gemeenten__code=code).prefetch_related("gemeenten").distinct():
        members = sorted({gemeente.code for gemeente in regio.gemeenten.all()})
        if len(members) > 1:
            result.append((regio.name, members))
    return result


def _verdict(target: Target, total: list[Point]) -> TargetView:
    known = [point for point in total if point.known]
    if not known:
        return TargetView(target, _("onbekend"), _("Nog geen cijfers"), None)
    latest = known[-1]
    actual = latest.value
    actual_label = latest.label
    if target.baseline_period:
        base = next((point for point in known if point.period == target.baseline_period), None)
        if base is None or not base.value:
            return TargetView(target, actual_label, _("Basisperiode onbekend"), None)
        actual = (latest.value - base.value) / base.value * 100
        actual_label = f"{actual:+.1f}%".replace(".", ",")
    met = actual <= target.value if target.direction == Direction.AT_MOST else actual >= target.value
    reached = _sort_key(latest.period) >= _sort_key(target.deadline)
    if reached:
        verdict = _("Gehaald") if met else _("Niet gehaald")
    else:
        verdict = _("Op koers") if met else _("Nog niet op koers")
    return TargetView(target, actual_label, verdict, met)


def indicator_views(code: str, *, granularity: str = YEAR, with_charts: bool = True) -> list[IndicatorView]:
    """The indicators with figures for municipality ``code``, headline indicators (advice requests, reports) first."""
    # Rows as tuples, series and versions once each: a national table gives a municipality thousands of values, and
    # a model instance (with three related ones) per value was most of the page's time.
    rows = (
        Observation.objects.filter(version__is_current=True, series__region_code=code)
        .values_list("series_id", "version_id", "period", "value", "status")
        .order_by()
    )
    found = [row for row in rows if _fits(row[2], granularity)]
    series_by_id = {
        series.pk: series
        for series in Series.objects.filter(pk__in={row[0] for row in found}).select_related("indicator", "dataset")
    }
    versions = {version.pk: version for version in DatasetVersion.objects.filter(pk__in={row[1] for row in found})}
    by_indicator: dict[int, dict] = {}
    for series_id, version_id, period, value, status in found:
        series = series_by_id[series_id]
        entry = by_indicator.setdefault(
            series.indicator_id,
            {"indicator": series.indicator, "dataset": series.dataset, "version": versions[version_id], "series": {}},
        )
        entry["series"].setdefault(series.pk, (series, {}))[1][period] = Point(period, value, status)
    if not by_indicator:
        return []
    comparisons = _comparisons(code, list(by_indicator), granularity)
    targets = defaultdict(list)
    codes = [entry["indicator"].code for entry in by_indicator.values()]
    for target in Target.objects.filter(region_code=code, indicator_code__in=codes):
        targets[target.indicator_code].append(target)
    views = []
    for indicator_id, entry in by_indicator.items():
        indicator = entry["indicator"]
        all_periods = sorted(
            {period for _series, values in entry["series"].values() for period in values}, key=_sort_key
        )

        def points(values, all_periods=all_periods):
            return [values[p] if p in values else Point(p, None, Status.UNKNOWN) for p in all_periods]

        total_values = next((values for series, values in entry["series"].values() if not series.dimension), {})
        total = points(total_values)
        grouped: dict[str, list] = defaultdict(list)
        for series, values in entry["series"].values():
            if series.dimension:
                grouped[series.dimension].append((series, values))
        breakdowns = []
        for dimension, members in sorted(grouped.items()):
            members.sort(key=lambda item: item[0].category_label)
            breakdown = Breakdown(
                dimension,
                _dimension_label(members[0][0]),
                all_periods,
                [(series.category_label or series.category, points(values)) for series, values in members],
            )
            if with_charts:
                breakdown.chart = charts.bars(
                    [
                        {"periode": periods.label(p.period), "categorie": label, "waarde": _float(p)}
                        for label, row in breakdown.rows
                        for p in row
                    ],
                    title=f"{indicator.name}: {breakdown.label}",
                    value_title=indicator.get_unit_display(),
                    category_title=breakdown.label,
                )
            breakdowns.append(breakdown)
        what = indicator.name.lower()
        chart = {}
        if with_charts:
            chart = charts.trend(
                [{"periode": periods.label(p.period), "reeks": str(_("totaal")), "waarde": _float(p)} for p in total],
                title=indicator.name,
                value_title=indicator.get_unit_display(),
                series_title=_("Reeks"),
            )
        views.append(
            IndicatorView(
                indicator=indicator,
                source=entry["dataset"].title,
                version=entry["version"].label,
                periods=all_periods,
                total=total,
                breakdowns=breakdowns,
                comparisons=comparisons.get(indicator_id, []),
                targets=[_verdict(t, total) for t in targets.get(indicator.code, [])],
                summary=summary(total, what=what),
                chart=chart,
            )
        )
    views.sort(
        key=lambda view: (
            HEADLINE.index(view.indicator.code) if view.indicator.code in HEADLINE else 99,
            view.indicator.name,
        )
    )
    return views


def _float(point: Point) -> float | None:
    return float(point.value) if point.value is not None else None


def _comparisons(code: str, indicator_ids: list[int], granularity: str) -> dict[int, list[Comparison]]:
    """Per indicator: the municipality, each region it belongs to (sum of its municipalities) and the country."""
    regios = _regio_members(code)
    member_codes = {member for _name, members in regios for member in members} | {code}
    totals: dict[int, dict[str, dict[str, Point]]] = defaultdict(lambda: defaultdict(dict))
    rows = (
        Observation.objects.filter(
            version__is_current=True, series__indicator_id__in=indicator_ids, series__dimension=""
        )
        .filter(series__region_code__in=member_codes | {"NL01", "NL00"})
        .values_list("series__indicator_id", "series__region_code", "series__region_label", "period", "value", "status")
        .order_by()
    )
    labels = {}
    for indicator_id, region_code, region_label, period, value, status in rows:
        if _fits(period, granularity):
            totals[indicator_id][region_code][period] = Point(period, value, status)
            labels[region_code] = region_label
    result: dict[int, list[Comparison]] = {}
    for indicator_id, regions in totals.items():
        rows = []

        def last_two(values: dict[str, Point]) -> tuple[Point | None, Point | None]:
            ordered = [values[p] for p in sorted(values, key=_sort_key)]
            latest = ordered[-1] if ordered else None
            previous = ordered[-2] if len(ordered) > 1 else None
            return latest, previous

        own = {p: Point(p, o.value, o.status) for p, o in regions.get(code, {}).items()}
        rows.append(Comparison(labels.get(code) or code, *last_two(own)))
        for name, members in regios:
            summed = {}
            for period in sorted({p for m in members for p in regions.get(m, {})}, key=_sort_key):
                values = [regions.get(m, {}).get(period) for m in members]
                if all(v is not None and v.value is not None for v in values):
                    status = (
                        Status.PROVISIONAL if any(v.status == Status.PROVISIONAL for v in values) else Status.DEFINITIVE
                    )
                    summed[period] = Point(period, sum(v.value for v in values), status)
                else:
                    summed[period] = Point(period, None, Status.UNKNOWN)
            if summed:
                rows.append(Comparison(name, *last_two(summed)))
        for country in ("NL01", "NL00"):
            if country in regions:
                values = {p: Point(p, o.value, o.status) for p, o in regions[country].items()}
                rows.append(Comparison(labels.get(country) or _("Nederland"), *last_two(values)))
        if len(rows) > 1:
            result[indicator_id] = rows
    return result


def system_tables(organisation_ids: list[int]) -> list[system.Table]:
    return system.tables(organisation_ids)


def indicator_codes(code: str) -> list[str]:
    """Codes of the indicators with a series for municipality ``code``."""
    return list(Series.objects.filter(region_code=code).values_list("indicator__code", flat=True).distinct().order_by())
