"""An organisation adapts its signal lists: the aandachtsfunctionaris adds, rewords and switches off the
organisation's own signals and hides shared ones for the organisation; the signal form follows, for that
organisation only. Every other persona is refused."""

import pytest
from django.urls import reverse

from samenveilig.accounts.models import Organisation
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, UserFactory
from samenveilig.audit.models import AuditEntry
from samenveilig.meldcode import checklists
from samenveilig.meldcode.forms import SignalForm
from samenveilig.meldcode.models import ChecklistItem
from samenveilig.meldcode.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db
PAGE = "meldcode:checklists"


def offered(user) -> set:
    """The items the signal form offers in a dossier of ``user``'s organisation."""
    return set(SignalForm(dossier=DossierFactory(owner=user)).fields["checklist_items"].queryset)


def shared(code="kind-4-12-letsel") -> ChecklistItem:
    return ChecklistItem.objects.get(organisation=None, code=code)


def own_item(organisation, text="Komt vaak te laat op de opvang", list_name="kind_0_4", **kwargs) -> ChecklistItem:
    return ChecklistItem.objects.create(
        list_name=list_name,
        code=f"eigen-{text[:10].lower().replace(' ', '-')}",
        text=text,
        organisation=organisation,
        **kwargs,
    )


def test_af_sees_every_list_with_shared_and_own_items(client, login, personas, school, django_assert_max_num_queries):
    mine = own_item(school)
    theirs = own_item(Organisation.objects.get(name="Testjongerenwerk"), text="Signaal van een ander")
    login(client, personas.af)
    # The session, the role, the hidden ids, the items, the menu: however long the lists are.
    with django_assert_max_num_queries(13):
        response = client.get(reverse(PAGE))
    assert response.status_code == 200
    lists = {entry["name"]: entry["items"] for entry in response.context["lists"]}
    assert set(lists) == set(ChecklistItem.ListName.values)
    assert mine in lists["kind_0_4"] and theirs not in lists["kind_0_4"]
    assert shared() in lists["kind_4_12"]
    html = response.content.decode()
    assert "Komt vaak te laat op de opvang" in html and "Signaal van een ander" not in html


def test_af_adds_an_own_item_that_the_signal_form_then_offers(client, login, personas, school):
    login(client, personas.af)
    response = client.post(reverse(PAGE), {"list_name": "ouder", "text": "  Ouder is vaak   onbereikbaar ", "order": 5})
    assert response.status_code == 302
    item = ChecklistItem.objects.get(organisation=school, text="Ouder is vaak onbereikbaar")
    assert item.list_name == "ouder" and item.order == 5 and item.is_active
    assert item in offered(personas.professional)
    assert item not in offered(personas.outsider)
    entry = AuditEntry.objects.get(action="meldcode.checklist_item.added")
    assert entry.actor_id == personas.af.pk and entry.object_id == str(item.pk)
    assert "onbereikbaar" not in str(entry.__dict__)


def test_bad_input_gives_field_errors_and_keeps_the_input(client, login, personas, school):
    login(client, personas.af)
    response = client.post(reverse(PAGE), {"list_name": "", "text": "Mijn eigen signaal", "order": "1000"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "list_name" in form.errors and "order" in form.errors
    assert "Mijn eigen signaal" in response.content.decode()
    assert not ChecklistItem.objects.filter(organisation=school).exists()
    # A signal already on the list (shared, case and spaces aside) is refused at the text.
    response = client.post(reverse(PAGE), {"list_name": "kind_4_12", "text": shared().text.upper()})
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == ["Dit signaal staat al op deze lijst."]
    assert not ChecklistItem.objects.filter(organisation=school).exists()


def test_af_edits_an_own_item(client, login, personas, school):
    item = own_item(school)
    login(client, personas.af)
    url = reverse("meldcode:checklist_item_edit", args=[item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"list_name": "kind_4_12", "text": "Wordt vaak laat opgehaald", "order": 15})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.list_name, item.text, item.order) == ("kind_4_12", "Wordt vaak laat opgehaald", 15)
    assert AuditEntry.objects.filter(action="meldcode.checklist_item.changed", object_id=str(item.pk)).exists()


def test_an_item_chosen_in_a_dossier_keeps_its_wording(client, login, personas, school, acting):
    from samenveilig.meldcode import services

    item = own_item(school)
    dossier = DossierFactory(owner=personas.professional)
    services.add_signal(
        acting(personas.professional), dossier, observed_on=dossier.opened_on, fact="Feit", checklist_items=[item]
    )
    login(client, personas.af)
    url = reverse("meldcode:checklist_item_edit", args=[item.pk])
    response = client.post(url, {"list_name": "kind_0_4", "text": "Iets anders", "order": 100})
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [str(checklists.USED_MESSAGE)]
    assert 'value="Iets anders"' in response.content.decode()
    item.refresh_from_db()
    assert item.text == "Komt vaak te laat op de opvang"
    # Its order may still change.
    assert client.post(url, {"list_name": "kind_0_4", "text": item.text, "order": 1}).status_code == 302
    item.refresh_from_db()
    assert item.order == 1


def test_af_switches_an_own_item_off_and_on(client, login, personas, school):
    item = own_item(school)
    login(client, personas.af)
    assert client.post(reverse("meldcode:checklist_item_off", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert not item.is_active and ChecklistItem.objects.filter(pk=item.pk).exists()
    assert item not in offered(personas.professional)
    assert AuditEntry.objects.filter(action="meldcode.checklist_item.switched_off", object_id=str(item.pk)).exists()
    assert client.post(reverse("meldcode:checklist_item_on", args=[item.pk])).status_code == 302
    assert item in offered(personas.professional)


def test_af_hides_a_shared_item_for_their_organisation_only(client, login, personas):
    item = shared()
    login(client, personas.af)
    assert client.post(reverse("meldcode:checklist_item_hide", args=[item.pk])).status_code == 302
    assert item not in offered(personas.professional)
    assert item in offered(personas.outsider)
    item.refresh_from_db()
    assert item.is_active
    assert AuditEntry.objects.filter(action="meldcode.checklist_item.hidden", object_id=str(item.pk)).exists()
    response = client.get(reverse(PAGE))
    assert "Nee, verborgen voor uw organisatie" in response.content.decode()
    assert client.post(reverse("meldcode:checklist_item_show", args=[item.pk])).status_code == 302
    assert item in offered(personas.professional)


def test_the_signal_form_offers_exactly_the_adapted_lists(personas, school):
    youth = Organisation.objects.get(name="Testjongerenwerk")
    hidden = shared()
    hidden.hidden_for.add(school)
    mine = own_item(school)
    retired = own_item(school, text="Niet meer gebruikt", is_active=False)
    foreign = own_item(youth, text="Van het jongerenwerk")
    expected = set(ChecklistItem.objects.filter(organisation=None, is_active=True).exclude(pk=hidden.pk)) | {mine}
    assert offered(personas.professional) == expected
    assert retired not in expected and foreign not in expected
    assert hidden in offered(personas.outsider) and foreign in offered(personas.outsider)


def test_af_cannot_change_another_organisations_item_or_a_shared_one(client, login, personas):
    youth = Organisation.objects.get(name="Testjongerenwerk")
    theirs = own_item(youth, text="Van het jongerenwerk")
    login(client, personas.af)
    for name in ("checklist_item_edit", "checklist_item_off", "checklist_item_on", "checklist_item_hide"):
        method = client.get if name == "checklist_item_edit" else client.post
        assert method(reverse(f"meldcode:{name}", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("meldcode:checklist_item_edit", args=[shared().pk])).status_code == 404
    assert client.post(reverse("meldcode:checklist_item_off", args=[shared().pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active and not theirs.hidden_for.exists() and shared().is_active
    assert AuditEntry.objects.filter(action="meldcode.checklist_item.changed", outcome="refused").exists()


def test_another_organisations_af_leaves_this_organisation_alone(client, login, personas, school):
    youth = Organisation.objects.get(name="Testjongerenwerk")
    af_youth = UserFactory(username="t_af_youth")
    other_af = MembershipFactory(user=af_youth, organisation=youth, role=Role.AANDACHTSFUNCTIONARIS).user
    mine = own_item(school)
    login(client, other_af)
    assert client.post(reverse("meldcode:checklist_item_hide", args=[shared().pk])).status_code == 302
    response = client.post(reverse(PAGE), {"list_name": "kind_0_4", "text": "Eigen signaal jongerenwerk"})
    assert response.status_code == 302
    assert shared() in offered(personas.professional) and mine in offered(personas.professional)
    assert not any(item.text == "Eigen signaal jongerenwerk" for item in offered(personas.professional))
    assert shared() not in offered(personas.outsider)


REFUSED = ["professional", "colleague", "outsider", "coordinator", "veiligthuis", "beheerder"]


@pytest.mark.parametrize("persona", REFUSED)
def test_other_personas_are_refused(client, login, personas, school, persona):
    item = own_item(school)
    login(client, getattr(personas, persona))
    assert client.get(reverse(PAGE)).status_code == 403
    assert client.post(reverse(PAGE), {"list_name": "ouder", "text": "Poging"}).status_code == 403
    assert client.get(reverse("meldcode:checklist_item_edit", args=[item.pk])).status_code == 403
    for name in ("checklist_item_off", "checklist_item_on", "checklist_item_show"):
        assert client.post(reverse(f"meldcode:{name}", args=[item.pk])).status_code == 403
    assert client.post(reverse("meldcode:checklist_item_hide", args=[shared().pk])).status_code == 403
    item.refresh_from_db()
    assert item.is_active and not shared().hidden_for.exists()
    assert not ChecklistItem.objects.filter(text="Poging").exists()
    assert AuditEntry.objects.filter(actor_id=getattr(personas, persona).pk, outcome="refused").exists()


def test_anonymous_visitor_goes_to_login(client, school):
    item = own_item(school)
    for url in (reverse(PAGE), reverse("meldcode:checklist_item_edit", args=[item.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(reverse("meldcode:checklist_item_off", args=[item.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    item.refresh_from_db()
    assert item.is_active


def test_services_refuse_a_persona_without_the_right(personas, school, acting):
    from django.core.exceptions import PermissionDenied

    item = own_item(school)
    with pytest.raises(PermissionDenied):
        checklists.add_item(acting(personas.professional), list_name="ouder", text="Poging")
    with pytest.raises(PermissionDenied):
        checklists.set_active(acting(personas.outsider), item, False)
    with pytest.raises(PermissionDenied):
        checklists.set_hidden(acting(personas.af), item, True)  # an own item is switched off, not hidden
