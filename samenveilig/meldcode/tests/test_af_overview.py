"""The aandachtsfunctionaris' overview: open dossiers by step with idle days, owner and members; filters; support
from the list. Coordinators see suppressed counts only, on their own page. Every other persona is refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import Dossier, DossierMember
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory

pytestmark = pytest.mark.django_db
OVERVIEW = "meldcode:organisation_overview"


def idle(dossier, days):
    Dossier.objects.filter(pk=dossier.pk).update(last_activity=timezone.now() - timedelta(days=days))


def test_af_sees_counts_per_step_owner_members_and_idle_days(client, login, personas, django_assert_max_num_queries):
    for _ in range(5):
        dossier = DossierFactory(owner=personas.professional)
        MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    DossierFactory(owner=personas.colleague, step=3)
    DossierFactory(owner=personas.colleague, closed=True)
    DossierFactory(owner=personas.outsider)
    login(client, personas.af)
    # The counts, the page of dossiers, their members, the audit entry: however many dossiers there are.
    with django_assert_max_num_queries(16):
        response = client.get(reverse(OVERVIEW))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.total == 6
    assert [item["count"] for item in overview.step_counts] == [5, 0, 1, 0, 0]
    html = response.content.decode()
    assert str(personas.colleague) in html and str(personas.professional) in html
    assert "Dagen zonder activiteit" in html
    assert AuditEntry.objects.filter(actor_id=personas.af.pk, action="meldcode.dossier.overview_listed").exists()


def test_af_filters_by_step_and_by_idle_longer_than_the_term(client, login, personas, settings):
    settings.SAMENVEILIG_MELDCODE_IDLE_DAYS = 14
    quiet = DossierFactory(owner=personas.professional, step=2)
    idle(quiet, 20)
    busy = DossierFactory(owner=personas.professional, step=2)
    first = DossierFactory(owner=personas.professional, step=1)
    login(client, personas.af)
    by_step = client.get(reverse(OVERVIEW), {"stap": 2}).context["dossiers"]
    assert {d.pk for d in by_step} == {quiet.pk, busy.pk}
    idle_only = client.get(reverse(OVERVIEW), {"stil": "on"})
    assert [d.pk for d in idle_only.context["dossiers"]] == [quiet.pk]
    assert idle_only.context["overview"].idle_count == 1
    assert first.pk not in [d.pk for d in idle_only.context["dossiers"]]


def test_af_adds_themselves_from_the_overview(client, login, personas):
    dossier = DossierFactory(owner=personas.professional)
    login(client, personas.af)
    page = client.get(reverse(OVERVIEW)).content.decode()
    support_url = reverse("meldcode:support", args=[dossier.pk])
    assert support_url in page
    response = client.post(support_url)
    assert response.status_code == 302
    assert DossierMember.objects.filter(dossier=dossier, user=personas.af, kind="aandachtsfunctionaris").exists()
    assert support_url not in client.get(reverse(OVERVIEW)).content.decode()


@pytest.mark.parametrize("persona", ["professional", "outsider", "coordinator", "veiligthuis", "beheerder"])
def test_other_personas_are_refused_the_overview(client, login, personas, persona):
    DossierFactory(owner=personas.professional)
    login(client, getattr(personas, persona))
    assert client.get(reverse(OVERVIEW)).status_code == 403


def test_anonymous_visitor_is_sent_to_login_from_the_new_pages(client, personas):
    dossier = DossierFactory(owner=personas.professional)
    urls = [
        reverse(OVERVIEW),
        reverse("meldcode:counts"),
        reverse("meldcode:transfer_create"),
        reverse("meldcode:transfer_overview"),
        reverse("meldcode:transfers"),
        reverse("meldcode:followups", args=[dossier.pk]),
        reverse("meldcode:followup_add", args=[dossier.pk]),
        reverse("meldcode:changelog", args=[dossier.pk]),
        reverse("meldcode:export_pdf", args=[dossier.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


# --- the coordinator's counts --------------------------------------------------------------------------------------


def test_coordinator_sees_counts_with_small_numbers_suppressed(client, login, personas):
    for _ in range(6):
        DossierFactory(owner=personas.professional)  # step 1: 6
    for _ in range(2):
        DossierFactory(owner=personas.professional, step=2)  # step 2: 2 -> "< 5"
    DossierFactory(owner=personas.outsider, local_reference="GEHEIM-1")
    login(client, personas.coordinator)
    response = client.get(reverse("meldcode:counts"))
    assert response.status_code == 200
    rows = {row["organisation"]: row["cells"] for row in response.context["rows"]}
    assert rows["Testschool De Linde"] == ["6", "< 5", "< 5", "< 5", "< 5"]
    assert rows["Testjongerenwerk"] == ["< 5"] * 5
    html = response.content.decode()
    assert "GEHEIM-1" not in html and "LL-" not in html
    assert str(personas.professional) not in html
    assert AuditEntry.objects.filter(actor_id=personas.coordinator.pk, action="meldcode.dossier.counts_viewed").exists()


@pytest.mark.parametrize("persona", ["professional", "af", "outsider", "veiligthuis", "beheerder"])
def test_only_coordinators_see_the_counts(client, login, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("meldcode:counts")).status_code == 403


def test_coordinator_still_gets_no_dossier(client, login, personas):
    dossier = DossierFactory(owner=personas.professional)
    login(client, personas.coordinator)
    for name in ("dossier_detail", "changelog", "export_pdf", "followups"):
        assert client.get(reverse(f"meldcode:{name}", args=[dossier.pk])).status_code == 404
