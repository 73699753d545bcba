"""The functioneel beheerder manages accounts, memberships and organisations; every other role is refused."""

import pytest

from samenveilig.accounts.models import ApiToken, Membership, Organisation, User
from samenveilig.accounts.roles import Role
from samenveilig.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

OTHER_PERSONAS = ["professional", "colleague", "af", "outsider", "coordinator", "veiligthuis"]


def beheer_urls(personas):
    membership = Membership.objects.filter(user=personas.professional).first()
    organisation = membership.organisation
    return [
        ("get", "/beheer/gebruikers/"),
        ("get", "/beheer/gebruikers/nieuw/"),
        ("get", f"/beheer/gebruikers/{personas.professional.pk}/"),
        ("post", f"/beheer/gebruikers/{personas.professional.pk}/deactiveren/"),
        ("post", f"/beheer/lidmaatschappen/{membership.pk}/beeindigen/"),
        ("get", "/beheer/organisaties/nieuw/"),
        ("get", f"/beheer/organisaties/{organisation.pk}/bewerken/"),
    ]


@pytest.mark.parametrize("persona", OTHER_PERSONAS)
def test_other_roles_are_refused_and_the_refusal_is_logged(client, personas, login, persona):
    login(client, getattr(personas, persona))
    for method, url in beheer_urls(personas):
        before = AuditEntry.objects.filter(outcome="refused").count()
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
        assert AuditEntry.objects.filter(outcome="refused").count() == before + 1, url
    assert User.objects.get(pk=personas.professional.pk).is_active
    assert Membership.objects.filter(user=personas.professional, is_active=True).exists()


def test_beheerder_creates_a_user_who_gets_a_password_mail(
    client, personas, login, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, personas.beheerder)
    school = Organisation.objects.get(name="Testschool De Linde")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/beheer/gebruikers/nieuw/",
            {
                "username": "nieuwe_collega",
                "first_name": "Nina",
                "last_name": "Nieuw",
                "email": "nina@example.invalid",
                "phone": "",
                "job_title": "Leerkracht",
                "organisation": school.pk,
                "role": Role.PROFESSIONAL,
            },
        )
    user = User.objects.get(username="nieuwe_collega")
    assert response.status_code == 302
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=school, role=Role.PROFESSIONAL).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nina@example.invalid"]
    assert AuditEntry.objects.filter(action="accounts.user.created", object_id=str(user.pk)).exists()


def test_invalid_new_user_keeps_the_input_and_says_what_is_wrong(client, personas, login):
    login(client, personas.beheerder)
    response = client.post(
        "/beheer/gebruikers/nieuw/",
        {
            "username": "iemand",
            "first_name": "Ilse",
            "last_name": "",
            "email": personas.professional.email,
            "organisation": "",
            "role": Role.PROFESSIONAL,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ilse"' in html
    assert "Er is al een account met dit e-mailadres." in html
    assert not User.objects.filter(username="iemand").exists()


def test_beheerder_adds_and_ends_a_membership_and_its_tokens_stop(client, personas, login):
    login(client, personas.beheerder)
    youth = Organisation.objects.get(name="Testjongerenwerk")
    client.post(
        f"/beheer/gebruikers/{personas.professional.pk}/", {"organisation": youth.pk, "role": Role.PROFESSIONAL}
    )
    membership = Membership.objects.get(user=personas.professional, organisation=youth)
    token, _key = ApiToken.generate(user=personas.professional, membership=membership, name="t")

    client.post(f"/beheer/lidmaatschappen/{membership.pk}/beeindigen/")

    membership.refresh_from_db()
    token.refresh_from_db()
    assert not membership.is_active
    assert token.revoked is not None


def test_beheerder_deactivates_an_account_but_not_their_own(client, personas, login):
    login(client, personas.beheerder)
    assert client.post(f"/beheer/gebruikers/{personas.beheerder.pk}/deactiveren/").status_code == 403
    client.post(f"/beheer/gebruikers/{personas.outsider.pk}/deactiveren/")
    assert not User.objects.get(pk=personas.outsider.pk).is_active
    assert User.objects.get(pk=personas.beheerder.pk).is_active


def test_beheerder_creates_an_organisation(client, personas, login):
    login(client, personas.beheerder)
    response = client.post(
        "/beheer/organisaties/nieuw/", {"name": "Huisartsenpraktijk Test", "sector": "huisarts", "is_active": "on"}
    )
    organisation = Organisation.objects.get(name="Huisartsenpraktijk Test")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.organisation.created", object_id=str(organisation.pk)).exists()


def test_user_list_has_no_n_plus_one(client, personas, login, django_assert_max_num_queries):
    login(client, personas.beheerder)
    with django_assert_max_num_queries(20):
        response = client.get("/beheer/gebruikers/")
    assert response.status_code == 200
    assert personas.professional.username in response.content.decode()
