"""Vega-Lite specs made in Python (Altair). The page draws them with vega-embed (``static/js/monitor.js``); the PDF
renders them to PNG with vl-convert. Every chart stands next to its table alternative and a short text summary, so
the chart itself is decoration for sighted users (the page marks it so) and never the only place of a number.

An unknown or suppressed value is a gap in the line, never a zero.
"""

from __future__ import annotations

import altair as alt
from altair.utils.schemapi import debug_mode

WIDTH = 560
HEIGHT = 260
FONT = "Arial, Helvetica, sans-serif"


# Validating a spec against the Vega-Lite JSON schema (when each part is made, and again as a whole) costs about
# 50 ms a chart, and a dashboard has a dozen. The shape of the specs is fixed here; the tests validate them
# (``tests/test_dashboard_speed.py``), the pages do not.
VALIDATE = False


def _config(chart):
    return chart.configure(font=FONT).configure_view(stroke=None).configure_axis(labelFontSize=12, titleFontSize=12)


def trend(points: list[dict], *, title: str, value_title: str, series_title: str) -> dict:
    """A line per series over the periods. ``points``: ``{"periode", "reeks", "waarde"}`` (waarde None = a gap)."""
    with debug_mode(VALIDATE):
        return _trend(points, title=title, value_title=value_title, series_title=series_title)


def _trend(points, *, title, value_title, series_title) -> dict:
    data = alt.Data(values=points)
    chart = (
        alt.Chart(data, title=title, width=WIDTH, height=HEIGHT)
        .mark_line(point=True, invalid="break-paths-show-domains")
        .encode(
            x=alt.X("periode:O", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("waarde:Q", title=value_title, scale=alt.Scale(zero=True)),
            color=alt.Color("reeks:N", title=series_title, legend=alt.Legend(orient="bottom")),
        )
    )
    return _config(chart).to_dict(validate=VALIDATE)


def bars(points: list[dict], *, title: str, value_title: str, category_title: str) -> dict:
    """Grouped bars: one group per period, one bar per category. ``points``: ``{"periode", "categorie", "waarde"}``.
    Every period stays on the axis, also one whose values are all unknown (it is then empty, not zero)."""
    with debug_mode(VALIDATE):
        return _bars(points, title=title, value_title=value_title, category_title=category_title)


def _bars(points, *, title, value_title, category_title) -> dict:
    domain = list(dict.fromkeys(point["periode"] for point in points))
    data = alt.Data(values=[point for point in points if point["waarde"] is not None])
    chart = (
        alt.Chart(data, title=title, width=WIDTH, height=HEIGHT)
        .mark_bar()
        .encode(
            x=alt.X("periode:O", title=None, sort=None, axis=alt.Axis(labelAngle=0), scale=alt.Scale(domain=domain)),
            xOffset=alt.XOffset("categorie:N"),
            y=alt.Y("waarde:Q", title=value_title),
            color=alt.Color("categorie:N", title=category_title, legend=alt.Legend(orient="bottom", columns=2)),
        )
    )
    return _config(chart).to_dict(validate=VALIDATE)


def png(spec: dict, *, scale: float = 2) -> bytes:
    """The chart as a PNG image."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale)


def svg(spec: dict) -> str:
    """The chart as an SVG document, for the PDF: WeasyPrint draws inline SVG without fetching anything (the PDF's
    URL fetcher reads our static files only, so a ``data:`` image would be refused)."""
    import vl_convert

    text = vl_convert.vegalite_to_svg(spec)
    return text[text.index("<svg") :]
