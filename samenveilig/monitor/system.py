"""System indicators: counts made from the app's own data, for a set of organisations (one organisation, or every
organisation working in a municipality). Aggregates only — a query here never returns a row about a person — and
every table goes through :mod:`samenveilig.lib.suppression` before anyone sees it.

Sources: the Verwijsindex's ``FigureEvent`` (kept after a signal or match is gone; see ``docs/verwijsindex.md``) and
the Meldcode's dossiers, consultations of Veilig Thuis and assessments. An organisation that works in several
municipalities counts in each of them. When the Verwijsindex is switched off its indicators are left out.

Advice requests and reports sent through the system to Veilig Thuis (``meldcode.Melding``) are counted by kind; the
Meldcode's consultations of Veilig Thuis and its decisions to report are counted too (a professional may call Veilig
Thuis instead of sending a message).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samenveilig.lib.suppression import Cell, suppress_group, suppress_value

YEARS = 5
NOW = "nu"
SOURCE_LABEL = _("Samen Veilig (eigen registratie)")


@dataclass
class Counts:
    """Counts by (category, period). ``categories`` empty: one total per period."""

    periods: list[str]
    categories: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def total(self, period: str) -> int:
        return sum(value for (_category, p), value in self.counts.items() if p == period)


@dataclass(frozen=True)
class SystemIndicator:
    code: str
    name: Promise
    definition: Promise
    numerator: Promise
    breakdown: Promise | str
    compute: Callable[[list[int], list[int]], Counts]
    verwijsindex: bool = False
    unit: str = "aantal"
    source_label: Promise = SOURCE_LABEL


@dataclass
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Table:
    """A suppressed table, ready to show: category rows (if any) and a total row, one column per period."""

    indicator: SystemIndicator
    periods: list[str]
    rows: list[Row]
    totals: list[Cell]

    @property
    def period_labels(self) -> list[str]:
        return [str(_("nu")) if period == NOW else period for period in self.periods]


def _years(today=None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(today.year - YEARS + 1, today.year + 1))


def _grouped(queryset, category_field: str | None, years: list[int], choices: Iterable[tuple[str, str]] | None):
    periods = [str(year) for year in years]
    result = Counts(periods=periods, categories=list(choices or []))
    fields = ["year"] + ([category_field] if category_field else [])
    for row in queryset.values(*fields).annotate(n=Count("pk")).order_by():
        if row["year"] in years:
            result.counts[(str(row[category_field]) if category_field else "", str(row["year"]))] = row["n"]
    return result


def _signals(organisation_ids, years):
    from samenveilig.accounts.models import Sector
    from samenveilig.verwijsindex.models import FigureEvent

    queryset = FigureEvent.objects.filter(
        kind=FigureEvent.Kind.SIGNAL, organisation_id__in=organisation_ids, day__year__gte=years[0]
    ).annotate(year=ExtractYear("day"))
    return _grouped(queryset, "sector", years, Sector.choices)


def _matches(organisation_ids, years):
    from samenveilig.verwijsindex.models import FigureEvent

    result = Counts(periods=[str(year) for year in years])
    rows = (
        FigureEvent.objects.filter(
            kind=FigureEvent.Kind.MATCH, organisation_id__in=organisation_ids, day__year__gte=years[0]
        )
        .annotate(year=ExtractYear("day"))
        .values("year")
        .annotate(n=Count("match_ref", distinct=True))
        .order_by()
    )
    for row in rows:
        result.counts[("", str(row["year"]))] = row["n"]
    return result


def _outcomes(organisation_ids, years):
    from samenveilig.verwijsindex.models import FigureEvent, Outcome

    queryset = FigureEvent.objects.filter(
        kind=FigureEvent.Kind.OUTCOME, organisation_id__in=organisation_ids, day__year__gte=years[0]
    ).annotate(year=ExtractYear("day"))
    return _grouped(queryset, "outcome", years, Outcome.choices)


def _dossiers(organisation_ids, years):
    from samenveilig.meldcode.models import Concern, Dossier

    queryset = Dossier.objects.filter(organisation_id__in=organisation_ids, opened_on__year__gte=years[0]).annotate(
        year=ExtractYear("opened_on")
    )
    return _grouped(queryset, "concern", years, Concern.choices)


def _steps(organisation_ids, years):
    from samenveilig.meldcode.models import Dossier
    from samenveilig.meldcode.steps import Step

    result = Counts(periods=[NOW], categories=[(str(value), label) for value, label in Step.choices])
    rows = Dossier.objects.filter(organisation_id__in=organisation_ids).open().values("step").annotate(n=Count("pk"))
    for row in rows.order_by():
        result.counts[(str(row["step"]), NOW)] = row["n"]
    return result


def _advice_requests(organisation_ids, years):
    from samenveilig.meldcode.models import Concern, Consultation

    queryset = Consultation.objects.filter(
        kind=Consultation.Kind.VEILIG_THUIS,
        dossier__organisation_id__in=organisation_ids,
        consulted_on__year__gte=years[0],
    ).annotate(year=ExtractYear("consulted_on"))
    return _grouped(queryset, "dossier__concern", years, Concern.choices)


def _reports(organisation_ids, years):
    from samenveilig.meldcode.afwegingskader import Outcome
    from samenveilig.meldcode.models import Assessment, Concern

    result = Counts(periods=[str(year) for year in years], categories=list(Concern.choices))
    rows = (
        Assessment.objects.filter(
            outcome__in=[Outcome.MELDEN, Outcome.MELDEN_EN_HULP],
            dossier__organisation_id__in=organisation_ids,
            created__year__gte=years[0],
        )
        .annotate(year=ExtractYear("created"))
        .values("year", "dossier__concern")
        .annotate(n=Count("dossier", distinct=True))
        .order_by()
    )
    for row in rows:
        if row["year"] in years:
            result.counts[(row["dossier__concern"], str(row["year"]))] = row["n"]
    return result


def _vt_messages(organisation_ids, years):
    from samenveilig.meldcode.models import Melding
    from samenveilig.meldcode.vt_workflow import Soort

    queryset = Melding.objects.filter(organisation_id__in=organisation_ids, sent_at__year__gte=years[0]).annotate(
        year=ExtractYear("sent_at")
    )
    return _grouped(queryset, "kind", years, Soort.choices)


INDICATORS: list[SystemIndicator] = [
    SystemIndicator(
        "systeem-veilig-thuis-berichten",
        _("Adviesvragen en meldingen via Samen Veilig"),
        _(
            "Adviesvragen en meldingen die professionals van deze organisaties via Samen Veilig naar Veilig Thuis "
            "stuurden."
        ),
        _("aantal verzonden berichten"),
        _("Soort"),
        _vt_messages,
    ),
    SystemIndicator(
        "systeem-verwijsindex-signalen",
        _("Signalen in de Verwijsindex"),
        _("Signalen die professionals van deze organisaties in het jaar in de Verwijsindex afgaven."),
        _("aantal afgegeven signalen"),
        _("Soort organisatie"),
        _signals,
        verwijsindex=True,
    ),
    SystemIndicator(
        "systeem-verwijsindex-matches",
        _("Matches in de Verwijsindex"),
        _(
            "Matches (signalen van twee of meer organisaties over dezelfde jongere) waarbij deze organisaties partij "
            "waren, één keer geteld per match."
        ),
        _("aantal matches"),
        "",
        _matches,
        verwijsindex=True,
    ),
    SystemIndicator(
        "systeem-verwijsindex-uitkomsten",
        _("Uitkomsten van matchregie"),
        _("Uitkomsten die regisseurs van deze organisaties bij een match vastlegden."),
        _("aantal vastgelegde uitkomsten"),
        _("Uitkomst"),
        _outcomes,
        verwijsindex=True,
    ),
    SystemIndicator(
        "systeem-meldcode-dossiers",
        _("Geopende meldcodedossiers"),
        _("Meldcodedossiers die professionals van deze organisaties in het jaar openden."),
        _("aantal geopende dossiers"),
        _("Soort zorg"),
        _dossiers,
    ),
    SystemIndicator(
        "systeem-meldcode-stappen",
        _("Lopende meldcodedossiers per stap"),
        _("Meldcodedossiers die nu openstaan, naar de stap van de meldcode waarin zij zijn."),
        _("aantal lopende dossiers"),
        _("Stap"),
        _steps,
    ),
    SystemIndicator(
        "systeem-meldcode-adviesvragen",
        _("Adviesvragen aan Veilig Thuis (meldcode)"),
        _("Consultaties van Veilig Thuis die in meldcodedossiers van deze organisaties zijn vastgelegd."),
        _("aantal consultaties van Veilig Thuis"),
        _("Soort zorg"),
        _advice_requests,
    ),
    SystemIndicator(
        "systeem-meldcode-meldingen",
        _("Besluiten tot melden bij Veilig Thuis (meldcode)"),
        _(
            "Meldcodedossiers van deze organisaties waarin de afweging uitkwam op melden bij Veilig Thuis, één keer "
            "geteld per dossier en jaar."
        ),
        _("aantal dossiers met een besluit tot melden"),
        _("Soort zorg"),
        _reports,
    ),
]


def indicators() -> list[SystemIndicator]:
    enabled = getattr(settings, "SAMENVEILIG_VERWIJSINDEX_ENABLED", True)
    return [indicator for indicator in INDICATORS if enabled or not indicator.verwijsindex]


def suppressed(indicator: SystemIndicator, counts: Counts) -> Table:
    """The counts as they may be shown (see :mod:`samenveilig.lib.suppression`)."""
    if not counts.categories:
        totals = [suppress_value(counts.total(period)) for period in counts.periods]
        return Table(indicator, counts.periods, [], totals)
    used = [
        (code, label)
        for code, label in counts.categories
        if any(counts.counts.get((code, period), 0) for period in counts.periods)
    ]
    columns = []
    for period in counts.periods:
        cells = [counts.counts.get((code, period), 0) for code, _label in used]
        columns.append(suppress_group(cells, counts.total(period)))
    rows = [
        Row(str(label), [columns[p][0][index] for p in range(len(counts.periods))])
        for index, (_c, label) in enumerate(used)
    ]
    return Table(indicator, counts.periods, rows, [column[1] for column in columns])


def tables(organisation_ids: list[int], *, today=None) -> list[Table]:
    """Every system indicator for these organisations, suppressed."""
    years = _years(today)
    return [suppressed(indicator, indicator.compute(organisation_ids, years)) for indicator in indicators()]


def organisations_in(gemeente_code: str) -> list[int]:
    from samenveilig.accounts.models import Organisation

    return list(Organisation.objects.filter(gemeenten__code=gemeente_code).values_list("pk", flat=True).distinct())
