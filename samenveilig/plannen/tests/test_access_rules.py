"""Who sees and changes a plan: the coordinators of its municipality edit; coordinators in the same region read;
partners named as "who" see only their activities; everyone else is refused. Every change is in the history."""

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.plannen.models import Activity, Plan
from samenveilig.plannen.services import version_of
from samenveilig.plannen.tests.factories import ActivityFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(area):
    plan = PlanFactory(gemeente=area.gemeente, organisation=area.municipality, title="Plan Proefdam")
    theme = ThemeFactory(plan=plan, name="Preventie")
    ActivityFactory(theme=theme, what="Voorlichting op scholen", organisations=[area.school])
    ActivityFactory(theme=theme, what="Campagne voor inwoners")
    return plan


def full_pages(plan):
    activity = Activity.objects.filter(theme__plan=plan).first()
    return [
        reverse("plannen:plan_timeline", args=[plan.pk]),
        reverse("plannen:plan_finance", args=[plan.pk]),
        reverse("plannen:plan_progress", args=[plan.pk]),
        reverse("plannen:plan_history", args=[plan.pk]),
        reverse("plannen:plan_pdf", args=[plan.pk]),
        reverse("plannen:plan_xlsx", args=[plan.pk]),
        reverse("plannen:activity_detail", args=[activity.pk]),
    ]


def edit_pages(plan):
    activity = Activity.objects.filter(theme__plan=plan).first()
    theme = plan.themes.first()
    return [
        reverse("plannen:plan_edit", args=[plan.pk]),
        reverse("plannen:plan_copy", args=[plan.pk]),
        reverse("plannen:plan_import", args=[plan.pk]),
        reverse("plannen:import_template", args=[plan.pk]),
        reverse("plannen:theme_create", args=[plan.pk]),
        reverse("plannen:theme_edit", args=[theme.pk]),
        reverse("plannen:activity_create", args=[plan.pk]),
        reverse("plannen:activity_edit", args=[activity.pk]),
        reverse("plannen:moment_create", args=[plan.pk]),
    ]


def test_coordinator_of_the_municipality_edits(client, login, personas, plan):
    login(client, personas.coordinator)
    for url in [reverse("plannen:plan_detail", args=[plan.pk]), *full_pages(plan), *edit_pages(plan)]:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("plannen:plan_detail", args=[plan.pk])).content.decode()
    assert "Voorlichting op scholen" in page and "Campagne voor inwoners" in page


def test_coordinator_in_the_same_region_reads_only(client, login, area, plan):
    login(client, area.neighbour_coordinator)
    assert client.get(reverse("plannen:plan_list")).content.decode().count("Plan Proefdam") == 1
    for url in [reverse("plannen:plan_detail", args=[plan.pk]), *full_pages(plan)]:
        assert client.get(url).status_code == 200, url
    for url in edit_pages(plan):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Overschreven"}).status_code == 403, url
    plan.refresh_from_db()
    assert plan.title == "Plan Proefdam"
    assert AuditEntry.objects.filter(action="plannen.plan.updated", outcome="refused").exists()


def test_coordinator_elsewhere_is_refused(client, login, area, plan):
    login(client, area.far_coordinator)
    assert "Plan Proefdam" not in client.get(reverse("plannen:plan_list")).content.decode()
    for url in [reverse("plannen:plan_detail", args=[plan.pk]), *full_pages(plan), *edit_pages(plan)]:
        assert client.get(url).status_code == 404, url


def test_partner_named_as_who_sees_only_their_activities(client, login, personas, plan):
    login(client, personas.professional)  # works at the school, which is named in one activity
    assert client.get(reverse("plannen:plan_list")).status_code == 200
    page = client.get(reverse("plannen:plan_detail", args=[plan.pk])).content.decode()
    assert "Voorlichting op scholen" in page
    assert "Campagne voor inwoners" not in page
    named = Activity.objects.get(what="Voorlichting op scholen")
    other = Activity.objects.get(what="Campagne voor inwoners")
    assert client.get(reverse("plannen:activity_detail", args=[named.pk])).status_code == 200
    assert client.get(reverse("plannen:activity_detail", args=[other.pk])).status_code == 403
    for url in [reverse("plannen:plan_finance", args=[plan.pk]), reverse("plannen:plan_pdf", args=[plan.pk])]:
        assert client.get(url).status_code == 403, url


def test_professional_not_named_cannot_see_or_change_the_plan(client, login, personas, plan):
    login(client, personas.outsider)
    assert client.get(reverse("plannen:plan_list")).status_code == 403
    activity = Activity.objects.get(what="Campagne voor inwoners")
    response = client.post(
        reverse("plannen:activity_status", args=[activity.pk]),
        {"status": "gereed", "on": "2022-03-01", "version": version_of(activity)},
    )
    assert response.status_code == 404
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED
    assert AuditEntry.objects.filter(action="plannen.activity.status_changed", outcome="refused").exists()


def test_named_partner_cannot_change_their_activity(client, login, personas, plan):
    login(client, personas.professional)
    activity = Activity.objects.get(what="Voorlichting op scholen")
    response = client.post(
        reverse("plannen:activity_status", args=[activity.pk]),
        {"status": "gereed", "on": "2022-03-01", "version": version_of(activity)},
    )
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED


@pytest.mark.parametrize("persona", ["veiligthuis", "beheerder", "af", "colleague"])
def test_other_personas_are_refused(client, login, personas, plan, persona):
    login(client, getattr(personas, persona))
    if persona in ("af", "colleague"):  # the school is named in one activity: they see that one
        assert client.get(reverse("plannen:plan_detail", args=[plan.pk])).status_code == 200
        assert client.get(reverse("plannen:plan_finance", args=[plan.pk])).status_code == 403
    else:
        assert client.get(reverse("plannen:plan_list")).status_code == 403
        assert client.get(reverse("plannen:plan_detail", args=[plan.pk])).status_code == 404
    for url in edit_pages(plan):
        assert client.get(url).status_code in (403, 404), url


def test_regional_plan_is_kept_by_a_coordinator_working_in_every_municipality(client, login, personas, area):
    plan = Plan.objects.create(
        title="Regioplan", regio=area.regio, organisation=area.municipality, start_year=2022, end_year=2025
    )
    login(client, personas.coordinator)  # works in Proefdam only: reads the regional plan
    assert client.get(reverse("plannen:plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("plannen:plan_edit", args=[plan.pk])).status_code == 403
    area.municipality.gemeenten.add(area.neighbour)  # now in the whole region: keeps it
    assert client.get(reverse("plannen:plan_edit", args=[plan.pk])).status_code == 200


def test_every_change_appears_in_the_history(client, login, personas, plan):
    login(client, personas.coordinator)
    activity = Activity.objects.get(what="Campagne voor inwoners")
    response = client.post(
        reverse("plannen:activity_status", args=[activity.pk]),
        {"status": "loopt", "on": "2022-03-01", "version": version_of(activity)},
    )
    assert response.status_code == 302
    record = activity.history.order_by("-history_date").first()
    assert record.history_user == personas.coordinator
    assert record.status == "loopt"
    page = client.get(reverse("plannen:plan_history", args=[plan.pk])).content.decode()
    assert "Campagne voor inwoners" in page
    assert str(personas.coordinator) in page
    assert AuditEntry.objects.filter(action="plannen.activity.status_changed", outcome="allowed").exists()


def test_menu_item_for_coordinators_only(client, login, personas, plan):
    login(client, personas.coordinator)
    assert 'href="/plannen/"' in client.get("/").content.decode()
    login(client, personas.professional)  # named in an activity: reaches the list by its address, not the menu
    assert 'href="/plannen/"' not in client.get("/").content.decode()
    assert client.get(reverse("plannen:plan_list")).status_code == 200
