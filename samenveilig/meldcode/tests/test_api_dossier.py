"""``/api/v1/meldcode/dossiers/{id}/personen|kindchecks|leden|afsluiten/``: the dossier's other flows through the API,
with the permissions, write paths and audit of the pages."""

import pytest

from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory
from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode.models import Dossier, DossierMember, Kindcheck, PersonConcerned
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory
from samenveilig.meldcode.tests.test_api import token_for
from samenveilig.meldcode.workflow import Status

pytestmark = pytest.mark.django_db
DAY = "2025-01-06"


@pytest.fixture
def dossier(personas):
    return DossierFactory(owner=personas.professional)


@pytest.fixture
def adult(dossier):
    return PersonConcerned.objects.create(dossier=dossier, kind="volwassene", local_reference="V-1")


def url(dossier, part):
    return f"/api/v1/meldcode/dossiers/{dossier.pk}/{part}/"


def send(client, method, path, data, user):
    return getattr(client, method)(path, data, content_type="application/json", **token_for(user))


def post(client, dossier, part, data, user):
    return send(client, "post", url(dossier, part), data, user)


def patch_person(client, dossier, person, data, user):
    return send(client, "patch", url(dossier, f"personen/{person.pk}"), data, user)


def audited(action, user, outcome="allowed", **filters):
    return AuditEntry.objects.filter(action=action, actor_id=user.pk, outcome=outcome, **filters).exists()


# --- persons concerned ---------------------------------------------------------------------------------------------


def test_owner_adds_a_person(client, personas, dossier):
    user = personas.professional
    response = post(
        client,
        dossier,
        "personen",
        {"kind": "volwassene", "name": "Testouder Api", "date_of_birth": "1985-03-04", "bsn": "123456782"},
        user,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "volwassene" and body["name"] == "Testouder Api"
    assert body["date_of_birth"] == "1985-03-04" and body["bsn"] == "123456782"
    assert body["version"] == dossier.version + 1 == Dossier.objects.get(pk=dossier.pk).version
    person = dossier.persons.get(pk=body["id"])
    assert person.name == "Testouder Api"
    assert audited("meldcode.person.added", user, object_id=str(person.pk))


def test_bad_person_is_a_field_error_and_stores_nothing(client, personas, dossier):
    response = post(
        client,
        dossier,
        "personen",
        {"kind": "hond", "date_of_birth": "2999-01-01", "bsn": "123456789"},
        personas.professional,
    )
    assert response.status_code == 400
    assert {"kind", "date_of_birth", "bsn"} <= set(response.json())
    assert dossier.persons.count() == 1
    assert not AuditEntry.objects.filter(action="meldcode.person.added").exists()


def test_owner_changes_only_the_fields_sent(client, personas, dossier):
    user = personas.professional
    person = dossier.persons.get()
    response = patch_person(client, dossier, person, {"name": "Testkind Nieuw", "version": dossier.version}, user)
    assert response.status_code == 200, response.content
    assert response.json()["version"] == dossier.version + 1
    person.refresh_from_db()
    assert person.name == "Testkind Nieuw"
    assert person.kind == "kind" and person.local_reference == f"K-{dossier.pk}"
    assert audited("meldcode.person.changed", user, object_id=str(person.pk))


def test_a_stale_person_edit_answers_409_and_changes_nothing(client, personas, dossier):
    dossier.version = 3
    dossier.save()
    person = dossier.persons.get()
    response = patch_person(client, dossier, person, {"name": "Te laat", "version": 2}, personas.professional)
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.name == "" and Dossier.objects.get(pk=dossier.pk).version == 3
    assert not AuditEntry.objects.filter(action="meldcode.person.changed").exists()


def test_a_person_edit_needs_the_version_and_valid_details(client, personas, dossier):
    person = dossier.persons.get()
    missing = patch_person(client, dossier, person, {"name": "Zonder versie"}, personas.professional)
    assert missing.status_code == 400 and "version" in missing.json()
    bad = patch_person(client, dossier, person, {"bsn": "123456789", "version": dossier.version}, personas.professional)
    assert bad.status_code == 400 and "bsn" in bad.json()
    person.refresh_from_db()
    assert person.name == "" and person.bsn == ""
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_a_person_of_another_dossier_is_not_found(client, personas, dossier):
    other = DossierFactory(owner=personas.professional)
    stranger = other.persons.get()
    response = patch_person(client, dossier, stranger, {"name": "x", "version": dossier.version}, personas.professional)
    assert response.status_code == 404
    assert audited("meldcode.person.changed", personas.professional, "refused", object_id=str(stranger.pk))
    stranger.refresh_from_db()
    assert stranger.name == ""


# --- kindcheck -----------------------------------------------------------------------------------------------------


def test_owner_records_and_reads_a_kindcheck(client, personas, dossier, adult):
    user = personas.professional
    response = post(
        client,
        dossier,
        "kindchecks",
        {
            "person": adult.pk,
            "checked_on": DAY,
            "children_in_care": "ja",
            "pregnancy": "nee",
            "number_of_children": 2,
            "ages": "3 en 7 jaar",
            "action_taken": "Besproken met de aandachtsfunctionaris.",
        },
        user,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["person"] == adult.pk and body["number_of_children"] == 2 and body["created_by"] == user.username
    check = Kindcheck.objects.get(pk=body["id"])
    assert check.dossier == dossier and check.ages == "3 en 7 jaar"
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version + 1
    assert audited("meldcode.kindcheck.added", user, object_id=str(check.pk))
    listed = client.get(url(dossier, "kindchecks"), **token_for(user))
    assert listed.status_code == 200
    assert [k["id"] for k in listed.json()["results"]] == [check.pk]
    assert audited("meldcode.kindcheck.listed", user, object_id=str(dossier.pk))


def test_bad_kindcheck_is_a_field_error_and_stores_nothing(client, personas, dossier, adult):
    user = personas.professional
    no_number = post(
        client,
        dossier,
        "kindchecks",
        {"person": adult.pk, "checked_on": DAY, "children_in_care": "ja", "pregnancy": "nee"},
        user,
    )
    assert no_number.status_code == 400 and "number_of_children" in no_number.json()
    child = post(
        client,
        dossier,
        "kindchecks",
        {
            "person": dossier.persons.get(kind="kind").pk,
            "checked_on": DAY,
            "children_in_care": "nee",
            "pregnancy": "nee",
        },
        user,
    )
    assert child.status_code == 400 and "person" in child.json()
    other = DossierFactory(owner=user)
    other_adult = PersonConcerned.objects.create(dossier=other, kind="volwassene")
    foreign = post(
        client,
        dossier,
        "kindchecks",
        {"person": other_adult.pk, "checked_on": "2999-01-01", "children_in_care": "misschien", "pregnancy": "nee"},
        user,
    )
    assert foreign.status_code == 400
    assert {"person", "checked_on", "children_in_care"} <= set(foreign.json())
    assert not Kindcheck.objects.exists()
    assert not AuditEntry.objects.filter(action="meldcode.kindcheck.added").exists()


def test_a_closed_dossier_takes_no_kindcheck(client, personas, adult):
    dossier = adult.dossier
    dossier.status = Status.GESLOTEN
    dossier.save()
    response = post(
        client,
        dossier,
        "kindchecks",
        {"person": adult.pk, "checked_on": DAY, "children_in_care": "nee", "pregnancy": "nee"},
        personas.professional,
    )
    assert response.status_code == 400 and "non_field_errors" in response.json()
    assert not Kindcheck.objects.exists()


# --- members -------------------------------------------------------------------------------------------------------


def test_owner_adds_colleagues_who_then_see_the_dossier(client, personas, dossier):
    user = personas.professional
    assert client.get(f"/api/v1/meldcode/dossiers/{dossier.pk}/", **token_for(personas.colleague)).status_code == 404
    response = post(client, dossier, "leden", {"user": personas.colleague.pk}, user)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["username"] == "t_colleague" and body["kind"] == "collega" and body["added_by"] == "t_professional"
    af = post(client, dossier, "leden", {"user": personas.af.pk}, user)
    assert af.status_code == 201 and af.json()["kind"] == "aandachtsfunctionaris"
    member = DossierMember.objects.get(pk=body["id"])
    assert audited("meldcode.member.added", user, object_id=str(member.pk))
    assert client.get(f"/api/v1/meldcode/dossiers/{dossier.pk}/", **token_for(personas.colleague)).status_code == 200
    listed = client.get(url(dossier, "leden"), **token_for(user))
    assert [m["username"] for m in listed.json()["results"]] == ["t_colleague", "t_af"]
    assert audited("meldcode.member.listed", user, object_id=str(dossier.pk))


@pytest.mark.parametrize("who", ["outsider", "coordinator", "beheerder", "veiligthuis", "professional", "inactive"])
def test_only_colleagues_of_the_organisation_who_work_with_dossiers_can_be_added(
    client, personas, dossier, school, who
):
    if who == "inactive":
        target = MembershipFactory(organisation=school, role=Role.PROFESSIONAL, is_active=False).user
    else:
        target = getattr(personas, who)  # another organisation, a role without dossiers, or the owner themself
    response = post(client, dossier, "leden", {"user": target.pk}, personas.professional)
    assert response.status_code == 400 and "user" in response.json()
    assert not dossier.members.exists()
    assert not AuditEntry.objects.filter(action="meldcode.member.added").exists()


def test_a_colleague_already_in_the_dossier_is_not_added_twice(client, personas, dossier):
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    response = post(client, dossier, "leden", {"user": personas.colleague.pk}, personas.professional)
    assert response.status_code == 400 and "user" in response.json()
    assert dossier.members.count() == 1


def test_only_the_owner_adds_colleagues(client, personas, dossier):
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    response = post(client, dossier, "leden", {"user": personas.af.pk}, personas.colleague)
    assert response.status_code == 403
    assert audited("meldcode.member.added", personas.colleague, "refused", object_id=str(dossier.pk))
    assert dossier.members.count() == 1
    assert client.get(url(dossier, "leden"), **token_for(personas.colleague)).status_code == 200


# --- closing -------------------------------------------------------------------------------------------------------


def test_owner_closes_a_dossier_whose_report_is_done(client, personas):
    user = personas.professional
    dossier = DossierFactory(owner=user, reporting=True)
    response = post(client, dossier, "afsluiten", {"note": "Veilig Thuis heeft het overgenomen.", "version": 1}, user)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "gesloten" and response.json()["closed_on"]
    dossier.refresh_from_db()
    assert dossier.status == Status.GESLOTEN and dossier.closing_note == "Veilig Thuis heeft het overgenomen."
    assert audited("meldcode.dossier.closed", user, object_id=str(dossier.pk))


def test_closing_needs_a_note_and_a_dossier_that_may_close(client, personas, dossier):
    user = personas.professional
    reporting = DossierFactory(owner=user, reporting=True)
    no_note = post(client, reporting, "afsluiten", {"note": " ", "version": 1}, user)
    assert no_note.status_code == 400 and "note" in no_note.json()
    no_version = post(client, reporting, "afsluiten", {"note": "Klaar."}, user)
    assert no_version.status_code == 400 and "version" in no_version.json()
    # An open dossier closes through its assessment, not here.
    still_open = post(client, dossier, "afsluiten", {"note": "Klaar.", "version": dossier.version}, user)
    assert still_open.status_code == 400 and "non_field_errors" in still_open.json()
    assert not Dossier.objects.filter(status=Status.GESLOTEN).exists()
    assert not AuditEntry.objects.filter(action="meldcode.dossier.closed").exists()


def test_a_stale_close_answers_409(client, personas):
    dossier = DossierFactory(owner=personas.professional, reporting=True, version=4)
    response = post(client, dossier, "afsluiten", {"note": "Klaar.", "version": 3}, personas.professional)
    assert response.status_code == 409
    dossier.refresh_from_db()
    assert dossier.status == Status.MELDEN and dossier.version == 4


# --- the wrong persona, for every endpoint -------------------------------------------------------------------------

WRITES = {
    "personen": ("post", lambda d: url(d, "personen"), "meldcode.person.added"),
    "persoon": ("patch", lambda d: url(d, f"personen/{d.persons.get().pk}"), "meldcode.person.changed"),
    "kindchecks": ("post", lambda d: url(d, "kindchecks"), "meldcode.kindcheck.added"),
    "leden": ("post", lambda d: url(d, "leden"), "meldcode.member.added"),
    "afsluiten": ("post", lambda d: url(d, "afsluiten"), "meldcode.dossier.closed"),
}
READS = ["kindchecks", "leden"]


@pytest.mark.parametrize("endpoint", WRITES)
@pytest.mark.parametrize("persona", ["colleague", "outsider"])
def test_professionals_who_may_not_see_the_dossier_get_404(client, personas, dossier, endpoint, persona):
    user = getattr(personas, persona)
    method, path, _action = WRITES[endpoint]
    assert send(client, method, path(dossier), {"version": dossier.version}, user).status_code == 404
    assert audited("meldcode.dossier.viewed", user, "refused", object_id=str(dossier.pk))
    if endpoint in READS:
        assert client.get(path(dossier), **token_for(user)).status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


@pytest.mark.parametrize("endpoint", WRITES)
@pytest.mark.parametrize("persona", ["coordinator", "veiligthuis", "beheerder"])
def test_roles_without_dossiers_are_refused(client, personas, dossier, endpoint, persona):
    user = getattr(personas, persona)
    method, path, _action = WRITES[endpoint]
    assert send(client, method, path(dossier), {"version": dossier.version}, user).status_code == 403
    assert audited("meldcode.dossier.listed", user, "refused")
    if endpoint in READS:
        assert client.get(path(dossier), **token_for(user)).status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


@pytest.mark.parametrize("endpoint", WRITES)
def test_af_reads_but_does_not_write_until_supporting(client, personas, dossier, endpoint):
    user = personas.af
    method, path, action = WRITES[endpoint]
    assert send(client, method, path(dossier), {"version": dossier.version}, user).status_code == 403
    assert audited(action, user, "refused", object_id=str(dossier.pk))
    if endpoint in READS:
        assert client.get(path(dossier), **token_for(user)).status_code == 200
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


@pytest.mark.parametrize("endpoint", WRITES)
def test_anonymous_is_refused(client, dossier, endpoint):
    method, path, _action = WRITES[endpoint]
    response = getattr(client, method)(path(dossier), {}, content_type="application/json")
    assert response.status_code in (401, 403)
