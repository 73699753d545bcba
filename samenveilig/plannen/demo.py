"""Demo data for the plannen app: a local plan for the demo municipality Woerden (GM0632), modelled on seed 004 (West
Betuwe, lokaal plan huiselijk geweld en kindermishandeling 2022–2025): its three action lines, its actions with
planning and capacity, and the budget lines of its section 4.2 (totals € 33.880 in 2022 and € 36.580 a year in
2023–2025). Organisations are the core demo organisations; no person is named.

``load(users, organisations)`` is called by :func:`samenveilig.core.demo.load` with the demo users and organisations
(keyed as in ``core.demo``). Idempotent: a plan with the same title for Woerden is left as it is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from samenveilig.plannen.models import Activity, Cost, EvaluationMoment, FundingSource, Plan, Programme, StatusChange
from samenveilig.plannen.models import Theme as PlanTheme
from samenveilig.plannen.reference import restore_terms
from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart.models import TargetGroup

logger = logging.getLogger(__name__)

TITLE = "Lokaal plan huiselijk geweld en kindermishandeling 2022–2025 (demo)"
GEMEENTE = "GM0632"


@dataclass(frozen=True)
class DemoActivity:
    goal: str
    what: str
    who: tuple[str, ...] = ()  # keys of core.demo.ORGANISATIONS
    who_text: str = ""
    target_groups: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    planning: str = Activity.Planning.MONTHS
    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None
    status: str = Activity.Status.PLANNED
    done_on: date | None = None
    capacity: tuple[str, str] | None = None  # (hours, unit)
    capacity_note: str = ""
    costs: tuple[tuple[str, int, int | None, str, int], ...] = field(default=())  # label, year, until, source, €


LINES = {
    "Inzet op preventie en signalering": [
        DemoActivity(
            goal="Toenemende bekendheid van het protocol meldcode huiselijk geweld",
            what="Presentatie werkwijze Veilig Thuis: hoe zij omgaan met adviezen en meldingen",
            who=("veilig_thuis",),
            who_text="Beleidsadviseur",
            target_groups=("professionals",),
            programmes=("wet-verplichte-meldcode",),
            start=(2022, 2),
            status=Activity.Status.DONE,
            done_on=date(2022, 2, 14),
            capacity_note="Uren voorlichting door Veilig Thuis (binnen budget Veilig Thuis)",
        ),
        DemoActivity(
            goal="Inzet en betrokkenheid van lokale partners voor het gebruik van de meldcode",
            what="Inventarisatie gebruik meldcode in het voorliggend veld; verdere uitrol bij nog niet aangesloten "
            "partners",
            who=("lokaal_team", "school", "kinderopvang"),
            target_groups=("professionals",),
            programmes=("wet-verplichte-meldcode",),
            start=(2022, 3),
            end=(2022, 12),
            status=Activity.Status.RUNNING,
            capacity=("2", Activity.CapacityUnit.WEEK),
        ),
        DemoActivity(
            goal="Bevorderen samenwerking met onderwijs op het thema huiselijk geweld en kindermishandeling",
            what="Theateraanbod basisonderwijs (of vergelijkbaar) voor kinderen van wie de ouders gaan scheiden",
            who=("school",),
            target_groups=("4-12",),
            programmes=("scheiden-zonder-schade",),
            start=(2022, 9),
            end=(2022, 12),
            costs=(("Theateraanbod basisonderwijs (of vergelijkbaar)", 2022, 2025, "jeugdhulpbudget", 3000),),
        ),
        DemoActivity(
            goal="Bewustwording van inwoners over huiselijk geweld en kindermishandeling",
            what="Aansluiten op landelijke campagnes met extra voorlichting via het gezinsloket en sociale media",
            who_text="Communicatieadviseur gemeente",
            target_groups=("ouders",),
            programmes=("geweld-hoort-nergens-thuis",),
            planning=Activity.Planning.ONGOING,
        ),
    ],
    "Versterken van het lokale team: expertise en inzet Team Sociaal": [
        DemoActivity(
            goal="Expertise belegd bij de aandachtsfunctionarissen in het lokale team",
            what="Positionering aandachtsfunctionarissen: functieprofiel, uren, lidmaatschap LVAK, bijscholingsdag",
            who=("lokaal_team",),
            target_groups=("professionals",),
            programmes=("wet-verplichte-meldcode",),
            planning=Activity.Planning.ONGOING,
            status=Activity.Status.RUNNING,
            capacity=("6", Activity.CapacityUnit.WEEK),
            capacity_note="2 uur per aandachtsfunctionaris, in de capaciteitsberekening van het lokale team",
            costs=(("Abonnement LVAK", 2022, 2025, "regulier", 100),),
        ),
        DemoActivity(
            goal="Alle consulenten passen de meldcode toe",
            what="Jaarlijkse training meldcode huiselijk geweld en kindermishandeling voor het lokale team",
            who=("lokaal_team",),
            target_groups=("professionals",),
            programmes=("wet-verplichte-meldcode",),
            planning=Activity.Planning.QUARTER,
            start=(2022, 10),
            end=(2022, 12),
            costs=(("Training Meldcode", 2022, 2025, "jeugdhulpbudget", 5000),),
        ),
        DemoActivity(
            goal="Consulenten voeren het gesprek met gescheiden ouders als ondersteuner van het gezin",
            what="Training conflicthantering voor de consulenten",
            who=("lokaal_team",),
            target_groups=("professionals", "ouders"),
            programmes=("scheiden-zonder-schade",),
            start=(2022, 5),
            end=(2022, 5),
            costs=(
                ("Training conflicthantering", 2022, None, "jeugdhulpbudget", 2500),
                ("Training conflicthantering", 2023, 2025, "jeugdhulpbudget", 3200),
            ),
        ),
    ],
    "Bevorderen van samenwerking met lokale ketenpartners": [
        DemoActivity(
            goal="Lichte ondersteuning bij scheiding naast het omgangshuis",
            what="Bijdrage aan begeleide omgangsregeling en omgangsbemiddeling",
            who_text="Aanbieder omgangshuis (regionaal)",
            target_groups=("ouders", "4-12", "12-18"),
            programmes=("scheiden-zonder-schade", "jeugdwet"),
            planning=Activity.Planning.ONGOING,
            status=Activity.Status.RUNNING,
            costs=(("Bijdrage omgangsregeling en omgangsbemiddeling", 2022, 2025, "jeugdhulpbudget", 23280),),
        ),
        DemoActivity(
            goal="Ouderenmishandeling eerder gesignaleerd",
            what="Totstandkoming alliantie veilig ouder worden met welzijn, zorg en Veilig Thuis",
            who=("jongerenwerk", "veilig_thuis"),
            target_groups=("ouderen", "mantelzorgers"),
            programmes=("ouderen-in-veilige-handen", "wmo-2015"),
            start=(2023, 1),
            end=(2023, 12),
            costs=(("Kosten totstandkoming alliantie veilig ouder worden", 2023, 2025, "wmo-budget", 2000),),
        ),
        DemoActivity(
            goal="Partners krijgen terugkoppeling na een melding en weten wie casusregie heeft",
            what="Werkafspraken met Veilig Thuis en partners over terugkoppeling en casusregie vastleggen",
            who=("veilig_thuis", "lokaal_team"),
            target_groups=("professionals",),
            programmes=("geweld-hoort-nergens-thuis",),
            start=(2022, 1),
            end=(2022, 4),
            capacity=("4", Activity.CapacityUnit.MONTH),
        ),
    ],
}


@transaction.atomic
def load(users: dict, organisations: dict) -> dict[str, int]:
    """Load the demo plan; ``users`` and ``organisations`` are those of :mod:`samenveilig.core.demo`."""
    gemeente = Gemeente.objects.filter(code=GEMEENTE).order_by("-year").first()
    if gemeente is None or "gemeente" not in organisations:
        logger.warning("plannen demo skipped: municipality %s or the demo municipality organisation missing", GEMEENTE)
        return {"plans": 0, "plan_activities": 0}
    restore_terms()
    plan, created = Plan.objects.get_or_create(
        title=TITLE,
        gemeente=gemeente,
        defaults={
            "organisation": organisations["gemeente"],
            "start_year": 2022,
            "end_year": 2025,
            "theme_label": Plan.ThemeLabel.ACTIELIJN,
            "mission": "Alle kinderen en volwassenen in Woerden groeien op en leven veilig thuis. We voorkomen, "
            "stoppen en lossen geweld in afhankelijkheidsrelaties blijvend op, samen met onze partners.",
            "goals": "Meer professionals passen de meldcode toe en kennen de weg\n"
            "Het lokale team heeft de expertise om onveiligheid te zien en te bespreken\n"
            "Partners werken samen en weten na een melding van elkaar wie wat doet",
        },
    )
    if created:
        _fill(plan, users, organisations)
    return {"plans": 1, "plan_activities": Activity.objects.filter(theme__plan=plan).count()}


def _fill(plan: Plan, users: dict, organisations: dict) -> None:
    coordinator = users.get("coordinator")
    groups = {group.code: group for group in TargetGroup.objects.all()}
    programmes = {programme.code: programme for programme in Programme.objects.all()}
    sources = {source.code: source for source in FundingSource.objects.all()}
    for order, (name, activities) in enumerate(LINES.items(), start=1):
        theme = PlanTheme.objects.create(plan=plan, name=name, order=order * 10)
        for position, spec in enumerate(activities, start=1):
            start, end = spec.start, spec.end or spec.start
            activity = Activity.objects.create(
                theme=theme,
                goal=spec.goal,
                what=spec.what,
                who_text=spec.who_text,
                planning=spec.planning,
                start_year=start[0] if start else None,
                start_month=start[1] if start else None,
                end_year=end[0] if end else None,
                end_month=end[1] if end else None,
                status=spec.status,
                done_on=spec.done_on,
                capacity_hours=Decimal(spec.capacity[0]) if spec.capacity else None,
                capacity_unit=spec.capacity[1] if spec.capacity else Activity.CapacityUnit.WEEK,
                capacity_note=spec.capacity_note,
                order=position * 10,
            )
            activity.organisations.set([organisations[key] for key in spec.who if key in organisations])
            activity.target_groups.set([groups[code] for code in spec.target_groups if code in groups])
            activity.programmes.set([programmes[code] for code in spec.programmes if code in programmes])
            StatusChange.objects.create(
                activity=activity, status=Activity.Status.PLANNED, date=date(2022, 1, 10), changed_by=coordinator
            )
            if spec.status != Activity.Status.PLANNED:
                StatusChange.objects.create(
                    activity=activity,
                    status=spec.status,
                    date=spec.done_on or date(2022, 3, 1),
                    changed_by=coordinator,
                )
            for label, year, until, source, amount in spec.costs:
                Cost.objects.create(
                    activity=activity,
                    description=label,
                    year=year,
                    until_year=until,
                    funding_source=sources.get(source),
                    amount=Decimal(amount),
                )
    EvaluationMoment.objects.create(plan=plan, date=date(2022, 6, 30), title="Evaluatie na een half jaar")
    EvaluationMoment.objects.create(plan=plan, date=date(2023, 12, 15), title="Tussenevaluatie met de regio")
