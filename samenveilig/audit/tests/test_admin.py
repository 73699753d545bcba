"""The access log in the Django admin: superusers can look, nobody can add, change or delete."""

import pytest
from django.contrib.auth.models import Permission

from samenveilig.accounts.tests.factories import UserFactory
from samenveilig.audit.models import AuditEntry

ADMIN = "/django-admin/audit/auditentry/"


@pytest.fixture
def admin_client(client, superuser, login):
    return login(client, superuser)


def test_superuser_can_list_and_open_entries_and_that_is_audited(admin_client, superuser, entry):
    assert admin_client.get(ADMIN).status_code == 200
    response = admin_client.get(f"{ADMIN}{entry.pk}/change/")
    assert response.status_code == 200
    assert b'name="_save"' not in response.content  # read-only: no save button
    assert AuditEntry.objects.filter(actor_id=superuser.pk, action="audit.log.searched").exists()
    assert AuditEntry.objects.filter(
        actor_id=superuser.pk, action="audit.auditentry.admin_viewed", object_id=str(entry.pk)
    ).exists()


def test_superuser_cannot_add_an_entry(admin_client):
    count = AuditEntry.objects.count()
    assert admin_client.get(f"{ADMIN}add/").status_code == 403
    assert admin_client.post(f"{ADMIN}add/", {"action": "forged"}).status_code == 403
    assert not AuditEntry.objects.filter(action="forged").exists()
    assert AuditEntry.objects.count() == count


def test_superuser_cannot_change_an_entry(admin_client, entry):
    response = admin_client.post(f"{ADMIN}{entry.pk}/change/", {"action": "test.object.changed", "outcome": "refused"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert (entry.action, entry.outcome) == ("test.object.viewed", "allowed")


def test_superuser_cannot_delete_an_entry(admin_client, entry):
    assert admin_client.get(f"{ADMIN}{entry.pk}/delete/").status_code == 403
    assert admin_client.post(f"{ADMIN}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_bulk_delete_action_is_not_offered(admin_client, entry):
    response = admin_client.get(ADMIN)
    assert b"delete_selected" not in response.content
    admin_client.post(ADMIN, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_staff_without_superuser_rights_cannot_see_the_log(client, login, entry):
    staff = UserFactory(username="t_staff", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    login(client, staff)
    # Staff status alone does not open the admin: it sends the user to the admin login (urls.py).
    for url in (ADMIN, f"{ADMIN}{entry.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/django-admin/login/")


def test_anonymous_visitor_is_sent_to_log_in(client, entry):
    response = client.get(ADMIN)
    assert response.status_code == 302
