"""Validation of identifying details."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def is_valid_bsn(value: str) -> bool:
    """The elfproef for a burgerservicenummer: nine digits (eight with a leading zero added), weights 9..2 and -1.

    Source: Besluit burgerservicenummer / Logisch Ontwerp BSN (the sum must be a multiple of 11, and not 0).
    """
    digits = value.strip()
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total != 0 and total % 11 == 0


def validate_bsn(value: str) -> None:
    if not is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en aan de elfproef voldoen."), code="invalid_bsn"
        )
