"""The stored search document of a service: filled by refresh_search_documents, used by the free-text search.

Most tests need PostgreSQL (``tsvector``, GIN); on SQLite the document stays empty and the substring fallback searches.
"""

from __future__ import annotations

import importlib
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.core.management import call_command
from django.db import connection
from django.db.models import Value

from samenveilig.accounts.models import Sector
from samenveilig.accounts.tests.factories import OrganisationFactory
from samenveilig.sociale_kaart import search
from samenveilig.sociale_kaart.management.commands.generate_kaart import PREFIX
from samenveilig.sociale_kaart.models import Service
from samenveilig.sociale_kaart.search import refresh_search_documents, search_services
from samenveilig.sociale_kaart.tests.factories import ServiceFactory, target_group, theme

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")
MIGRATION = importlib.import_module("samenveilig.sociale_kaart.migrations.0003_service_search_document")


def names(queryset) -> set[str]:
    return {service.name for service in queryset}


def document(service: Service) -> str:
    return str(Service.objects.values_list("search_document", flat=True).get(pk=service.pk) or "")


@pytest.fixture
def service(db):
    """A service whose words sit in each part of the document once: name, organisation, theme, target group, text."""
    return ServiceFactory(
        name="Weerbaarheidstraining",
        organisation=OrganisationFactory(name="Stichting Lopikerwaard", sector=Sector.WELZIJN),
        description="Groepsbijeenkomsten voor kinderen die thuis ruzie meemaken.",
        themes=[theme("partnergeweld")],
        target_groups=[target_group("ouders")],
    )


@postgresql_only
def test_refreshing_fills_the_weighted_document(service):
    assert document(service) == ""  # bulk and factory writes leave it empty until a refresh

    assert refresh_search_documents([service.pk]) == 1

    text = document(service)
    assert re.search(r"'weerbaarheidstrain':\d+A", text)  # name: A
    assert re.search(r"'lopikerwaard':\d+B", text)  # organisation: B
    assert re.search(r"'partnergeweld':\d+B", text)  # theme: B
    assert re.search(r"'ouder':\d+B", text)  # target group: B
    assert re.search(r"'groepsbijeenkomst':\d+C", text)  # description: C


@postgresql_only
def test_refresh_takes_ids_a_queryset_or_nothing(service, monkeypatch):
    other = ServiceFactory(name="Opvoedspreekuur")
    monkeypatch.setattr(search, "REFRESH_CHUNK", 1)  # a long list goes in chunks

    assert refresh_search_documents([service.pk, other.pk, service.pk]) == 2
    assert refresh_search_documents(Service.objects.filter(pk=other.pk).values("pk")) == 1
    assert refresh_search_documents([]) == 0
    assert refresh_search_documents() == Service.objects.count()
    assert not Service.objects.filter(search_document__isnull=True).exists()


@postgresql_only
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("weerbaarheidstrainingen", "name, plural"),
        ("lopikerwaard", "organisation"),
        ("partnergeweld", "theme"),
        ("ouder", "target group, singular of 'Ouders'"),
        ("groepsbijeenkomst kind", "description, singular of plurals"),
        ('"ruzie meemaken"', "description, a phrase"),
    ],
)
def test_free_text_finds_by_stemmed_words_in_every_part(service, text, where):
    refresh_search_documents([service.pk])
    ServiceFactory(name="Ander aanbod", description="Iets anders.")
    refresh_search_documents()

    assert names(search_services({"q": text})) >= {"Weerbaarheidstraining"}, where
    assert "Ander aanbod" not in names(search_services({"q": text}))


@postgresql_only
def test_free_text_matches_and_ranks_on_the_stored_document(service):
    refresh_search_documents([service.pk])
    # Replace the stored document by hand: the search follows it, not the service's columns.
    Service.objects.filter(pk=service.pk).update(search_document=SearchVector(Value("tovenaar"), config="dutch"))

    assert names(search_services({"q": "tovenaar"})) == {"Weerbaarheidstraining"}
    assert names(search_services({"q": "Lopikerwaard"})) == set()


@postgresql_only
def test_the_name_ranks_above_the_description():
    in_text = ServiceFactory(name="Inloopochtend", description="Ook een steunpunt voor mantelzorgers.")
    in_name = ServiceFactory(name="Steunpunt mantelzorg", description="Voor wie zorgt.")
    refresh_search_documents([in_text.pk, in_name.pk])

    assert [s.name for s in search_services({"q": "steunpunt"})] == ["Steunpunt mantelzorg", "Inloopochtend"]


@postgresql_only
def test_a_renamed_service_is_found_by_its_new_name_after_the_refresh(service):
    refresh_search_documents([service.pk])
    service = Service.objects.get(pk=service.pk)  # as a form loads it
    service.name = "Kinderpraatgroep"
    service.save()  # as a write path saves; the stored document is now stale

    assert names(search_services({"q": "kinderpraatgroep"})) == set()

    refresh_search_documents([service.pk])  # what the write path does after saving

    assert names(search_services({"q": "kinderpraatgroep"})) == {"Kinderpraatgroep"}
    assert names(search_services({"q": "weerbaarheidstraining"})) == set()


@postgresql_only
def test_a_renamed_theme_or_organisation_is_found_after_refreshing_its_services(service):
    refresh_search_documents()
    partnergeweld = theme("partnergeweld")
    partnergeweld.name = "Geweld in afhankelijkheidsrelaties"
    partnergeweld.save()
    service.organisation.name = "Stichting Kromme Rijn"
    service.organisation.save()

    refresh_search_documents(partnergeweld.services.values("pk"))
    refresh_search_documents(service.organisation.services.values("pk"))

    assert names(search_services({"q": "afhankelijkheidsrelaties"})) == {"Weerbaarheidstraining"}
    assert names(search_services({"q": "Kromme Rijn"})) == {"Weerbaarheidstraining"}
    assert names(search_services({"q": "Lopikerwaard"})) == set()


@postgresql_only
def test_a_service_without_a_document_is_still_found(service):
    # A write path that forgot the refresh loses nothing: the document is computed on the fly for that row.
    assert document(service) == ""

    assert names(search_services({"q": "lopikerwaard partnergeweld"})) == {"Weerbaarheidstraining"}


@postgresql_only
def test_the_free_text_condition_can_use_the_gin_index(service):
    refresh_search_documents()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'service_search_document'")
        assert "USING gin (search_document)" in cursor.fetchone()[0]
        # A handful of rows: forbid the scans that would win here, to see that the condition can use the indexes.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = search._full_text(Service.objects.order_by(), "gezinnen").explain()

    assert "BitmapOr" in plan
    assert "Bitmap Index Scan on service_search_document" in plan
    assert "Bitmap Index Scan on service_no_search_document" in plan
    assert "JIT" not in plan


@postgresql_only
def test_the_migration_fills_the_existing_services(service):
    with connection.schema_editor() as editor:
        MIGRATION.fill(apps, editor)

    assert re.search(r"'weerbaarheidstrain':\d+A", document(service))
    assert names(search_services({"q": "ouders"})) == {"Weerbaarheidstraining"}


@postgresql_only
def test_generate_kaart_fills_the_documents():
    call_command("generate_kaart", services=20, seed=3, stdout=StringIO())

    synthetic = Service.objects.filter(organisation__name__startswith=PREFIX)
    assert synthetic.count() == 20
    assert not synthetic.filter(search_document__isnull=True).exists()


@postgresql_only
def test_the_refresh_search_command_recomputes_all_or_only_the_missing(service):
    other = ServiceFactory(name="Opvoedspreekuur")
    refresh_search_documents([other.pk])
    out = StringIO()

    call_command("refresh_search", missing=True, stdout=out)

    assert "1 diensten" in out.getvalue()
    assert not Service.objects.filter(search_document__isnull=True).exists()
    call_command("refresh_search", stdout=out)
    assert f"{Service.objects.count()} diensten" in out.getvalue()


@sqlite_only
def test_on_sqlite_the_document_stays_empty_and_the_fallback_searches(service):
    assert refresh_search_documents() == 0
    assert document(service) == ""

    assert names(search_services({"q": "kinderen Lopikerwaard"})) == {"Weerbaarheidstraining"}
    out = StringIO()
    call_command("refresh_search", stdout=out)
    assert "Niets te doen" in out.getvalue()


@postgresql_only
def test_renaming_an_organisation_or_a_theme_refreshes_the_documents_of_its_services(service):
    refresh_search_documents([service.pk])
    organisation = service.organisation
    organisation.name = "Stichting Zonnebloemhuis"
    organisation.save()
    assert "zonnebloemhuis" in document(service)
    term = service.themes.get()
    term.name = "Relatiegeweld"
    term.save()
    assert "relatiegeweld" in document(service)
