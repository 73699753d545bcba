"""Figures on what happens after a match: counts per period and organisation type for one municipality.

Counted from :class:`FigureEvent` (no person, kept after signals and matches are gone): signals registered, matches
(one per match, however many parties of that type), coordination outcomes (afstemming gepland, afgestemd, geen actie
nodig) and the median number of days from a match to its first "afgestemd". A municipality's figures are those of
the organisations that serve it (``Organisation.gemeenten``, matched on the CBS code in any year).

Suppression (as CBS does, the method of :mod:`samenveilig.lib.suppression`; see ``docs/verwijsindex.md``):

1. **Primary**: every count under 5 (0 included) is shown as "< 5"; a median of fewer than 5 matches is not shown.
2. **Complementary**: within one period, the sector rows of an additive measure (signals, each outcome) add up to the
   period's total row. While exactly one sector cell of such a measure is hidden, or the hidden ones add up to less
   than 5, the smallest shown sector cell is hidden as well (shown as "×"), so no small number follows from the
   total minus the others. Matches are not additive over sectors (a match of a school and a youth worker counts in
   both), so their total is no sum and needs primary suppression only. The use per organisation is one more group:
   the organisations' signals add up to the period's total.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.lib import suppression
from samenveilig.regio.models import Gemeente
from samenveilig.verwijsindex.models import FigureEvent, Outcome

THRESHOLD = suppression.THRESHOLD
PERIODS = {
    "maand": (gettext_lazy("Maand"), TruncMonth),
    "kwartaal": (gettext_lazy("Kwartaal"), TruncQuarter),
    "jaar": (gettext_lazy("Jaar"), TruncYear),
}
#: The measures in column order: (key, header). Additive ones add up over sectors to the period total.
MEASURES = (
    ("signals", gettext_lazy("Signalen afgegeven")),
    ("matches", gettext_lazy("Matches")),
    (Outcome.PLANNED.value, Outcome.PLANNED.label),
    (Outcome.DONE.value, Outcome.DONE.label),
    (Outcome.NO_ACTION.value, Outcome.NO_ACTION.label),
    ("median_days", gettext_lazy("Mediaan dagen tot afgestemd")),
)
ADDITIVE = ("signals", Outcome.PLANNED.value, Outcome.DONE.value, Outcome.NO_ACTION.value)
TOTAL = ""


@dataclass
class Row:
    period: date
    sector: str  # "" for the total of the period
    values: dict[str, int | None] = field(default_factory=dict)  # None: suppressed
    days: list[int] = field(default_factory=list)
    hidden: dict[str, str] = field(default_factory=dict)  # why a value is None: suppression.PRIMARY or SECONDARY

    @property
    def is_total(self) -> bool:
        return self.sector == TOTAL

    def sector_label(self) -> str:
        return str(Sector(self.sector).label) if self.sector else _("Alle soorten organisaties")

    def shown(self, key: str) -> str:
        value = self.values.get(key)
        return _label(value, self.hidden.get(key, suppression.PRIMARY))


def _label(value: int | None, why: str) -> str:
    """A count as shown: "< 5" when it is small, "×" when a larger one is hidden to protect a small one."""
    return str(value) if value is not None else suppression.Cell(None, why).label


def gemeente_choices(membership) -> list[tuple[str, str]]:
    """The municipalities the coordinator's organisation serves, one per CBS code."""
    if membership is None:
        return []
    choices, seen = [], set()
    rows = Gemeente.objects.filter(organisations=membership.organisation_id).order_by("name", "-year")
    for code, name in rows.values_list("code", "name"):
        if code not in seen:
            seen.add(code)
            choices.append((code, name))
    return choices


def period_label(day: date, period: str) -> str:
    if period == "jaar":
        return str(day.year)
    if period == "kwartaal":
        return f"{day.year} K{(day.month - 1) // 3 + 1}"
    return f"{day:%Y-%m}"


def _events(gemeente: str):
    serving = Organisation.gemeenten.through.objects.filter(gemeente__code=gemeente).values("organisation_id")
    return FigureEvent.objects.filter(organisation_id__in=serving)


def compute(gemeente: str, period: str = "kwartaal") -> list[Row]:
    """The rows (newest period first; per period the total, then each sector with any count), suppressed."""
    trunc = PERIODS[period][1]
    events = _events(gemeente).annotate(period=trunc("day"))
    rows: dict[tuple[date, str], Row] = {}

    def row(period_day, sector) -> Row:
        key = (period_day, sector)
        if key not in rows:
            rows[key] = Row(period_day, sector, {k: 0 for k, _label in MEASURES[:-1]})
        return rows[key]

    # Signals and outcomes: plain counts per period, sector (and outcome).
    counts = events.exclude(kind=FigureEvent.Kind.MATCH).values("period", "sector", "kind", "outcome")
    for item in counts.annotate(n=Count("pk")):
        key = "signals" if item["kind"] == FigureEvent.Kind.SIGNAL else item["outcome"]
        day = _as_date(item["period"])
        row(day, item["sector"]).values[key] += item["n"]
        row(day, TOTAL).values[key] += item["n"]
    # Matches: distinct per sector, and distinct over all sectors for the total.
    matches = events.filter(kind=FigureEvent.Kind.MATCH)
    for item in matches.values("period", "sector").annotate(n=Count("match_ref", distinct=True)):
        row(_as_date(item["period"]), item["sector"]).values["matches"] = item["n"]
    for item in matches.values("period").annotate(n=Count("match_ref", distinct=True)):
        row(_as_date(item["period"]), TOTAL).values["matches"] = item["n"]
    # Days from match to first "afgestemd".
    for period_day, sector, days in events.filter(days__isnull=False).values_list("period", "sector", "days"):
        row(_as_date(period_day), sector).days.append(days)
        row(_as_date(period_day), TOTAL).days.append(days)

    by_period: dict[date, list[Row]] = defaultdict(list)
    for item in rows.values():
        by_period[item.period].append(item)
    result = []
    for period_day in sorted(by_period, reverse=True):
        group = sorted(by_period[period_day], key=lambda r: (not r.is_total, str(r.sector_label())))
        suppress(group)
        result.extend(group)
    return result


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def suppress(group: list[Row]) -> None:
    """Apply primary and complementary suppression (:mod:`samenveilig.lib.suppression`, the method of the monitor)
    to one period's rows: the total and its sector rows. The additive measures form a group with the total; matches
    (a match counts for each party's type) and the median stand alone."""
    for item in group:
        n = len(item.days)
        item.values["median_days"] = round(statistics.median(item.days)) if n >= THRESHOLD else None
        _apply(item, "matches", suppression.suppress_value(item.values["matches"]))
    total = next((r for r in group if r.is_total), None)
    sectors = [r for r in group if not r.is_total]
    for key in ADDITIVE:
        if total is None:  # a group without its total: every cell on its own
            for item in sectors:
                _apply(item, key, suppression.suppress_value(item.values[key]))
            continue
        cells, total_cell = suppression.suppress_group([r.values[key] for r in sectors], total.values[key])
        for item, cell in zip(sectors, cells, strict=True):
            _apply(item, key, cell)
        _apply(total, key, total_cell)


def _apply(item, key: str, cell: suppression.Cell) -> None:
    item.values[key] = cell.value
    if cell.hidden:
        item.hidden[key] = cell.hidden


def header(period: str) -> list[str]:
    return [str(PERIODS[period][0]), _("Soort organisatie"), *(str(label) for _key, label in MEASURES)]


def export_rows(rows: list[Row], period: str):
    for item in rows:
        yield [period_label(item.period, period), item.sector_label(), *(item.shown(k) for k, _label in MEASURES)]


@dataclass
class OrganisationRow:
    period: date
    organisation: str
    signals: int | None
    matches: int | None
    hidden: dict[str, str] = field(default_factory=dict)

    def shown(self, key: str) -> str:
        return _label(getattr(self, key), self.hidden.get(key, suppression.PRIMARY))

    @property
    def signals_label(self) -> str:
        return self.shown("signals")

    @property
    def matches_label(self) -> str:
        return self.shown("matches")


def use_per_organisation(gemeente: str, period: str = "kwartaal") -> list[OrganisationRow]:
    """Use per connected organisation serving the municipality, so uneven use becomes visible: signals registered
    and matches (distinct) per period, every connected organisation listed (also without any use), newest period
    first. Suppressed as the main table: every count under 5 is "< 5", and when exactly one organisation's signals
    are hidden in a period whose total is shown, the smallest shown one is hidden too."""
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie

    trunc = PERIODS[period][1]
    serving = Organisation.gemeenten.through.objects.filter(gemeente__code=gemeente).values("organisation_id")
    connected = dict(
        AangeslotenOrganisatie.objects.filter(organisation_id__in=serving)
        .order_by("organisation__name")
        .values_list("organisation_id", "organisation__name")
    )
    events = _events(gemeente).filter(organisation_id__in=list(connected)).annotate(period=trunc("day"))
    signals: dict[tuple[date, int], int] = defaultdict(int)
    matches: dict[tuple[date, int], int] = defaultdict(int)
    for item in events.filter(kind=FigureEvent.Kind.SIGNAL).values("period", "organisation_id").annotate(n=Count("pk")):
        signals[(_as_date(item["period"]), item["organisation_id"])] = item["n"]
    for item in (
        events.filter(kind=FigureEvent.Kind.MATCH)
        .values("period", "organisation_id")
        .annotate(n=Count("match_ref", distinct=True))
    ):
        matches[(_as_date(item["period"]), item["organisation_id"])] = item["n"]
    periods = sorted({day for day, _org in (*signals, *matches)}, reverse=True)
    result = []
    for period_day in periods:
        group = [
            OrganisationRow(period_day, name, signals[(period_day, pk)], matches[(period_day, pk)])
            for pk, name in connected.items()
        ]
        # The organisations' signals add up to the period's total of the main table: one additive group.
        cells, _total = suppression.suppress_group([r.signals for r in group], sum(r.signals for r in group))
        for item, cell in zip(group, cells, strict=True):
            item.signals = cell.value
            if cell.hidden:
                item.hidden["signals"] = cell.hidden
            alone = suppression.suppress_value(item.matches)
            item.matches = alone.value
            if alone.hidden:
                item.hidden["matches"] = alone.hidden
        result.extend(group)
    return result


def organisation_header(period: str) -> list[str]:
    """The header of the use per organisation in the CSV and in the second sheet of the XLSX."""
    labels = dict(MEASURES)
    return [str(PERIODS[period][0]), _("Organisatie"), str(labels["signals"]), str(labels["matches"])]


def organisation_export_rows(rows: list[OrganisationRow], period: str):
    for item in rows:
        yield [period_label(item.period, period), item.organisation, item.shown("signals"), item.shown("matches")]
