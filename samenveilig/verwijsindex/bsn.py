"""The burgerservicenummer (BSN): normalising and the eleven-test.

A BSN has nine digits and passes the eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not 0).
A BSN never goes into a log line, an error message or the audit log; this module returns only True/False or the
normalised digits for the caller to hash at once.
"""

from __future__ import annotations

import re

BSN_LENGTH = 9
_SEPARATORS = re.compile(r"[\s.\-]")


def normalise(value: str) -> str:
    """The digits of ``value`` with spaces, dots and dashes removed; eight digits get their leading zero back."""
    digits = _SEPARATORS.sub("", str(value or ""))
    if len(digits) == BSN_LENGTH - 1 and digits.isdigit():
        digits = "0" + digits
    return digits


def passes_eleven_test(digits: str) -> bool:
    if len(digits) != BSN_LENGTH or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total != 0 and total % 11 == 0


def is_valid(value: str) -> bool:
    return passes_eleven_test(normalise(value))
