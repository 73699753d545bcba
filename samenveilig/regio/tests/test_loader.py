"""``load_regio`` and the loader it shares with the data migration: idempotent, per year, files by default."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samenveilig.regio.loader import LoadError, load_cbs
from samenveilig.regio.models import Gemeente, Wijk


def _write(tmp_path, gemeenten: str, wijken: str):
    g, w = tmp_path / "gemeenten.csv", tmp_path / "wijken.csv"
    g.write_text(gemeenten, encoding="utf-8")
    w.write_text(wijken, encoding="utf-8")
    return g, w


GEMEENTEN_2099 = "gemeentecode,gemeentenaam,provinciecode,provincienaam\nGM9001,Testdorp,PV26,Utrecht\n"
WIJKEN_2099 = "wijkcode,wijknaam,gemeentecode,gemeentenaam\nWK900100,Centrum,GM9001,Testdorp\n"


def test_loading_2024_again_changes_nothing(db):
    result = load_cbs(2024)
    assert (result.gemeenten_created, result.gemeenten_updated) == (0, 0)
    assert (result.wijken_created, result.wijken_updated) == (0, 0)
    assert Gemeente.objects.filter(year=2024).count() == 342
    assert Wijk.objects.filter(year=2024).count() == 3474


def test_loading_again_restores_a_changed_name(db):
    Gemeente.objects.filter(code="GM0632", year=2024).update(name="Verkeerd")
    result = load_cbs(2024)
    assert result.gemeenten_updated == 1
    assert Gemeente.objects.get(code="GM0632", year=2024).name == "Woerden"


def test_command_is_idempotent(db):
    out = StringIO()
    call_command("load_regio", "--year", "2024", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
    assert Gemeente.objects.count() == 342


def test_command_loads_another_year_from_given_files(db, tmp_path):
    gemeenten, wijken = _write(tmp_path, GEMEENTEN_2099, WIJKEN_2099)
    for _ in range(2):
        call_command("load_regio", "--year", "2099", "--gemeenten", gemeenten, "--wijken", wijken, stdout=StringIO())
    testdorp = Gemeente.objects.get(code="GM9001", year=2099)
    assert list(testdorp.wijken.values_list("code", "year")) == [("WK900100", 2099)]
    assert Gemeente.objects.filter(year=2024).count() == 342


def test_command_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        call_command("load_regio", "--year", "2099", "--gemeenten", tmp_path / "nope.csv", stdout=StringIO())


def test_district_of_unknown_municipality_is_refused(db, tmp_path):
    gemeenten, wijken = _write(tmp_path, GEMEENTEN_2099, WIJKEN_2099.replace("GM9001", "GM9002"))
    with pytest.raises(LoadError, match="GM9002"):
        load_cbs(2099, gemeenten, wijken)


def test_missing_column_is_refused(db, tmp_path):
    gemeenten, wijken = _write(tmp_path, "gemeentecode,gemeentenaam\nGM9001,Testdorp\n", WIJKEN_2099)
    with pytest.raises(LoadError, match="provinciecode"):
        load_cbs(2099, gemeenten, wijken)
