"""Small numbers are never shown: "< 5", as CBS does, and never derivable from a total.

The method (documented in ``docs/monitor.md``), applied to every table of counts the system makes itself — the
monitor's system figures and the Verwijsindex figures (``verwijsindex.figures``) — per *additive group*: the cells of
one column (one period) together with the column's total.

1. **Primary suppression**: every count under 5 (0 included) is shown as "< 5" — the total too.
2. **Complementary suppression**: in a group whose total is shown, the hidden cells together must not be derivable
   as a small number either. While a group has exactly one hidden cell, or its hidden cells add up to less than 5,
   the smallest cell still shown is hidden as well (shown as "×": hidden to protect a small number elsewhere).
   A total under 5 is hidden itself, and then every cell is under 5 and hidden too.

In the monitor only one breakdown of a count is ever shown per table, system figures are shown per year only (a
half-year and its year would form a second, linked group), and no table shows a total across periods, so no other sum
links the cells. The API, the charts (a gap), the text summaries and every download get the same hidden cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
PRIMARY = "primair"
SECONDARY = "secundair"
PRIMARY_LABEL = _("< 5")
SECONDARY_LABEL = _("×")


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown: ``value`` is None when hidden; ``hidden`` says why."""

    value: int | None
    hidden: str = ""

    @property
    def label(self) -> str:
        if self.hidden == PRIMARY:
            return str(PRIMARY_LABEL)
        if self.hidden == SECONDARY:
            return str(SECONDARY_LABEL)
        return str(self.value)

    def __str__(self) -> str:
        return self.label


def suppress_group(cells: list[int], total: int) -> tuple[list[Cell], Cell]:
    """Suppress one additive group: ``cells`` add up to ``total``."""
    hidden = [PRIMARY if value < THRESHOLD else "" for value in cells]
    if total < THRESHOLD:
        return [Cell(None, PRIMARY if value < THRESHOLD else SECONDARY) for value in cells], Cell(None, PRIMARY)
    while True:
        hidden_values = [value for value, why in zip(cells, hidden, strict=True) if why]
        if not hidden_values or (len(hidden_values) > 1 and sum(hidden_values) >= THRESHOLD):
            break
        shown = [(value, index) for index, (value, why) in enumerate(zip(cells, hidden, strict=True)) if not why]
        if not shown:
            break
        hidden[min(shown)[1]] = SECONDARY
    result = [Cell(None, why) if why else Cell(value) for value, why in zip(cells, hidden, strict=True)]
    return result, Cell(total)


def suppress_value(value: int) -> Cell:
    """A count that stands alone (no breakdown): only primary suppression applies."""
    return Cell(None, PRIMARY) if value < THRESHOLD else Cell(value)
