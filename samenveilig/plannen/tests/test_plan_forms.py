"""Making and keeping a plan through the pages: a new plan from a seed template, activities with cost lines, dated
status changes, evaluations, the version check, and copying a plan to a new period."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from samenveilig.plannen.models import Activity, Cost, Evaluation, EvaluationMoment, FundingSource, Plan, Programme
from samenveilig.plannen.services import version_of
from samenveilig.plannen.tests.factories import ActivityFactory, CostFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(area):
    plan = PlanFactory(gemeente=area.gemeente, organisation=area.municipality, title="Plan Proefdam")
    ThemeFactory(plan=plan, name="Preventie")
    return plan


def plan_data(**changes):
    data = {"title": "Lokaal plan 2022-2025", "start_year": 2022, "end_year": 2025, "mission": "", "goals": ""}
    data.update(changes)
    return data


def activity_data(theme, **changes):
    data = {
        "theme": theme.pk,
        "goal": "Bekendheid meldcode",
        "what": "Training meldcode",
        "who_text": "Beleidsadviseur",
        "planning": "maanden",
        "start_year": 2022,
        "start_month": 5,
        "end_year": "",
        "end_month": "",
        "priority": "normaal",
        "status": "gepland",
        "capacity_unit": "week",
        "order": 10,
        "version": "",
        "kosten-TOTAL_FORMS": 2,
        "kosten-INITIAL_FORMS": 0,
        "kosten-MIN_NUM_FORMS": 0,
        "kosten-MAX_NUM_FORMS": 50,
        "kosten-0-description": "Training meldcode",
        "kosten-0-year": 2022,
        "kosten-0-until_year": 2025,
        "kosten-0-amount": "5000",
        "kosten-0-funding_source": FundingSource.objects.get(code="jeugdhulpbudget").pk,
    }
    data.update(changes)
    return data


def test_coordinator_makes_a_plan_from_a_seed_template(client, login, personas, area):
    login(client, personas.coordinator)
    response = client.post(reverse("plannen:plan_create"), plan_data(gemeente=area.gemeente.pk, template="west_betuwe"))
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.organisation == area.municipality
    assert plan.theme_label == "actielijn"
    assert list(plan.themes.values_list("name", flat=True)) == [
        "Inzet op preventie en signalering",
        "Versterken van het lokale team: expertise en inzet Team Sociaal",
        "Bevorderen van samenwerking met lokale ketenpartners",
    ]
    assert plan.history.count() == 1
    assert plan.themes.first().history.count() == 1


def test_plan_form_errors_are_shown_at_the_field_and_input_is_kept(client, login, personas, area):
    login(client, personas.coordinator)
    response = client.post(reverse("plannen:plan_create"), plan_data(title="Mijn plan", end_year=2020))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies de gemeente (of de regio) van dit plan." in html
    assert "Het laatste jaar ligt voor het eerste jaar." in html
    assert 'value="Mijn plan"' in html
    assert not Plan.objects.exists()


def test_coordinator_cannot_make_a_plan_outside_their_area(client, login, area):
    login(client, area.far_coordinator)
    response = client.post(reverse("plannen:plan_create"), plan_data(gemeente=area.gemeente.pk))
    assert response.status_code == 200  # not a choice in the form
    assert "gemeente" in response.context["form"].errors
    assert not Plan.objects.exists()


def test_activity_with_cost_lines(client, login, personas, plan):
    login(client, personas.coordinator)
    theme = plan.themes.get()
    Programme.objects.get(code="kansrijke-start")
    response = client.post(
        reverse("plannen:activity_create", args=[plan.pk]),
        activity_data(theme, programmes=[Programme.objects.get(code="kansrijke-start").pk]),
    )
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get()
    assert (activity.start_year, activity.start_month, activity.end_year, activity.end_month) == (2022, 5, 2022, 5)
    cost = activity.costs.get()
    assert (cost.year, cost.until_year, cost.amount) == (2022, 2025, 5000)
    assert activity.status_changes.get().status == "gepland"


def test_activity_form_errors_at_the_field(client, login, personas, plan):
    login(client, personas.coordinator)
    theme = plan.themes.get()
    response = client.post(
        reverse("plannen:activity_create", args=[plan.pk]),
        activity_data(theme, what="", start_month="", **{"kosten-0-amount": "-5", "kosten-0-until_year": 2020}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies de beginmaand" in html
    assert "Dit jaar ligt voor het eerste jaar." in html
    assert "Bekendheid meldcode" in html  # the input is kept
    assert not Activity.objects.exists()


def test_second_editor_is_told_and_nothing_is_overwritten(client, login, personas, plan):
    login(client, personas.coordinator)
    activity = ActivityFactory(theme=plan.themes.get(), what="Oorspronkelijk")
    CostFactory(activity=activity, year=2022, amount=100)
    opened = version_of(activity)
    Cost.objects.filter(activity=activity).update(amount=200)  # a colleague changed the cost meanwhile
    response = client.post(
        reverse("plannen:activity_edit", args=[activity.pk]),
        activity_data(
            plan.themes.get(),
            what="Mijn versie",
            version=opened,
            **{"kosten-TOTAL_FORMS": 0, "kosten-INITIAL_FORMS": 0},
        ),
    )
    assert response.status_code == 200
    assert "Iemand anders heeft dit gewijzigd" in response.content.decode()
    activity.refresh_from_db()
    assert activity.what == "Oorspronkelijk"


@time_machine.travel(date(2022, 6, 15), tick=False)
def test_dated_status_change_keeps_history_and_done_date(client, login, personas, plan):
    login(client, personas.coordinator)
    activity = ActivityFactory(theme=plan.themes.get())
    url = reverse("plannen:activity_status", args=[activity.pk])
    client.post(url, {"status": "loopt", "on": "2022-02-01", "version": version_of(activity)})
    activity.refresh_from_db()
    response = client.post(url, {"status": "gereed", "on": "2022-05-20", "version": version_of(activity)})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.done_on) == ("gereed", date(2022, 5, 20))
    assert [(c.status, c.date.isoformat()) for c in activity.status_changes.all()] == [
        ("loopt", "2022-02-01"),
        ("gereed", "2022-05-20"),
    ]
    future = client.post(url, {"status": "loopt", "on": "2022-07-01", "version": version_of(activity)})
    assert future.status_code == 400
    assert "Een status gaat niet in de toekomst in." in future.content.decode()
    page = client.get(reverse("plannen:activity_detail", args=[activity.pk])).content.decode()
    assert "20 mei 2022: Gereed" in page


def test_evaluation_of_an_activity(client, login, personas, plan):
    login(client, personas.coordinator)
    activity = ActivityFactory(theme=plan.themes.get(), what="Voorlichting")
    response = client.post(
        reverse("plannen:moment_create", args=[plan.pk]),
        {"date": "2023-06-30", "title": "Evaluatie halverwege", "notes": "", "version": ""},
    )
    moment = EvaluationMoment.objects.get()
    assert response.status_code == 302
    data = {"activity": activity.pk, "done": "Vier bijeenkomsten", "effect": "Meer adviesvragen", "version": ""}
    data["proposed_change"] = "Ook bij sportclubs"
    assert client.post(reverse("plannen:evaluation_create", args=[moment.pk]), data).status_code == 302
    again = client.post(reverse("plannen:evaluation_create", args=[moment.pk]), data)
    assert "al geëvalueerd" in again.content.decode()
    assert Evaluation.objects.get().proposed_change == "Ook bij sportclubs"
    page = client.get(reverse("plannen:moment_detail", args=[moment.pk])).content.decode()
    assert "Vier bijeenkomsten" in page


def test_copying_a_plan_carries_the_unfinished_activities(client, login, personas, area, plan):
    login(client, personas.coordinator)
    theme = plan.themes.get()
    open_ = ActivityFactory(theme=theme, what="Nog bezig", status="loopt", organisations=[area.school])
    CostFactory(activity=open_, year=2024, until_year=2027, amount=1000)
    ActivityFactory(theme=theme, what="Klaar", status="gereed", done_on=date(2022, 3, 1))
    ActivityFactory(theme=theme, what="Geschrapt", status="vervallen")
    response = client.post(
        reverse("plannen:plan_copy", args=[plan.pk]),
        {"title": "Plan Proefdam 2026-2029", "start_year": 2026, "end_year": 2029},
    )
    assert response.status_code == 302
    new = Plan.objects.get(title="Plan Proefdam 2026-2029")
    assert new.copied_from == plan and new.gemeente == plan.gemeente
    (copied,) = Activity.objects.filter(theme__plan=new)
    assert copied.what == "Nog bezig" and copied.status == "loopt"
    assert list(copied.organisations.all()) == [area.school]
    cost = copied.costs.get()
    assert (cost.year, cost.until_year) == (2026, 2027)
    assert "Overgenomen uit Plan Proefdam" in copied.status_changes.get().note
    assert Activity.objects.filter(theme__plan=plan).count() == 3  # the old plan is unchanged


def test_theme_with_activities_is_not_removed(client, login, personas, plan):
    login(client, personas.coordinator)
    theme = plan.themes.get()
    ActivityFactory(theme=theme)
    response = client.post(
        reverse("plannen:theme_edit", args=[theme.pk]),
        {"delete": "1", "name": theme.name, "order": 10, "version": version_of(theme)},
    )
    assert "bevat nog activiteiten" in response.content.decode()
    assert plan.themes.exists()
