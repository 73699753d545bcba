"""The municipality list and the regions on the index page cost a fixed number of queries (no N+1)."""

from django.urls import reverse

from samenveilig.regio.models import Gemeente
from samenveilig.regio.tests.factories import RegioFactory

# Session, user, memberships and the layout take a handful; the page itself: years, provinces, count, page, regions
# and their municipalities (16 in all today). Fifty rows or ten regions must not add a query each.
MAX_QUERIES = 20


def test_index_has_no_n_plus_one(client, personas, login, django_assert_max_num_queries):
    gemeenten = list(Gemeente.objects.filter(year=2024)[:30])
    for n in range(10):
        RegioFactory(name=f"Regio {n}", gemeenten=gemeenten[n : n + 20])
    login(client, personas.professional)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("regio:index"))
    assert len(response.context["page"].object_list) == 50


def test_api_lists_have_no_n_plus_one(client, personas, login, django_assert_max_num_queries):
    gemeenten = list(Gemeente.objects.filter(year=2024)[:30])
    for n in range(10):
        RegioFactory(name=f"Regio {n}", gemeenten=gemeenten[n : n + 20])
    login(client, personas.professional)
    for path in ("gemeenten/", "wijken/", "regios/"):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get("/api/v1/regio/" + path).status_code == 200
