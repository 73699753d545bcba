"""An audit entry holds identifiers only, never the personal values of the object or the actor."""

from django.test import RequestFactory

from samenveilig import audit
from samenveilig.accounts.tests.factories import UserFactory
from samenveilig.audit.models import AuditEntry


def _all_values(entry: AuditEntry) -> str:
    return " | ".join(str(getattr(entry, field.name)) for field in AuditEntry._meta.fields)


def test_logging_a_user_object_stores_only_its_id(personas):
    person = UserFactory(
        username="t_person",
        first_name="Testvoornaam",
        last_name="Testachternaam",
        email="persoon@example.invalid",
        phone="0687654321",
        job_title="Mentor groep 8",
    )
    entry = audit.log(personas.af, "accounts.user.viewed", person, purpose="collegiale consultatie")
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(person.pk))
    values = _all_values(entry)
    for personal in (
        "Testvoornaam",
        "Testachternaam",
        "persoon@example.invalid",
        "0687654321",
        "Mentor groep 8",
        str(person),
    ):
        assert personal not in values


def test_the_actor_is_recorded_by_id_and_username_not_by_name(personas):
    actor = personas.professional
    actor.first_name, actor.last_name, actor.email = "Testactor", "Testachternaam", "actor@example.invalid"
    actor.save()
    request = RequestFactory().get("/")
    request.user = actor
    request.membership = actor.memberships.get()
    request.request_id = "00000000-0000-0000-0000-000000000001"
    entry = audit.log(request, "test.object.viewed", object_type="test.object", object_id="1")
    assert (entry.actor_id, entry.actor_username) == (actor.pk, actor.username)
    assert entry.organisation_id == request.membership.organisation_id
    assert entry.role == request.membership.role
    assert entry.request_id == request.request_id
    values = _all_values(entry)
    assert actor.first_name not in values and actor.last_name not in values and actor.email not in values
