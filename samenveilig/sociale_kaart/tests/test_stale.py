"""Stale entries: the list for coordinators and aandachtsfunctionarissen, and the reminders to their owners."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from samenveilig.accounts.models import Organisation
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.audit.models import AuditEntry
from samenveilig.core import jobs
from samenveilig.notifications.models import Notification
from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart.jobs import REMINDER_KIND, recipients_for_stale_items
from samenveilig.sociale_kaart.tests.factories import OrganisationEntryFactory, ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)
NOW = datetime(2025, 6, 2, 3, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
LONG_AGO = TODAY - timedelta(days=400)
RECENTLY = TODAY - timedelta(days=10)
JOB = "sociale_kaart.stale_reminders"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def gemeenten():
    woerden, utrecht = Gemeente.objects.filter(year=2024, name__in=["Woerden", "Utrecht"]).order_by("name")
    return {
        "utrecht": woerden if woerden.name == "Utrecht" else utrecht,
        "woerden": utrecht if woerden.name == "Utrecht" else woerden,
    }


@pytest.fixture
def kaart(personas, gemeenten):
    """The school (with its af) and the youth work (no af) in Woerden; the municipality coordinates Woerden."""
    orgs = {org.name: org for org in Organisation.objects.all()}
    school, youth = orgs["Testschool De Linde"], orgs["Testjongerenwerk"]
    municipality, vt = orgs["Testgemeente"], orgs["Veilig Thuis Testregio"]
    for org in (school, youth, municipality):
        org.gemeenten.set([gemeenten["woerden"]])
    # Fresh entries for the organisations that are not under test.
    OrganisationEntryFactory(organisation=municipality, last_verified=RECENTLY)
    OrganisationEntryFactory(organisation=vt, last_verified=RECENTLY)
    items = {
        "school_entry": OrganisationEntryFactory(organisation=school, last_verified=LONG_AGO, owner=personas.af),
        "school_service": ServiceFactory(organisation=school, name="Oudercursus", last_verified=None, owner=None),
        "school_fresh": ServiceFactory(organisation=school, name="Huiswerkklas", last_verified=RECENTLY),
        "youth_entry": OrganisationEntryFactory(organisation=youth, last_verified=LONG_AGO, owner=None),
        "youth_service": ServiceFactory(
            organisation=youth, name="Meidengroep", last_verified=LONG_AGO, owner=personas.outsider
        ),
        "inactive": ServiceFactory(organisation=youth, name="Gestopt", last_verified=None, is_active=False),
    }
    return {"school": school, "youth": youth, "municipality": municipality, "vt": vt, **items}


def names(response):
    return [row["row_name"] for row in response.context["page"].object_list]


# --- the list ------------------------------------------------------------------------------------------------------


def test_coordinator_sees_every_stale_item_never_verified_first(client, login, personas, kaart):
    login(client, personas.coordinator)
    response = client.get(reverse("sociale_kaart:stale_list"))
    assert response.status_code == 200
    # Never verified first, then the oldest; within a date by organisation, its entry before its services.
    assert names(response) == ["Oudercursus", "Testjongerenwerk", "Meidengroep", "Testschool De Linde"]
    page = response.content.decode()
    assert "Huiswerkklas" not in page and "Gestopt" not in page
    assert str(personas.af) in page  # the owner
    assert "400 dagen" in page
    assert reverse("sociale_kaart:service_edit", args=[kaart["school_service"].pk]) in page
    assert reverse("sociale_kaart:entry_edit", args=[kaart["school"].pk]) in page
    assert AuditEntry.objects.filter(action="sociale_kaart.stale.listed", outcome="allowed").exists()


def test_an_organisation_without_any_entry_is_stale(client, login, personas, kaart):
    OrganisationFactory(name="Nieuwe opvang")
    login(client, personas.coordinator)
    assert "Nieuwe opvang" in names(client.get(reverse("sociale_kaart:stale_list")))


def test_coordinator_filters_by_municipality(client, login, personas, kaart, gemeenten):
    other = OrganisationFactory(name="Utrechtse hulp")
    other.gemeenten.set([gemeenten["utrecht"]])
    ServiceFactory(
        organisation=kaart["school"], name="Ook in Utrecht", last_verified=None, gemeenten=[gemeenten["utrecht"]]
    )
    login(client, personas.coordinator)
    url = reverse("sociale_kaart:stale_list")
    in_utrecht = names(client.get(url, {"gemeente": gemeenten["utrecht"].pk}))
    assert sorted(in_utrecht) == ["Ook in Utrecht", "Utrechtse hulp"]
    in_woerden = names(client.get(url, {"gemeente": gemeenten["woerden"].pk}))
    assert "Utrechtse hulp" not in in_woerden and "Testschool De Linde" in in_woerden


def test_an_unknown_municipality_is_an_error_at_the_field_and_kept(client, login, personas, kaart):
    login(client, personas.coordinator)
    response = client.get(reverse("sociale_kaart:stale_list"), {"gemeente": "999999"})
    assert response.status_code == 200
    assert response.context["form"].errors["gemeente"]
    assert 'id="id_gemeente_error"' in response.content.decode()


def test_aandachtsfunctionaris_sees_only_own_organisation(client, login, personas, kaart):
    login(client, personas.af)
    response = client.get(reverse("sociale_kaart:stale_list"))
    assert response.status_code == 200
    assert names(response) == ["Oudercursus", "Testschool De Linde"]
    assert response.context["form"] is None


@pytest.mark.parametrize("persona", ["professional", "outsider", "veiligthuis", "beheerder"])
def test_other_roles_are_refused_the_stale_list(client, login, personas, kaart, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("sociale_kaart:stale_list")).status_code == 403
    assert AuditEntry.objects.filter(action="sociale_kaart.stale.listed", outcome="refused").exists()


def test_the_list_has_no_n_plus_one(client, login, personas, kaart, django_assert_max_num_queries):
    for n in range(40):
        owner = MembershipFactory(organisation=kaart["youth"], role=Role.AANDACHTSFUNCTIONARIS).user
        ServiceFactory(organisation=kaart["youth"], name=f"Dienst {n:02}", last_verified=LONG_AGO, owner=owner)
    login(client, personas.coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("sociale_kaart:stale_list"))
    assert len(response.context["page"].object_list) == 44


# --- reminders -----------------------------------------------------------------------------------------------------


def reminders_of(user):
    return list(Notification.objects.filter(recipient=user, kind=REMINDER_KIND))


def test_each_owner_gets_one_reminder_with_the_count(personas, kaart, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = jobs.run_job(JOB, NOW)
    assert run.outcome == "succeeded", run.error
    # The school's af: their own entry, plus the service without owner (the organisation's af).
    (af_reminder,) = reminders_of(personas.af)
    assert af_reminder.body.startswith("2 onderdelen in de sociale kaart")
    assert af_reminder.url == reverse("sociale_kaart:stale_list")
    assert af_reminder.organisation == kaart["school"]
    # The youth work has no af: its entry and the service whose owner (a professional) may not edit it go to the
    # coordinator of Woerden.
    (coordinator_reminder,) = reminders_of(personas.coordinator)
    assert coordinator_reminder.body.startswith("2 onderdelen")
    assert coordinator_reminder.organisation == kaart["municipality"]
    assert reminders_of(personas.outsider) == []
    assert reminders_of(personas.professional) == []
    # In the app and by e-mail: one mail per reminder.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([personas.af.email, personas.coordinator.email])
    assert "2 onderdelen" in mail.outbox[0].body
    assert run.summary.startswith("2 reminders sent")


def test_a_rerun_the_same_day_sends_nothing(personas, kaart):
    jobs.run_job(JOB, NOW)
    run = jobs.run_job(JOB, NOW + timedelta(hours=2), force=True)
    assert run.summary.startswith("0 reminders sent, 2 already reminded")
    assert Notification.objects.filter(kind=REMINDER_KIND).count() == 2


def test_owners_are_reminded_again_after_the_reminder_period(personas, kaart, settings, time_machine):
    settings.SAMENVEILIG_KAART_REMINDER_DAYS = 30
    jobs.run_job(JOB, NOW)
    later = NOW + timedelta(days=29)
    time_machine.move_to(later, tick=False)
    jobs.run_due_jobs(later)
    assert Notification.objects.filter(kind=REMINDER_KIND).count() == 2
    later = NOW + timedelta(days=30)
    time_machine.move_to(later, tick=False)
    jobs.run_due_jobs(later)
    assert Notification.objects.filter(kind=REMINDER_KIND).count() == 4


def test_fresh_items_bring_no_reminder(personas, kaart):
    for key in ("school_entry", "school_service", "youth_entry", "youth_service"):
        item = kaart[key]
        item.last_verified = RECENTLY
        item.save()
    jobs.run_job(JOB, NOW)
    assert not Notification.objects.filter(kind=REMINDER_KIND).exists()


def test_a_coordinator_who_owns_an_item_is_reminded_as_owner(personas, kaart):
    kaart["youth_entry"].owner = personas.coordinator
    kaart["youth_entry"].save()
    other_coordinator = MembershipFactory(
        user=UserFactory(username="t_coordinator2"), organisation=kaart["municipality"], role=Role.COORDINATOR
    ).user
    reminders, _ = recipients_for_stale_items(TODAY)
    assert reminders[personas.coordinator.pk]["count"] == 2
    # The other coordinator of Woerden gets the service without a valid owner, not the owned entry.
    assert reminders[other_coordinator.pk]["count"] == 1


def test_an_owner_who_left_is_replaced_by_the_organisations_af(personas, kaart):
    membership = personas.af.memberships.get()
    membership.is_active = False
    membership.save()
    new_af = MembershipFactory(organisation=kaart["school"], role=Role.AANDACHTSFUNCTIONARIS).user
    reminders, _ = recipients_for_stale_items(TODAY)
    assert personas.af.pk not in reminders
    assert reminders[new_af.pk]["count"] == 2


def test_items_nobody_can_be_reminded_of_are_counted(personas, kaart):
    kaart["vt"].kaart.last_verified = LONG_AGO  # no af, no municipality
    kaart["vt"].kaart.save()
    _reminders, unassigned = recipients_for_stale_items(TODAY)
    assert unassigned == 1
    run = jobs.run_job(JOB, NOW)
    assert run.summary.endswith("1 stale items without anyone to remind")
