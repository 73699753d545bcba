"""The council report shows the progress of the municipality's action plan per theme: done, running, late, planned."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.lib.testing import pdf_text
from samenveilig.plannen.models import Activity
from samenveilig.plannen.tests.factories import ActivityFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(personas, gemeente):
    from samenveilig.accounts.models import Organisation

    plan = PlanFactory(
        title="Samen veilig in Proefstad",
        gemeente=gemeente,
        organisation=Organisation.objects.get(name="Testgemeente"),
        start_year=2023,
        end_year=2026,
    )
    prevention = ThemeFactory(plan=plan, name="Preventie", order=10)
    signals = ThemeFactory(plan=plan, name="Signaleren", order=20)
    ActivityFactory(
        theme=prevention, status=Activity.Status.DONE, done_on=date(2023, 4, 1), start_year=2023, end_year=2023
    )
    ActivityFactory(theme=prevention, status=Activity.Status.RUNNING, start_year=2024, end_year=2024, end_month=12)
    ActivityFactory(theme=signals, status=Activity.Status.RUNNING, start_year=2023, end_year=2023)  # late
    ActivityFactory(theme=signals, status=Activity.Status.PLANNED, start_year=2025, end_year=2025)
    ActivityFactory(theme=signals, status=Activity.Status.CANCELLED, start_year=2023, end_year=2023)
    return plan


@time_machine.travel("2024-06-15 12:00 +0000", tick=False)
def test_council_report_shows_the_plans_progress_per_theme(client, login, personas, plan, gemeente):
    login(client, personas.coordinator)
    response = client.get(reverse("monitor:report_pdf", args=[gemeente.code]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Voortgang van het plan: Samen veilig in Proefstad" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Preventie 1 1 0 0" in lines  # done, running, late, planned
    assert "Signaleren 0 0 1 1" in lines  # the cancelled activity does not count
    assert "Totaal 1 1 1 1" in lines
    assert AuditEntry.objects.filter(action="plannen.plan.viewed", object_id=str(plan.pk)).exists()


def test_council_report_without_a_plan_has_no_plan_section(client, login, personas, gemeente):
    login(client, personas.coordinator)
    text = pdf_text(client.get(reverse("monitor:report_pdf", args=[gemeente.code])).content)
    assert "Voortgang van het plan" not in text


def test_a_plan_of_another_municipality_is_not_shown(client, login, personas, gemeente):
    from samenveilig.regio.tests.factories import GemeenteFactory

    PlanFactory(title="Plan elders", gemeente=GemeenteFactory(code="GM9502", name="Elders"))
    login(client, personas.coordinator)
    text = pdf_text(client.get(reverse("monitor:report_pdf", args=[gemeente.code])).content)
    assert "Plan elders" not in text and "Voortgang van het plan" not in text
