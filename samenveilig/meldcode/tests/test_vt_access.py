"""Veilig Thuis sees only what was sent to it; nobody else sees the inbox; what was sent follows the dossier's rules."""

import pytest
from django.urls import reverse

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode import services_vt
from samenveilig.meldcode.models_vt import Melding
from samenveilig.meldcode.tests.test_vt_support import ready_dossier, send, token_for
from samenveilig.regio.models import Gemeente, Regio

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(personas):
    dossier, _first, _second = ready_dossier(personas.professional)
    return send(personas.professional, dossier)


@pytest.fixture
def other_vt_worker(personas):
    other = OrganisationFactory(name="Veilig Thuis Andere Regio", sector=Sector.VEILIG_THUIS)
    return MembershipFactory(user=UserFactory(username="t_vt_elders"), organisation=other, role=Role.VEILIG_THUIS).user


def _inbox_pages(melding):
    return [
        reverse("meldcode:inbox_detail", args=[melding.pk]),
        reverse("meldcode:inbox_pdf", args=[melding.pk]),
        reverse("meldcode:update_status", args=[melding.pk]),
        reverse("meldcode:return_to_sender", args=[melding.pk]),
        reverse("meldcode:forward", args=[melding.pk]),
    ]


def test_veilig_thuis_of_another_region_sees_nothing(client, login, sent, other_vt_worker):
    login(client, other_vt_worker)
    assert f"#{sent.pk}" not in client.get(reverse("meldcode:inbox")).content.decode()
    for url in _inbox_pages(sent):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("meldcode:acknowledge", args=[sent.pk])).status_code == 404
    auth = token_for(other_vt_worker)
    assert client.get("/api/v1/meldcode/vt-inbox/", **auth).json()["results"] == []
    assert client.get(f"/api/v1/meldcode/vt-inbox/{sent.pk}/", **auth).status_code == 404
    response = client.post(
        f"/api/v1/meldcode/vt-inbox/{sent.pk}/acknowledge/", {}, content_type="application/json", **auth
    )
    assert response.status_code == 404
    assert Melding.objects.get().status == "verzonden"
    assert AuditEntry.objects.filter(action="meldcode.melding.viewed", outcome="refused").exists()


@pytest.mark.parametrize("persona", ["professional", "outsider", "coordinator", "af", "beheerder"])
def test_others_are_refused_the_inbox(client, login, personas, sent, persona):
    user = getattr(personas, persona)
    login(client, user)
    assert client.get(reverse("meldcode:inbox")).status_code == 403
    for url in _inbox_pages(sent):
        assert client.get(url).status_code == 404, url
    auth = token_for(user)
    assert client.get("/api/v1/meldcode/vt-inbox/", **auth).status_code == 403
    assert client.get(f"/api/v1/meldcode/vt-inbox/{sent.pk}/", **auth).status_code == 403
    status = client.post(f"/api/v1/meldcode/vt-inbox/{sent.pk}/status/", {}, content_type="application/json", **auth)
    assert status.status_code == 403


def test_anonymous_visitor_is_refused(client, sent):
    assert client.get(reverse("meldcode:inbox")).status_code == 302
    assert client.get(f"/api/v1/meldcode/vt-inbox/{sent.pk}/").status_code in (401, 403)
    assert client.get(f"/api/v1/meldcode/dossiers/{sent.dossier_id}/meldingen/").status_code in (401, 403)


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "veiligthuis", "colleague", "beheerder"])
def test_only_who_sees_the_dossier_sees_what_was_sent(client, login, personas, sent, persona):
    user = getattr(personas, persona)
    login(client, user)
    dossier = sent.dossier_id
    for url in (
        reverse("meldcode:compose", args=[dossier]),
        reverse("meldcode:sent_detail", args=[dossier, sent.pk]),
        reverse("meldcode:sent_pdf", args=[dossier, sent.pk]),
        reverse("meldcode:addendum", args=[dossier, sent.pk]),
        reverse("meldcode:withdraw", args=[dossier, sent.pk]),
    ):
        assert client.get(url).status_code in (403, 404), url
    auth = token_for(user)
    assert client.get(f"/api/v1/meldcode/dossiers/{dossier}/meldingen/", **auth).status_code in (403, 404)
    assert client.get(f"/api/v1/meldcode/dossiers/{dossier}/meldingen/{sent.pk}/", **auth).status_code in (403, 404)


def test_the_aandachtsfunctionaris_reads_but_does_not_withdraw(client, login, personas, sent):
    login(client, personas.af)
    assert client.get(reverse("meldcode:sent_detail", args=[sent.dossier_id, sent.pk])).status_code == 200
    assert client.get(reverse("meldcode:sent_pdf", args=[sent.dossier_id, sent.pk])).status_code == 200
    assert client.get(reverse("meldcode:withdraw", args=[sent.dossier_id, sent.pk])).status_code == 403


def test_veilig_thuis_is_found_through_the_municipalities(personas):
    school = Organisation.objects.get(name="Testschool De Linde")
    woerden, utrecht, amsterdam = (Gemeente.objects.get(code=c, year=2024) for c in ("GM0632", "GM0344", "GM0363"))
    region = Regio.objects.create(name="VT-regio Test", kind=Regio.Kind.VEILIG_THUIS)
    region.gemeenten.set([woerden, utrecht])
    ours = Organisation.objects.get(name="Veilig Thuis Testregio")
    ours.gemeenten.set([utrecht])  # serves Woerden through the region
    elsewhere = OrganisationFactory(name="Veilig Thuis Amsterdam (test)", sector=Sector.VEILIG_THUIS)
    elsewhere.gemeenten.set([amsterdam])
    school.gemeenten.set([woerden])
    assert services_vt.veilig_thuis_for(school) == [ours]
    school.gemeenten.set([woerden, amsterdam])
    assert services_vt.veilig_thuis_for(school) == [elsewhere, ours]
    school.gemeenten.clear()
    assert services_vt.veilig_thuis_for(school) == []  # two exist, none linked: the professional is told to call
