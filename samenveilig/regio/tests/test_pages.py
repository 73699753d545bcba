"""The municipality pages: for anyone acting for an organisation, searchable, and closed to others."""

import pytest
from django.urls import reverse

from samenveilig.accounts.tests.factories import UserFactory
from samenveilig.regio.models import Gemeente
from samenveilig.regio.tests.factories import RegioFactory

INDEX = reverse("regio:index")


@pytest.mark.parametrize("persona", ["professional", "af", "coordinator", "veiligthuis", "beheerder"])
def test_index_renders_for_everyone_acting_for_an_organisation(client, personas, login, persona):
    login(client, getattr(personas, persona))
    response = client.get(INDEX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "342 gemeenten in 2024" in body
    assert "utrecht-table" in body


def test_index_lists_regions_with_their_municipalities(client, personas, login):
    woerden = Gemeente.objects.get(code="GM0632", year=2024)
    montfoort = Gemeente.objects.get(code="GM0335", year=2024)
    RegioFactory(name="Veilig Thuis Testregio Utrecht", gemeenten=[woerden, montfoort])
    login(client, personas.professional)
    body = client.get(INDEX).content.decode()
    assert "Veilig Thuis Testregio Utrecht" in body
    assert "Montfoort" in body


@pytest.mark.parametrize("query", ["Woerden", "woerd", "GM0632", "gm0632", "0632"])
def test_search_finds_woerden_by_name_or_code(client, personas, login, query):
    login(client, personas.professional)
    response = client.get(INDEX, {"q": query})
    page = response.context["page"]
    assert [g.code for g in page.object_list] == ["GM0632"]
    assert f'value="{query}"' in response.content.decode()  # the input is kept


def test_province_filter(client, personas, login):
    login(client, personas.professional)
    page = client.get(INDEX, {"provincie": "PV26"}).context["page"]
    assert page.paginator.count == Gemeente.objects.filter(year=2024, province_code="PV26").count()
    assert {g.province_name for g in page.object_list} == {"Utrecht"}


def test_list_is_paginated_by_50(client, personas, login):
    login(client, personas.professional)
    response = client.get(INDEX, {"pagina": 7})
    page = response.context["page"]
    assert (page.number, page.paginator.num_pages, len(page.object_list)) == (7, 7, 342 - 6 * 50)


def test_htmx_search_returns_only_the_results(client, personas, login):
    login(client, personas.professional)
    response = client.get(INDEX, {"q": "Woerden"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Woerden" in body
    assert "<html" not in body


def test_municipality_page_shows_districts_and_regions(client, personas, login):
    woerden = Gemeente.objects.get(code="GM0632", year=2024)
    RegioFactory(name="Jeugdregio Test", gemeenten=[woerden])
    login(client, personas.professional)
    response = client.get(reverse("regio:gemeente_detail", args=["GM0632"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Woerden" in body
    assert "WK063201" in body
    assert "Wijk 08 Zegveld" in body
    assert "Jeugdregio Test" in body


def test_unknown_municipality_is_404(client, personas, login):
    login(client, personas.professional)
    assert client.get(reverse("regio:gemeente_detail", args=["GM9999"])).status_code == 404


def test_user_without_organisation_is_refused(client, db, login):
    login(client, UserFactory(username="t_loose"))
    assert client.get(INDEX).status_code == 403
    assert client.get(reverse("regio:gemeente_detail", args=["GM0632"])).status_code == 403


def test_anonymous_visitor_goes_to_login(client, db):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_navigation_shows_the_item(client, personas, login):
    login(client, personas.professional)
    assert "Gemeenten en wijken" in client.get("/").content.decode()


def test_only_beheerder_sees_the_manage_links(client, personas, login):
    RegioFactory(name="Testregio", gemeenten=[Gemeente.objects.get(code="GM0632", year=2024)])
    login(client, personas.professional)
    body = client.get(INDEX).content.decode()
    assert reverse("regio:regio_create") not in body
    login(client, personas.beheerder)
    body = client.get(INDEX).content.decode()
    assert reverse("regio:regio_create") in body
    assert "/bewerken/" in body
