"""Who sees a dossier: the owner, added colleagues and the organisation's aandachtsfunctionaris; nobody else.

Every page refuses the wrong persona (404 for a dossier one may not know exists, 403 for a page one's role may not
open), and every refusal is audited.
"""

import pytest
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(personas):
    return DossierFactory(owner=personas.professional)


def dossier_urls(dossier):
    person = dossier.persons.first()
    names = [
        "dossier_detail",
        "person_add",
        "signal_add",
        "kindcheck_add",
        "consultation_add",
        "conversation_add",
        "weighing_add",
        "assessment_add",
        "member_add",
        "close",
    ]
    urls = [("get", reverse(f"meldcode:{name}", args=[dossier.pk])) for name in names]
    urls += [("post", reverse(f"meldcode:{name}", args=[dossier.pk])) for name in names if name != "dossier_detail"]
    urls.append(("get", reverse("meldcode:person_edit", args=[dossier.pk, person.pk])))
    urls.append(("post", reverse("meldcode:support", args=[dossier.pk])))
    return urls


@pytest.mark.parametrize("persona", ["colleague", "outsider", "coordinator", "veiligthuis", "beheerder"])
def test_wrong_persona_gets_404_on_every_dossier_page(client, login, personas, dossier, persona):
    login(client, getattr(personas, persona))
    for method, url in dossier_urls(dossier):
        response = getattr(client, method)(url)
        assert response.status_code == 404, f"{persona} {method} {url}: {response.status_code}"
    assert AuditEntry.objects.filter(
        actor_id=getattr(personas, persona).pk, action="meldcode.dossier.viewed", outcome="refused"
    ).exists()


def test_anonymous_visitor_is_sent_to_login(client, dossier):
    for method, url in [
        *dossier_urls(dossier),
        ("get", reverse("meldcode:dossier_list")),
        ("get", reverse("meldcode:organisation_overview")),
        ("get", reverse("meldcode:dossier_create")),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("persona", ["coordinator", "veiligthuis", "beheerder"])
def test_roles_without_dossiers_are_refused_the_lists(client, login, personas, persona):
    login(client, getattr(personas, persona))
    for name in ("dossier_list", "dossier_create", "organisation_overview"):
        assert client.get(reverse(f"meldcode:{name}")).status_code == 403, name
    assert AuditEntry.objects.filter(action="meldcode.dossier.listed", outcome="refused").exists()


def test_professional_is_refused_the_organisation_overview(client, login, personas):
    login(client, personas.professional)
    assert client.get(reverse("meldcode:organisation_overview")).status_code == 403


def test_owner_member_and_aandachtsfunctionaris_see_the_dossier(client, login, personas, dossier):
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    for persona in ("professional", "colleague", "af"):
        login(client, getattr(personas, persona))
        assert client.get(reverse("meldcode:dossier_detail", args=[dossier.pk])).status_code == 200, persona


def test_visible_to_follows_the_same_rule(personas, dossier, acting):
    other = DossierFactory(owner=personas.outsider)
    for persona, expected in [
        ("professional", {dossier}),
        ("colleague", set()),
        ("af", {dossier}),
        ("outsider", {other}),
        ("coordinator", set()),
        ("veiligthuis", set()),
        ("beheerder", set()),
    ]:
        user = acting(getattr(personas, persona))
        assert set(Dossier.objects.visible_to(user)) == expected, persona


def test_aandachtsfunctionaris_reads_but_works_in_a_dossier_only_after_joining(client, login, personas, dossier):
    login(client, personas.af)
    url = reverse("meldcode:signal_add", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert AuditEntry.objects.filter(
        actor_id=personas.af.pk, action="meldcode.signal.added", outcome="refused"
    ).exists()
    page = client.get(reverse("meldcode:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Ondersteunen" in page
    assert client.post(reverse("meldcode:support", args=[dossier.pk])).status_code == 302
    assert dossier.members.filter(user=personas.af, kind="aandachtsfunctionaris").exists()
    assert client.get(url).status_code == 200


def test_only_the_owner_adds_colleagues(client, login, personas, dossier):
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    login(client, personas.colleague)
    assert client.get(reverse("meldcode:member_add", args=[dossier.pk])).status_code == 403
    login(client, personas.professional)
    response = client.post(reverse("meldcode:member_add", args=[dossier.pk]), {"user": personas.af.pk})
    assert response.status_code == 302
    assert dossier.members.filter(user=personas.af).exists()


def test_owner_cannot_add_someone_of_another_organisation(client, login, personas, dossier):
    login(client, personas.professional)
    response = client.post(reverse("meldcode:member_add", args=[dossier.pk]), {"user": personas.outsider.pk})
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert not dossier.members.exists()


def test_audit_entries_hold_no_personal_values(client, login, personas):
    login(client, personas.professional)
    client.post(
        reverse("meldcode:dossier_create"),
        {
            "local_reference_dossier": "LL-9",
            "concern": "partnergeweld",
            "kind": "volwassene",
            "name": "Testpersoon Geheim",
            "bsn": "123456782",
        },
    )
    dossier = Dossier.objects.get(local_reference="LL-9")
    client.get(reverse("meldcode:dossier_detail", args=[dossier.pk]))
    for entry in AuditEntry.objects.all():
        text = " ".join(str(v) for v in entry.__dict__.values())
        assert "Geheim" not in text and "123456782" not in text
