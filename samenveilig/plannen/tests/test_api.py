"""``/api/v1/plannen/``: nested themes and activities, read and write with the permissions of the pages, ETag and
If-Match as in the sociale kaart."""

from datetime import date

import pytest
import time_machine

from samenveilig.audit.models import AuditEntry
from samenveilig.plannen.models import Activity, Plan
from samenveilig.plannen.tests.factories import ActivityFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/plannen/"


@pytest.fixture
def plan(area):
    plan = PlanFactory(gemeente=area.gemeente, organisation=area.municipality, title="Plan Proefdam")
    theme = ThemeFactory(plan=plan, name="Preventie")
    ActivityFactory(theme=theme, what="Voorlichting op scholen", organisations=[area.school])
    ActivityFactory(theme=theme, what="Campagne voor inwoners")
    return plan


def test_coordinator_reads_the_plan_with_nested_themes_and_activities(client, login, personas, plan):
    login(client, personas.coordinator)
    listing = client.get(BASE + "plannen/").json()
    assert [p["title"] for p in listing["results"]] == ["Plan Proefdam"]
    assert listing["results"][0]["themes"][0]["name"] == "Preventie"
    response = client.get(f"{BASE}plannen/{plan.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == f'"{body["version"]}"'
    assert body["gemeente"] == "GM9401"
    assert [a["what"] for a in body["themes"][0]["activities"]] == ["Voorlichting op scholen", "Campagne voor inwoners"]
    assert AuditEntry.objects.filter(action="plannen.plan.viewed", object_id=str(plan.pk)).exists()


def test_partner_sees_only_the_activities_naming_them(client, login, personas, plan):
    login(client, personas.professional)
    body = client.get(f"{BASE}plannen/{plan.pk}/").json()
    assert [a["what"] for a in body["themes"][0]["activities"]] == ["Voorlichting op scholen"]
    listed = client.get(BASE + "activiteiten/").json()["results"]
    assert [a["what"] for a in listed] == ["Voorlichting op scholen"]
    other = Activity.objects.get(what="Campagne voor inwoners")
    assert client.get(f"{BASE}activiteiten/{other.pk}/").status_code == 403
    named = Activity.objects.get(what="Voorlichting op scholen")
    etag = client.get(f"{BASE}activiteiten/{named.pk}/")["ETag"]
    response = client.patch(
        f"{BASE}activiteiten/{named.pk}/", {"what": "Gewijzigd"}, content_type="application/json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 403


def test_outsider_and_other_coordinators(client, login, personas, area, plan):
    login(client, personas.outsider)
    assert client.get(BASE + "plannen/").status_code == 403
    login(client, area.far_coordinator)
    assert client.get(BASE + "plannen/").json()["results"] == []
    assert client.get(f"{BASE}plannen/{plan.pk}/").status_code == 404
    login(client, area.neighbour_coordinator)
    etag = client.get(f"{BASE}plannen/{plan.pk}/")["ETag"]
    response = client.patch(
        f"{BASE}plannen/{plan.pk}/", {"title": "X"}, content_type="application/json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 403


@time_machine.travel(date(2022, 6, 1), tick=False)
def test_coordinator_writes_plan_theme_activity_with_costs_and_status(client, login, personas, area):
    login(client, personas.coordinator)
    created = client.post(
        BASE + "plannen/",
        {"title": "Lokaal plan", "gemeente": "GM9401", "start_year": 2022, "end_year": 2025},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    plan = Plan.objects.get(pk=created.json()["id"])
    assert plan.organisation == area.municipality
    theme = client.post(BASE + "themas/", {"plan": plan.pk, "name": "Preventie"}, content_type="application/json")
    assert theme.status_code == 201
    activity = client.post(
        BASE + "activiteiten/",
        {
            "theme": theme.json()["id"],
            "what": "Training meldcode",
            "planning": "kwartaal",
            "start_year": 2022,
            "quarter": 2,
            "programmes": ["wet-verplichte-meldcode"],
            "costs": [
                {
                    "description": "Training",
                    "year": 2022,
                    "until_year": 2025,
                    "amount": "5000.00",
                    "funding_source": "jeugdhulpbudget",
                }
            ],
        },
        content_type="application/json",
    )
    assert activity.status_code == 201, activity.json()
    body = activity.json()
    assert (body["start_month"], body["end_month"], body["costs"][0]["amount"]) == (4, 6, "5000.00")
    url = f"{BASE}activiteiten/{body['id']}/"
    assert client.post(url + "status/", {"status": "gereed", "date": "2022-06-01"}).status_code == 428
    done = client.post(
        url + "status/", {"status": "gereed", "date": "2022-06-01"}, HTTP_IF_MATCH=f'"{body["version"]}"'
    )
    assert done.status_code == 200
    assert done.json()["done_on"] == "2022-06-01"
    assert [s["status"] for s in done.json()["status_history"]] == ["gepland", "gereed"]
    stale = client.patch(url, {"what": "Oud"}, content_type="application/json", HTTP_IF_MATCH=f'"{body["version"]}"')
    assert stale.status_code == 412


def test_plan_outside_the_area_is_refused(client, login, area):
    login(client, area.far_coordinator)
    response = client.post(
        BASE + "plannen/",
        {"title": "Lokaal plan", "gemeente": "GM9401", "start_year": 2022, "end_year": 2025},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Plan.objects.exists()


def test_invalid_planning_is_a_field_error(client, login, personas, plan):
    login(client, personas.coordinator)
    response = client.post(
        BASE + "activiteiten/",
        {
            "theme": plan.themes.get().pk,
            "what": "X",
            "start_year": 2022,
            "start_month": 5,
            "end_year": 2022,
            "end_month": 2,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "end_month" in response.json()
