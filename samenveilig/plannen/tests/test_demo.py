"""The demo plan is seed 004's local plan for Woerden: its budget gives the seed's totals; loading twice is harmless."""

from decimal import Decimal

import pytest

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.plannen import demo, planning
from samenveilig.plannen.models import Activity, Plan
from samenveilig.regio.tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db


def test_demo_plan_has_the_seed_budget_and_is_idempotent(personas):
    GemeenteFactory(code="GM0632", name="Woerden", year=2099)
    gemeente = Organisation.objects.create(name="Gemeente Woerden (demo)", sector=Sector.GEMEENTE)
    school = Organisation.objects.create(name="Basisschool (demo)", sector=Sector.ONDERWIJS)
    result = demo.load({"coordinator": personas.coordinator}, {"gemeente": gemeente, "school": school})
    assert result["plans"] == 1 and result["plan_activities"] == 10
    plan = Plan.objects.get()
    table = planning.finance_table(plan, planning.load_plan(plan))
    assert [column.label for column in table.columns] == ["2022", "2023–2025"]
    assert table.totals == [Decimal(33880), Decimal(36580)]
    assert Activity.objects.filter(organisations=school).count() == 2
    assert demo.load({}, {"gemeente": gemeente})["plan_activities"] == 10
    assert Plan.objects.count() == 1


def test_demo_is_skipped_without_the_municipality(db):
    assert demo.load({}, {})["plans"] == 0
