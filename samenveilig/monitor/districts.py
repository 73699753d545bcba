"""The district map of a municipality: its districts (CBS wijken) with any imported district-level figures.

The geometry comes from ``monitor/data/wijken_2024.geojson`` (CBS/Kadaster, simplified; only the districts the
project ships). Figures per district are imported series with a district code (``WK######``) as area; the system's
own figures have no district (the Verwijsindex and the Meldcode record none), so they are not on the map. Every
district figure under 5 is shown as "< 5" here, as CBS would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from samenveilig.lib.suppression import PRIMARY_LABEL, THRESHOLD
from samenveilig.monitor import periods
from samenveilig.monitor.dashboard import Point, _sort_key, format_number
from samenveilig.monitor.models import Observation, Status

GEOJSON = Path(__file__).parent / "data" / "wijken_2024.geojson"


@cache
def _features() -> list[dict]:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]


def geometry(gemeente_code: str) -> dict:
    """A GeoJSON FeatureCollection of the municipality's districts (empty when none is shipped)."""
    return {
        "type": "FeatureCollection",
        "features": [f for f in _features() if f["properties"].get("gemeentecode") == gemeente_code],
    }


@dataclass
class DistrictRow:
    code: str
    name: str
    values: dict[str, str]  # indicator code -> shown value


@dataclass
class DistrictFigures:
    indicators: list[tuple[str, str, str]]  # (code, name, period label)
    rows: list[DistrictRow]


def shown(point: Point) -> str:
    if point.value is None:
        return str(point.label)
    if point.value < THRESHOLD:
        return str(PRIMARY_LABEL)
    return f"{format_number(point.value)}*" if point.status == Status.PROVISIONAL else format_number(point.value)


def figures(gemeente) -> DistrictFigures:
    """Per district of ``gemeente`` the latest known total of each imported indicator with district figures."""
    districts = {wijk.code: wijk.name for wijk in gemeente.wijken.all()}
    for feature in geometry(gemeente.code)["features"]:
        districts.setdefault(feature["properties"]["statcode"], feature["properties"]["statnaam"])
    rows = (
        Observation.objects.filter(
            version__is_current=True, series__region_code__in=list(districts), series__dimension=""
        )
        .values_list(
            "series__indicator__code", "series__indicator__name", "series__region_code", "period", "value", "status"
        )
        .order_by()
    )
    latest: dict[str, str] = {}
    names: dict[str, str] = {}
    values: dict[tuple[str, str, str], Point] = {}
    for code, name, region, period, value, status in rows:
        names[code] = name
        values[(code, region, period)] = Point(period, value, status)
        if code not in latest or _sort_key(period) > _sort_key(latest[code]):
            latest[code] = period
    indicators = sorted(((c, names[c], periods.label(latest[c])) for c in latest), key=lambda item: item[1])
    result = []
    for district, name in sorted(districts.items(), key=lambda item: item[1]):
        shown_values = {}
        for code, _name, _label in indicators:
            point = values.get((code, district, latest[code]))
            shown_values[code] = shown(point) if point else str(Point(latest[code], None, Status.UNKNOWN).label)
        result.append(DistrictRow(district, name, shown_values))
    return DistrictFigures(indicators, result)
