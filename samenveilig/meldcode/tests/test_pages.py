"""The pages: lists without N+1 queries, every form renders, bad input is shown at its field and kept, a second
editor is told, and a duplicate reference is refused at the field."""

import pytest
from django.urls import reverse

from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory, record_steps_1_to_3

pytestmark = pytest.mark.django_db


def test_my_dossiers_lists_own_and_shared_without_n_plus_1(client, login, personas, django_assert_max_num_queries):
    for _ in range(6):
        DossierFactory(owner=personas.professional)
    shared = DossierFactory(owner=personas.colleague)
    MemberFactory(dossier=shared, user=personas.professional, added_by=personas.colleague)
    DossierFactory(owner=personas.colleague)  # not shared
    login(client, personas.professional)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("meldcode:dossier_list"))
    assert len(response.context["dossiers"]) == 7
    assert shared.local_reference in response.content.decode()


def test_aandachtsfunctionaris_sees_open_dossiers_by_step_with_idle_days(
    client, login, personas, django_assert_max_num_queries
):
    for _ in range(5):
        DossierFactory(owner=personas.professional)
    DossierFactory(owner=personas.colleague, closed=True)
    DossierFactory(owner=personas.outsider)
    login(client, personas.af)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("meldcode:organisation_overview"))
    assert response.status_code == 200
    assert len(response.context["dossiers"]) == 5
    assert "Dagen zonder activiteit" in response.content.decode()


def test_dossier_page_has_a_bounded_number_of_queries(client, login, personas, django_assert_max_num_queries):
    dossier = DossierFactory(owner=personas.professional)
    for _ in range(4):
        record_steps_1_to_3(dossier, personas.professional)
    login(client, personas.professional)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("meldcode:dossier_detail", args=[dossier.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "person_add",
        "signal_add",
        "kindcheck_add",
        "consultation_add",
        "conversation_add",
        "weighing_add",
        "assessment_add",
        "member_add",
    ],
)
def test_every_form_opens_for_the_owner(client, login, personas, name):
    dossier = DossierFactory(owner=personas.professional)
    login(client, personas.professional)
    assert client.get(reverse(f"meldcode:{name}", args=[dossier.pk])).status_code == 200


def test_close_and_person_edit_forms_open(client, login, personas):
    dossier = DossierFactory(owner=personas.professional, reporting=True)
    login(client, personas.professional)
    assert client.get(reverse("meldcode:close", args=[dossier.pk])).status_code == 200
    person = dossier.persons.get()
    assert client.get(reverse("meldcode:person_edit", args=[dossier.pk, person.pk])).status_code == 200


def test_bad_input_is_shown_at_the_field_and_kept(client, login, personas):
    login(client, personas.professional)
    response = client.post(
        reverse("meldcode:dossier_create"),
        {
            "local_reference_dossier": "LL-1",
            "concern": "kindermishandeling",
            "kind": "kind",
            "bsn": "123456789",
            "name": "Testkind",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "bsn" in form.errors and "elfproef" in form.errors["bsn"][0]
    page = response.content.decode()
    assert 'value="Testkind"' in page and 'aria-invalid="true"' in page
    assert not Dossier.objects.exists()


def test_a_signal_needs_a_fact(client, login, personas):
    dossier = DossierFactory(owner=personas.professional)
    login(client, personas.professional)
    response = client.post(
        reverse("meldcode:signal_add", args=[dossier.pk]),
        {"observed_on": "2025-01-06", "source": "zelf", "fact": "", "interpretation": "Mijn duiding"},
    )
    assert response.status_code == 200
    assert "fact" in response.context["form"].errors
    assert "Mijn duiding" in response.content.decode()


def test_conversation_not_held_needs_one_of_the_two_reasons(client, login, personas):
    dossier = DossierFactory(owner=personas.professional)
    login(client, personas.professional)
    response = client.post(
        reverse("meldcode:conversation_add", args=[dossier.pk]),
        {"held": "nee", "held_on": "2025-01-06", "skip_explanation": "Geen tijd gehad."},
    )
    assert response.status_code == 200
    assert "skip_reason" in response.context["form"].errors
    assert not dossier.conversations.exists()


def test_duplicate_reference_is_refused_at_the_field(client, login, personas):
    existing = DossierFactory(owner=personas.colleague, local_reference="LL-42")
    login(client, personas.professional)
    response = client.post(
        reverse("meldcode:dossier_create"),
        {"local_reference_dossier": "ll-42", "concern": "kindermishandeling", "kind": "kind"},
    )
    assert response.status_code == 200
    assert "local_reference_dossier" in response.context["form"].errors
    assert response.context["duplicate"] is None  # the colleague's dossier is not shown to whoever may not see it
    assert Dossier.objects.filter(local_reference__iexact="ll-42").get() == existing


def test_second_editor_is_told_on_the_page(client, login, personas):
    dossier = DossierFactory(owner=personas.professional)
    person = dossier.persons.get()
    url = reverse("meldcode:person_edit", args=[dossier.pk, person.pk])
    login(client, personas.professional)
    seen = dossier.version
    assert client.post(url, {"kind": "kind", "local_reference": "A", "version": seen}).status_code == 302
    response = client.post(url, {"kind": "kind", "local_reference": "B", "version": seen})
    assert response.status_code == 200
    assert "Iemand anders heeft dit dossier gewijzigd" in response.content.decode()
    assert 'value="B"' in response.content.decode()
    person.refresh_from_db()
    assert person.local_reference == "A"


def test_closed_dossier_forms_send_back_to_the_dossier(client, login, personas):
    dossier = DossierFactory(owner=personas.professional, closed=True)
    login(client, personas.professional)
    response = client.get(reverse("meldcode:signal_add", args=[dossier.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("meldcode:dossier_detail", args=[dossier.pk])
