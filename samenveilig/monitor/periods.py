"""Periods: a year (``2021``) or a half-year (``2021HJ1``), as the monitor stores them.

CBS writes ``2021JJ00`` for a year and ``2021HJ01`` / ``2021HJ02`` for half-years (a ``*`` in a period's title means
provisional); a spreadsheet may hold ``2021``, ``2021-1``, ``2021 HJ1`` or ``2021 1e halfjaar``. :func:`normalise`
turns all of these into the stored form, or raises ``ValueError``.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_CBS = re.compile(r"^(\d{4})(JJ00|HJ0([12]))$")
_OWN = re.compile(r"^(\d{4})(?:\s*(?:HJ|-|/|\s)\s*0?([12])|\s+([12])e\s+halfjaar)?\*?$", re.IGNORECASE)


def normalise(text: object) -> str:
    raw = str(text).strip()
    if isinstance(text, float) and text.is_integer():
        raw = str(int(text))
    if match := _CBS.match(raw.upper()):
        year, _kind, half = match.groups()
        return f"{year}HJ{half}" if half else year
    if match := _OWN.match(raw):
        year, half, half_words = match.groups()
        half = half or half_words
        return f"{year}HJ{half}" if half else year
    raise ValueError(raw)


def is_half_year(period: str) -> bool:
    return "HJ" in period


def year(period: str) -> int:
    return int(period[:4])


def label(period: str) -> str:
    """``2021`` or ``2021, 1e halfjaar``."""
    if is_half_year(period):
        return _("%(year)s, %(half)se halfjaar") % {"year": period[:4], "half": period[-1]}
    return period


def of_date(day, *, half_years: bool) -> str:
    if half_years:
        return f"{day.year}HJ{1 if day.month <= 6 else 2}"
    return str(day.year)
