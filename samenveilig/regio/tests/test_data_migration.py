"""The data migration ``0002_load_cbs_2024``, run with the historical models of its own migration state.

The test database is migrated, so the rows are there from the start; but a transactional test elsewhere in the
worker flushes every table, so these tests run the migration's own functions rather than trust the order of tests.
"""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from samenveilig.regio.models import Gemeente, Wijk

migration = importlib.import_module("samenveilig.regio.migrations.0002_load_cbs_2024")


@pytest.fixture
def historical_apps(db):
    return MigrationLoader(connection).project_state(("regio", "0002_load_cbs_2024")).apps


@pytest.fixture
def schema_editor():
    return SimpleNamespace(connection=connection)  # the functions only need the database alias


def _assert_2024_loaded():
    assert Gemeente.objects.filter(year=2024).count() == 342
    assert Wijk.objects.filter(year=2024).count() == 3474
    woerden = Gemeente.objects.get(code="GM0632", year=2024)
    assert (woerden.name, woerden.province_code, woerden.province_name) == ("Woerden", "PV26", "Utrecht")
    wijk = Wijk.objects.get(code="WK063201", year=2024)
    assert (wijk.name, wijk.gemeente) == ("Wijk 01 Woerden-Midden", woerden)
    assert woerden.wijken.count() == 8


def test_forward_loads_2024_into_an_empty_table(historical_apps, schema_editor):
    Gemeente.objects.filter(year=2024).delete()
    migration.load_2024(historical_apps, schema_editor)
    _assert_2024_loaded()


def test_forward_again_is_idempotent(historical_apps, schema_editor):
    migration.load_2024(historical_apps, schema_editor)
    migration.load_2024(historical_apps, schema_editor)
    _assert_2024_loaded()


def test_reverse_deletes_the_year_with_its_districts(historical_apps, schema_editor):
    other_year = Gemeente.objects.create(
        code="GM0632", year=2099, name="Woerden", province_code="PV26", province_name="Utrecht"
    )
    migration.unload_2024(historical_apps, schema_editor)
    assert not Gemeente.objects.filter(year=2024).exists()
    assert not Wijk.objects.filter(year=2024).exists()
    assert Gemeente.objects.filter(pk=other_year.pk).exists()
