"""Follow-ups with due dates: planned by hand or after the outcome "hulp", done by hand or by a re-assessment, and
listed by ``open_followups(user)`` for the home page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode import followups
from samenveilig.meldcode.models import Assessment, FollowUp
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def assess(dossier, user, outcome):
    return Assessment.objects.create(
        dossier=dossier,
        step=5,
        answer_1="ja",
        reason_1="r",
        answer_2="nee",
        reason_2="r",
        outcome=outcome,
        created_by=user,
    )


@time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False)
def test_outcome_help_plans_a_check_and_a_reassessment_completes_it(personas, settings):
    settings.SAMENVEILIG_MELDCODE_FOLLOWUP_DAYS = 42
    dossier = DossierFactory(owner=personas.professional)
    assess(dossier, personas.professional, "hulp")
    followup = FollowUp.objects.get(dossier=dossier)
    assert followup.kind == "hulp_controleren" and followup.due_on == TODAY + dt.timedelta(days=42)
    assess(dossier, personas.professional, "melden")
    followup.refresh_from_db()
    assert followup.done_at is not None and followup.done_by == personas.professional
    assert FollowUp.objects.filter(dossier=dossier, done_at__isnull=True).count() == 0


def test_open_followups_lists_what_is_due_soon_or_overdue_for_the_user(personas, acting):
    own = DossierFactory(owner=personas.professional)
    shared = DossierFactory(owner=personas.colleague)
    MemberFactory(dossier=shared, user=personas.professional, added_by=personas.colleague)
    other = DossierFactory(owner=personas.colleague)
    overdue = FollowUp.objects.create(dossier=own, kind="hulp_controleren", due_on=TODAY - dt.timedelta(days=3))
    soon = FollowUp.objects.create(dossier=shared, kind="overig", due_on=TODAY + dt.timedelta(days=5))
    FollowUp.objects.create(dossier=own, kind="overig", due_on=TODAY + dt.timedelta(days=30))  # not yet
    FollowUp.objects.create(dossier=other, kind="overig", due_on=TODAY)  # not theirs
    FollowUp.objects.create(dossier=own, kind="overig", due_on=TODAY, done_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    user = acting(personas.professional)
    assert list(followups.open_followups(user, today=TODAY)) == [overdue, soon]
    assert overdue.is_overdue(TODAY) and not soon.is_overdue(TODAY)
    # The aandachtsfunctionaris sees every dossier, but only their own follow-ups are theirs.
    assert list(followups.open_followups(acting(personas.af), today=TODAY)) == []


def test_owner_plans_and_completes_a_followup_on_the_page(client, login, personas):
    dossier = DossierFactory(owner=personas.professional)
    login(client, personas.professional)
    bad = client.post(
        reverse("meldcode:followup_add", args=[dossier.pk]), {"kind": "hulp_controleren", "due_on": "2000-01-01"}
    )
    assert "due_on" in bad.context["form"].errors
    assert bad.context["form"]["kind"].value() == "hulp_controleren"
    due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    response = client.post(
        reverse("meldcode:followup_add", args=[dossier.pk]), {"kind": "hulp_controleren", "due_on": due}
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get(dossier=dossier)
    assert client.get(reverse("meldcode:followups", args=[dossier.pk])).status_code == 200
    client.post(reverse("meldcode:followup_done", args=[dossier.pk, followup.pk]))
    followup.refresh_from_db()
    assert followup.done_by == personas.professional
    assert AuditEntry.objects.filter(action="meldcode.followup.done", object_id=str(followup.pk)).exists()


@pytest.mark.parametrize("persona", ["af", "colleague", "outsider", "coordinator", "veiligthuis"])
def test_others_cannot_plan_or_complete(client, login, personas, persona):
    dossier = DossierFactory(owner=personas.professional)
    followup = FollowUp.objects.create(dossier=dossier, kind="overig", due_on=TODAY)
    login(client, getattr(personas, persona))
    expected = 403 if persona == "af" else 404
    assert client.get(reverse("meldcode:followup_add", args=[dossier.pk])).status_code == expected
    assert client.get(reverse("meldcode:followups", args=[dossier.pk])).status_code == expected
    assert client.post(reverse("meldcode:followup_done", args=[dossier.pk, followup.pk])).status_code == expected
    followup.refresh_from_db()
    assert followup.done_at is None
