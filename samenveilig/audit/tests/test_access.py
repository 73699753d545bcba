"""Only the functioneel beheerder reviews the log; every other persona is refused, and the refusal is logged."""

import pytest

from samenveilig import audit
from samenveilig.audit.models import AuditEntry

OTHERS = ["professional", "colleague", "af", "outsider", "coordinator", "veiligthuis"]

PAGES = [
    ("/beheer/toegangslog/", "audit.log.searched"),
    ("/beheer/toegangslog/export.csv", "audit.log.exported"),
    ("/api/v1/audit/entries/", "audit.log.searched"),
]


@pytest.mark.parametrize("persona", OTHERS)
@pytest.mark.parametrize(("url", "action"), PAGES)
def test_other_personas_are_refused_and_the_refusal_is_logged(client, personas, login, persona, url, action):
    user = getattr(personas, persona)
    login(client, user)
    response = client.get(url, {"actor": "t_professional"})
    assert response.status_code == 403
    refusal = AuditEntry.objects.get(actor_id=user.pk, action=action)
    assert refusal.outcome == audit.REFUSED
    assert refusal.object_type == "audit.auditentry"
    assert refusal.organisation_id == user.memberships.get().organisation_id
    assert not AuditEntry.objects.filter(outcome=audit.ALLOWED, action__startswith="audit.log.").exists()


@pytest.mark.parametrize("url", ["/beheer/toegangslog/", "/beheer/toegangslog/export.csv"])
def test_anonymous_visitor_is_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_api_caller_is_refused(client, db):
    assert client.get("/api/v1/audit/entries/").status_code in (401, 403)


def test_beheerder_is_let_in(client, personas, login):
    login(client, personas.beheerder)
    for url, _action in PAGES:
        assert client.get(url).status_code == 200


def test_beheerder_acting_for_another_role_is_refused(client, personas, login):
    """The permission follows the membership acted for, not the person."""
    from samenveilig.accounts.roles import Role
    from samenveilig.accounts.tests.factories import MembershipFactory

    professional = personas.professional
    MembershipFactory(
        user=professional, organisation=personas.beheerder.memberships.get().organisation, role=Role.BEHEERDER
    )
    login(client, professional)
    school = professional.memberships.get(role=Role.PROFESSIONAL)
    client.post("/organisatie-wisselen/", {"membership": school.pk})
    assert client.get("/beheer/toegangslog/").status_code == 403
    beheer = professional.memberships.get(role=Role.BEHEERDER)
    client.post("/organisatie-wisselen/", {"membership": beheer.pk})
    assert client.get("/beheer/toegangslog/").status_code == 200
