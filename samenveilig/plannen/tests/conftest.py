"""Fixtures of the plannen tests: a municipality in the coordinator's area, and seed 004's local plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from samenveilig.accounts.models import Organisation
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.plannen.models import Activity, Cost, Plan, Theme
from samenveilig.plannen.reference import restore_terms
from samenveilig.regio.tests.factories import GemeenteFactory, RegioFactory


@pytest.fixture(autouse=True)
def _terms(db):
    restore_terms()


@dataclass
class Area:
    gemeente: object
    neighbour: object
    regio: object
    municipality: Organisation  # the coordinator persona's organisation
    school: Organisation
    neighbour_coordinator: object
    far_coordinator: object


@pytest.fixture
def area(personas) -> Area:
    """The coordinator persona's organisation works in Proefdam; Buurdorp is in the same region; a coordinator of
    Verweg works elsewhere."""
    gemeente = GemeenteFactory(code="GM9401", name="Proefdam")
    neighbour = GemeenteFactory(code="GM9402", name="Buurdorp")
    far = GemeenteFactory(code="GM9403", name="Verweg")
    regio = RegioFactory(name="Testregio Proef", gemeenten=[gemeente, neighbour])
    municipality = Organisation.objects.get(name="Testgemeente")
    municipality.gemeenten.add(gemeente)
    school = Organisation.objects.get(name="Testschool De Linde")
    school.gemeenten.add(gemeente)
    neighbour_org = OrganisationFactory(name="Gemeente Buurdorp (test)")
    neighbour_org.gemeenten.add(neighbour)
    far_org = OrganisationFactory(name="Gemeente Verweg (test)")
    far_org.gemeenten.add(far)

    def coordinator(username, organisation):
        user = UserFactory(username=username)
        MembershipFactory(user=user, organisation=organisation, role=Role.COORDINATOR)
        return user

    return Area(
        gemeente=gemeente,
        neighbour=neighbour,
        regio=regio,
        municipality=municipality,
        school=school,
        neighbour_coordinator=coordinator("t_coordinator_buurdorp", neighbour_org),
        far_coordinator=coordinator("t_coordinator_verweg", far_org),
    )


# Seed 004 (West Betuwe, lokaal plan 2022-2025), section 4.2: the budget per action line, 2022 and 2023-2025.
SEED_004_BUDGET = {
    "Inzet op preventie en signalering": [
        ("Theateraanbod basisonderwijs (of vergelijkbaar)", Decimal(3000), Decimal(3000)),
    ],
    "Versterken van het lokale team: expertise en inzet Team Sociaal": [
        ("Abonnement LVAK", Decimal(100), Decimal(100)),
        ("Training Meldcode", Decimal(5000), Decimal(5000)),
        ("Training conflicthantering", Decimal(2500), Decimal(3200)),
    ],
    "Bevorderen van samenwerking met lokale ketenpartners": [
        ("Bijdrage omgangsregeling en omgangsbemiddeling", Decimal(23280), Decimal(23280)),
        ("Kosten totstandkoming alliantie veilig ouder worden", None, Decimal(2000)),
    ],
}


@pytest.fixture
def seed_plan(area) -> Plan:
    """Seed 004's local plan with its budget lines entered as cost lines: one for 2022, one for 2023 to 2025."""
    plan = Plan.objects.create(
        title="Lokaal plan huiselijk geweld en kindermishandeling",
        gemeente=area.gemeente,
        organisation=area.municipality,
        start_year=2022,
        end_year=2025,
        theme_label=Plan.ThemeLabel.ACTIELIJN,
    )
    for order, (name, lines) in enumerate(SEED_004_BUDGET.items(), start=1):
        theme = Theme.objects.create(plan=plan, name=name, order=order * 10)
        for label, first, later in lines:
            activity = Activity.objects.create(
                theme=theme, what=label, start_year=2022, start_month=1, end_year=2025, end_month=12
            )
            if first is not None:
                Cost.objects.create(activity=activity, description=label, year=2022, amount=first)
            Cost.objects.create(activity=activity, description=label, year=2023, until_year=2025, amount=later)
    return plan


def today() -> date:
    return date(2022, 6, 15)
