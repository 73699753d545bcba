"""Every write (and every opened change form) in the Django admin leaves an audit entry with identifiers only."""

import pytest
from django.contrib.admin.models import LogEntry

from samenveilig.accounts.models import Membership, Organisation, Sector, User
from samenveilig.accounts.roles import Role
from samenveilig.audit.models import AuditEntry


@pytest.fixture
def admin_client(client, superuser, login):
    return login(client, superuser)


def _entries(superuser, action):
    return AuditEntry.objects.filter(actor_id=superuser.pk, action=action)


def test_opening_a_user_is_audited(admin_client, superuser, personas):
    response = admin_client.get(f"/django-admin/accounts/user/{personas.professional.pk}/change/")
    assert response.status_code == 200
    assert b'name="phone"' in response.content and b'name="job_title"' in response.content
    (entry,) = _entries(superuser, "accounts.user.admin_viewed")
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(personas.professional.pk))


def test_changing_a_user_is_audited_without_personal_values(admin_client, superuser, personas):
    user = personas.professional
    url = f"/django-admin/accounts/user/{user.pk}/change/"
    data = {
        "username": user.username,
        "first_name": "Testvoornaam",
        "last_name": "Testachternaam",
        "email": "nieuw@example.invalid",
        "phone": "0612345678",
        "job_title": "Intern begeleider",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    user.refresh_from_db()
    assert (user.phone, user.job_title) == ("0612345678", "Intern begeleider")
    (entry,) = _entries(superuser, "accounts.user.admin_changed")
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(user.pk))
    values = " ".join(str(getattr(entry, f.name)) for f in AuditEntry._meta.fields)
    for personal in ("Testvoornaam", "Testachternaam", "nieuw@example.invalid", "0612345678", "Intern begeleider"):
        assert personal not in values
    assert not LogEntry.objects.exists()  # no second history that holds names


def test_creating_an_organisation_is_audited(admin_client, superuser):
    response = admin_client.post(
        "/django-admin/accounts/organisation/add/", {"name": "Testopvang De Regenboog", "sector": Sector.KINDEROPVANG}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Testopvang De Regenboog")
    (entry,) = _entries(superuser, "accounts.organisation.admin_created")
    assert entry.object_id == str(organisation.pk)


def test_deleting_a_membership_is_audited(admin_client, superuser, personas):
    membership = personas.colleague.memberships.get()
    response = admin_client.post(f"/django-admin/accounts/membership/{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    (entry,) = _entries(superuser, "accounts.membership.admin_deleted")
    assert (entry.object_type, entry.object_id) == ("accounts.membership", str(membership.pk))


def test_bulk_deleting_memberships_audits_each_one(admin_client, superuser, personas):
    ids = sorted(
        Membership.objects.filter(user__in=[personas.colleague, personas.outsider]).values_list("pk", flat=True)
    )
    response = admin_client.post(
        "/django-admin/accounts/membership/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk__in=ids).exists()
    logged = sorted(int(e.object_id) for e in _entries(superuser, "accounts.membership.admin_deleted"))
    assert logged == ids


def test_adding_a_membership_is_audited(admin_client, superuser, personas):
    organisation = personas.outsider.memberships.get().organisation
    response = admin_client.post(
        "/django-admin/accounts/membership/add/",
        {
            "user": personas.professional.pk,
            "organisation": organisation.pk,
            "role": Role.PROFESSIONAL,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=personas.professional, organisation=organisation)
    (entry,) = _entries(superuser, "accounts.membership.admin_created")
    assert entry.object_id == str(membership.pk)


def test_changing_a_password_is_audited(admin_client, superuser, personas):
    user = personas.professional
    response = admin_client.post(
        f"/django-admin/accounts/user/{user.pk}/password/",
        {"password1": "een-lang-nieuw-wachtwoord-42", "password2": "een-lang-nieuw-wachtwoord-42"},
    )
    assert response.status_code == 302
    (entry,) = _entries(superuser, "accounts.user.admin_password_changed")
    assert entry.object_id == str(user.pk)


def test_beheerder_without_superuser_rights_cannot_use_the_admin(client, login, personas):
    beheerder = personas.beheerder
    User.objects.filter(pk=beheerder.pk).update(is_staff=True)
    login(client, beheerder)
    for url in (f"/django-admin/accounts/user/{personas.professional.pk}/change/", "/django-admin/accounts/user/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/django-admin/login/")
