"""Acceptance: the timeline shows activities by month with their status; an activity marked done shows its date;
evaluation moments sit on it. Progress per theme counts done, running and late."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from samenveilig.plannen import planning
from samenveilig.plannen.models import Activity
from samenveilig.plannen.tests.factories import ActivityFactory, EvaluationMomentFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(area):
    plan = PlanFactory(gemeente=area.gemeente, organisation=area.municipality, start_year=2022, end_year=2023)
    theme = ThemeFactory(plan=plan, name="Preventie en signalering")
    ActivityFactory(
        theme=theme,
        what="Presentatie werkwijze Veilig Thuis",
        start_month=2,
        end_month=2,
        status=Activity.Status.DONE,
        done_on=date(2022, 2, 14),
    )
    ActivityFactory(theme=theme, what="Inventarisatie meldcode", start_month=3, end_month=7, status="loopt")
    ActivityFactory(theme=theme, what="Training conflicthantering", start_month=1, end_month=2, status="gepland")
    ActivityFactory(theme=theme, what="Voorlichting professionals", planning=Activity.Planning.ONGOING)
    ActivityFactory(theme=theme, what="Kinderrechten in de klas", planning="kwartaal", start_month=7, end_month=9)
    EvaluationMomentFactory(plan=plan, title="Evaluatie medio 2022", date=date(2022, 6, 30))
    return plan


def _row(html: str, name: str) -> str:
    rows = [row for row in html.split("<tr") if "sv-gantt__name" in row and name in row]
    assert len(rows) == 1, name
    return rows[0].split("</tr>")[0]


@time_machine.travel(date(2022, 6, 15), tick=False)
def test_timeline_shows_activities_by_month_with_status_and_done_date(client, login, personas, plan):
    login(client, personas.coordinator)
    response = client.get(reverse("plannen:plan_timeline", args=[plan.pk]), {"jaar": 2022})
    assert response.status_code == 200
    html = response.content.decode()
    done = _row(html, "Presentatie werkwijze Veilig Thuis")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", done, re.S)
    assert len(cells) == 12
    assert "✓ 14-2" in cells[1] and "gereed op 14 februari 2022" in cells[1]
    assert all(cell == "" for index, cell in enumerate(cells) if index != 1)
    running = _row(html, "Inventarisatie meldcode")
    assert running.count("sv-gantt--loopt") == 5 and "Loopt" in running
    late = _row(html, "Training conflicthantering")
    assert late.count("sv-gantt--late") == 2 and "te laat" in late
    assert _row(html, "Voorlichting professionals").count("sv-gantt--gepland") == 12
    assert _row(html, "Kinderrechten in de klas").count("sv-gantt--gepland") == 3
    assert "◆ 30-6" in html and "Evaluatie medio 2022" in html
    assert "Dezelfde tijdlijn als lijst" in html


def test_timeline_of_another_year(client, login, personas, plan):
    login(client, personas.coordinator)
    html = client.get(reverse("plannen:plan_timeline", args=[plan.pk]), {"jaar": 2023}).content.decode()
    assert "Voorlichting professionals" in html
    assert "Presentatie werkwijze Veilig Thuis" not in html
    assert client.get(reverse("plannen:plan_timeline", args=[plan.pk]), {"jaar": "x"}).status_code == 200


def test_progress_per_theme(plan):
    themes = planning.load_plan(plan)
    (item,) = planning.progress(themes, date(2022, 6, 15))
    assert (item.done, item.running, item.late, item.planned) == (1, 1, 1, 2)


@time_machine.travel(date(2022, 6, 15), tick=False)
def test_progress_page(client, login, personas, plan, django_assert_max_num_queries):
    login(client, personas.coordinator)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("plannen:plan_progress", args=[plan.pk]))
    html = response.content.decode()
    assert "1 van 5 (20%)" in html
    assert "Training conflicthantering" in html  # listed as late


def test_plan_page_queries_do_not_grow_with_activities(client, login, personas, plan, django_assert_max_num_queries):
    login(client, personas.coordinator)
    theme = plan.themes.get()
    for number in range(15):
        ActivityFactory(theme=theme, what=f"Extra {number}")
    with django_assert_max_num_queries(40):
        response = client.get(reverse("plannen:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    assert "Extra 14" in response.content.decode()
