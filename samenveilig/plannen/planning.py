"""What the pages, PDF and XLSX show of a plan, computed once: the tables per theme, the finance table, the month
timeline and the progress per theme. Plain functions on already fetched objects (no queries of their own, except
:func:`load_plan`, which fetches everything a plan page needs in a fixed number of queries).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samenveilig.plannen.models import Activity, Cost, EvaluationMoment, Plan, StatusChange, Theme


def planning_label(activity: Activity) -> str:
    if activity.planning == Activity.Planning.ONGOING:
        return _("Doorlopend")
    start, end = activity.start, activity.end
    if start is None:
        return _("Nog niet gepland")
    if activity.planning == Activity.Planning.QUARTER:
        return _("Q%(quarter)s %(year)s") % {"quarter": activity.quarter, "year": start[0]}
    first = f"{MONTHS_3[start[1]]} {start[0]}"
    if end is None or end == start:
        return first
    return f"{first} – {MONTHS_3[end[1]]} {end[0]}"


def capacity_label(activity: Activity) -> str:
    parts = []
    if activity.capacity_hours is not None:
        hours = number_format(activity.capacity_hours.normalize(), use_l10n=True)
        parts.append(f"{hours} {activity.get_capacity_unit_display()}")
    if activity.capacity_note:
        parts.append(activity.capacity_note)
    return "; ".join(parts)


def euro(amount: Decimal | None) -> str:
    """€ 33.880 (cents only when there are any), as the seed plans write amounts."""
    if amount is None:
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    return "€ " + number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


# --- loading -----------------------------------------------------------------------------------------------------


def activity_queryset():
    return Activity.objects.select_related("theme").prefetch_related(
        "organisations",
        "contact_persons__organisation",
        "target_groups",
        "programmes",
        Prefetch("costs", queryset=Cost.objects.select_related("funding_source").order_by("year", "pk")),
        Prefetch("status_changes", queryset=StatusChange.objects.order_by("date", "recorded_at", "pk")),
    )


def load_plan(plan: Plan, activities=None) -> list[Theme]:
    """The plan's themes, each with ``shown_activities`` (from ``activities``, a queryset of the plan's activities
    that the user may see; default: all)."""
    if activities is None:
        activities = activity_queryset().filter(theme__plan=plan)
    by_theme: dict[int, list[Activity]] = {}
    for activity in activities.order_by("theme__order", "theme_id", "order", "pk"):
        by_theme.setdefault(activity.theme_id, []).append(activity)
    themes = list(Theme.objects.filter(plan=plan).order_by("order", "pk"))
    for theme in themes:
        theme.plan = plan
        theme.shown_activities = by_theme.get(theme.pk, [])
        for activity in theme.shown_activities:
            activity.theme = theme
    return themes


# --- finance table ------------------------------------------------------------------------------------------------


@dataclass
class FinanceColumn:
    years: list[int]

    @property
    def label(self) -> str:
        if len(self.years) == 1:
            return str(self.years[0])
        return f"{self.years[0]}–{self.years[-1]}"


@dataclass
class FinanceRow:
    label: str
    funding: str
    amounts: list[Decimal | None]


@dataclass
class FinanceGroup:
    theme: Theme
    rows: list[FinanceRow]
    totals: list[Decimal]


@dataclass
class FinanceTable:
    columns: list[FinanceColumn]
    groups: list[FinanceGroup]
    totals: list[Decimal]
    merged: bool = False

    @property
    def is_empty(self) -> bool:
        return not any(group.rows for group in self.groups)


def finance_table(plan: Plan, themes: list[Theme], *, merge: bool = True) -> FinanceTable:
    """Budget lines per theme with an amount per year; with ``merge``, adjacent years in which every line has the
    same amount share one column ("2023–2025", amounts per year), as seed 004's table shows."""
    years = set(plan.years)
    # One row per budget line: the cost lines of an activity with the same label and funding source (say 2022, and
    # 2023 up to 2025) share a row; amounts of overlapping years add up.
    lines: list[tuple[Theme, str, str, dict[int, Decimal]]] = []
    for theme in themes:
        rows: dict[tuple, dict[int, Decimal]] = {}
        for activity in theme.shown_activities:
            for cost in activity.costs.all():
                cost.activity = activity
                key = (activity.pk, cost.label, str(cost.funding_source or ""))
                amounts = rows.setdefault(key, {})
                for year in cost.years:
                    amounts[year] = amounts.get(year, Decimal(0)) + cost.amount
                years.update(cost.years)
        lines += [(theme, label, funding, amounts) for (_pk, label, funding), amounts in rows.items()]
    all_years = sorted(years)
    per_year = [amounts for _theme, _label, _funding, amounts in lines]
    columns: list[FinanceColumn] = []
    for year in all_years:
        if (
            merge
            and columns
            and columns[-1].years[-1] == year - 1
            and all(amounts.get(year) == amounts.get(columns[-1].years[-1]) for amounts in per_year)
        ):
            columns[-1].years.append(year)
        else:
            columns.append(FinanceColumn([year]))
    groups = []
    for theme in themes:
        rows_ = [
            FinanceRow(label=label, funding=funding, amounts=[amounts.get(column.years[0]) for column in columns])
            for line_theme, label, funding, amounts in lines
            if line_theme is theme
        ]
        totals = [sum((row.amounts[i] or Decimal(0) for row in rows_), Decimal(0)) for i in range(len(columns))]
        groups.append(FinanceGroup(theme=theme, rows=rows_, totals=totals))
    totals = [sum((group.totals[i] for group in groups), Decimal(0)) for i in range(len(columns))]
    merged = any(len(column.years) > 1 for column in columns)
    return FinanceTable(columns=columns, groups=groups, totals=totals, merged=merged)


# --- timeline -----------------------------------------------------------------------------------------------------


@dataclass
class TimelineCell:
    active: bool
    status: str = ""
    label: str = ""
    done_here: bool = False


@dataclass
class TimelineRow:
    activity: Activity
    cells: list[TimelineCell]
    late: bool


@dataclass
class TimelineGroup:
    theme: Theme
    rows: list[TimelineRow]


@dataclass
class Timeline:
    year: int
    months: list[tuple[int, str, str]]  # (number, short name, full name)
    groups: list[TimelineGroup]
    moments: list[list[EvaluationMoment]] = field(default_factory=list)  # per month


def timeline(plan: Plan, themes: list[Theme], year: int, moments, today: date) -> Timeline:
    """The activities of ``year`` by month with their status; a done activity shows its date in its month."""
    months = [(number, str(MONTHS_3[number]), str(MONTHS[number])) for number in range(1, 13)]
    groups = []
    for theme in themes:
        rows = []
        for activity in theme.shown_activities:
            status_label = str(activity.get_status_display())
            cells = []
            for number in range(1, 13):
                active = activity.active_in(year, number, plan)
                done_here = bool(
                    activity.status == Activity.Status.DONE
                    and activity.done_on
                    and (activity.done_on.year, activity.done_on.month) == (year, number)
                )
                cells.append(
                    TimelineCell(
                        active=active or done_here,
                        status=activity.status if (active or done_here) else "",
                        label=status_label if (active or done_here) else "",
                        done_here=done_here,
                    )
                )
            if any(cell.active for cell in cells):
                rows.append(TimelineRow(activity=activity, cells=cells, late=activity.is_late(today)))
        groups.append(TimelineGroup(theme=theme, rows=rows))
    per_month: list[list[EvaluationMoment]] = [[] for _ in range(12)]
    for moment in moments:
        if moment.date.year == year:
            per_month[moment.date.month - 1].append(moment)
    return Timeline(year=year, months=months, groups=groups, moments=per_month)


# --- progress -----------------------------------------------------------------------------------------------------


@dataclass
class Progress:
    theme: Theme
    done: int = 0
    running: int = 0
    late: int = 0
    planned: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.done + self.running + self.late + self.planned

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress(themes: list[Theme], today: date) -> list[Progress]:
    """Per theme: done, running, late (end month passed and not done), planned and cancelled. An activity counts
    once: late before running or planned."""
    result = []
    for theme in themes:
        counts = Progress(theme=theme)
        for activity in theme.shown_activities:
            if activity.status == Activity.Status.DONE:
                counts.done += 1
            elif activity.status == Activity.Status.CANCELLED:
                counts.cancelled += 1
            elif activity.is_late(today):
                counts.late += 1
            elif activity.status == Activity.Status.RUNNING:
                counts.running += 1
            else:
                counts.planned += 1
        result.append(counts)
    return result


def totals(items: list[Progress]) -> dict[str, int]:
    keys = ("done", "running", "late", "planned", "cancelled", "total")
    return {key: sum(getattr(item, key) for item in items) for key in keys}


def timeline_years(plan: Plan, themes: list[Theme]) -> list[int]:
    years = set(plan.years)
    for theme in themes:
        for activity in theme.shown_activities:
            for point in (activity.start, activity.end):
                if point:
                    years.add(point[0])
    return sorted(years)


def group_by(items, key):
    grouped: OrderedDict = OrderedDict()
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return grouped
