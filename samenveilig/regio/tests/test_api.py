"""The read-only API on municipalities, districts and regions."""

import pytest

from samenveilig.accounts.tests.factories import UserFactory
from samenveilig.regio.models import Gemeente
from samenveilig.regio.tests.factories import GemeenteFactory, RegioFactory

BASE = "/api/v1/regio/"


@pytest.mark.parametrize("path", ["gemeenten/", "gemeenten/GM0632/", "wijken/", "wijken/WK063201/", "regios/"])
def test_anonymous_is_refused(client, db, path):
    assert client.get(BASE + path).status_code in (401, 403)


def test_user_without_organisation_is_refused(client, db, login):
    login(client, UserFactory(username="t_loose"))
    assert client.get(BASE + "gemeenten/").status_code == 403


def test_list_municipalities(client, personas, login):
    login(client, personas.professional)
    data = client.get(BASE + "gemeenten/").json()
    assert data["count"] == 342
    assert len(data["results"]) == 50
    assert set(data["results"][0]) == {"code", "year", "name", "province_code", "province_name"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"q": "woerden"}, ["GM0632"]), ({"q": "GM0632"}, ["GM0632"]), ({"q": "Woerden", "year": 2023}, [])],
)
def test_filter_municipalities(client, personas, login, params, expected):
    login(client, personas.professional)
    data = client.get(BASE + "gemeenten/", params).json()
    assert [row["code"] for row in data["results"]] == expected


@pytest.mark.parametrize("province", ["PV26", "pv26", "Utrecht"])
def test_filter_by_province(client, personas, login, province):
    login(client, personas.professional)
    data = client.get(BASE + "gemeenten/", {"province": province, "year": 2024}).json()
    assert data["count"] == Gemeente.objects.filter(year=2024, province_code="PV26").count()


def test_retrieve_by_code_gives_the_newest_year_unless_asked(client, personas, login):
    GemeenteFactory(code="GM0632", year=2099, name="Woerden-Nieuw")
    login(client, personas.professional)
    assert client.get(BASE + "gemeenten/GM0632/").json()["name"] == "Woerden-Nieuw"
    assert client.get(BASE + "gemeenten/GM0632/", {"year": 2024}).json()["name"] == "Woerden"
    assert client.get(BASE + "gemeenten/GM9999/").status_code == 404


def test_districts_of_a_municipality(client, personas, login):
    login(client, personas.professional)
    data = client.get(BASE + "wijken/", {"gemeente": "GM0632"}).json()
    assert data["count"] == 8
    assert data["results"][0] == {
        "code": "WK063201",
        "year": 2024,
        "name": "Wijk 01 Woerden-Midden",
        "gemeente": "GM0632",
    }
    assert client.get(BASE + "wijken/WK063201/").json()["gemeente"] == "GM0632"


def test_regions_with_municipalities(client, personas, login):
    woerden = Gemeente.objects.get(code="GM0632", year=2024)
    regio = RegioFactory(name="Testregio", gemeenten=[woerden])
    login(client, personas.professional)
    data = client.get(BASE + "regios/").json()
    assert data["results"] == [
        {
            "id": regio.pk,
            "name": "Testregio",
            "kind": "veilig_thuis",
            "gemeenten": [{"code": "GM0632", "year": 2024, "name": "Woerden"}],
        }
    ]


def test_api_is_read_only(client, personas, login):
    login(client, personas.beheerder)
    assert client.post(BASE + "regios/", {"name": "X"}, content_type="application/json").status_code == 405
