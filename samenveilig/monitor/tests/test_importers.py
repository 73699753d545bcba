"""CBS StatLine imports: v3 and v4 give identical series; '.' stays empty; problems by row and column; all or
nothing; versions replace and keep history; a changed definition splits the series."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from samenveilig.monitor import importers, services
from samenveilig.monitor.models import DatasetVersion, Indicator, Observation, Series, Status
from samenveilig.monitor.tests.conftest import DATA

pytestmark = pytest.mark.django_db


def _load(name):
    return json.loads((DATA / name).read_text())


def _series_snapshot():
    return sorted(
        (
            o.series.indicator.code,
            o.series.dimension,
            o.series.category,
            o.series.category_label,
            o.series.region_code,
            o.series.region_kind,
            o.period,
            o.value,
            o.status,
        )
        for o in Observation.objects.select_related("series__indicator")
    )


def test_v3_and_v4_exports_of_the_same_table_import_to_identical_series():
    services.import_parsed(importers.parse_v3_json(_load("v3_bundle.json")), actor=None)
    from_v3 = _series_snapshot()
    Observation.objects.all().delete()
    Series.objects.all().delete()
    DatasetVersion.objects.all().delete()
    Indicator.objects.all().delete()

    services.import_parsed(importers.parse_v4_json(_load("v4_bundle.json")), actor=None)

    assert _series_snapshot() == from_v3
    assert len(from_v3) == 36


def test_table_id_titles_and_dimensions_come_from_the_file():
    parsed = importers.parse_v3_json(_load("v3_bundle.json"))
    assert parsed.identifier == "90001TST"
    assert parsed.version == "2024-06-01"
    assert sorted(parsed.measures) == ["adviezen", "meldingen"]
    record = next(r for r in parsed.records if r.category == "A048360")
    assert record.dimension == "AardVanHetGeweld"
    assert record.category_label == "Kindermishandeling"
    # the total category drops out of the breakdown; space-padded region keys are trimmed
    totals = [r for r in parsed.records if r.dimension == ""]
    assert {r.region_code for r in totals} == {"GM9501", "NL01"}


def test_a_suppressed_value_stays_empty_and_provisional_periods_are_marked():
    services.import_parsed(importers.parse_v4_json(_load("v4_bundle.json")), actor=None)
    suppressed = Observation.objects.filter(value__isnull=True)
    assert suppressed.count() == 2
    assert set(suppressed.values_list("status", flat=True)) == {Status.UNKNOWN}
    assert set(Observation.objects.filter(period="2023").exclude(value=None).values_list("status", flat=True)) == {
        Status.PROVISIONAL
    }
    assert set(Observation.objects.filter(period="2022").values_list("status", flat=True)) == {Status.DEFINITIVE}
    assert Observation.objects.filter(period="2023HJ1").exists()


def test_statline_csv_with_semicolons_decimal_commas_and_dots():
    text = (
        '"ID";"RegioS";"Perioden";"Percentage_1";"Aantal_2"\n'
        '0;"GM9501    ";"2022JJ00";"12,5";"1.234"\n'
        '1;"GM9501    ";"2023JJ00";".";"-"\n'
    )
    parsed = importers.parse_csv(text, identifier="90002TST")
    values = {(r.measure, r.period): (r.value, r.status) for r in parsed.records}
    assert values[("percentage_1", "2022")] == (Decimal("12.5"), Status.DEFINITIVE)
    assert values[("aantal_2", "2022")] == (Decimal("1234"), Status.DEFINITIVE)
    assert values[("percentage_1", "2023")] == (None, Status.UNKNOWN)  # "." is never a zero
    assert values[("aantal_2", "2023")] == (Decimal(0), Status.DEFINITIVE)  # "-" is CBS's nihil


def test_csv_takes_the_table_id_from_the_file_name():
    content = (DATA / "90001TST_TypedDataSet.csv").read_bytes()
    parsed = importers.parse_file(content, filename="90001TST_TypedDataSet.csv")
    assert parsed.identifier == "90001TST"
    assert len(parsed.records) == 36


def test_the_bare_v3_answer_gives_its_table_id_in_the_metadata_address():
    parsed = importers.parse_file((DATA / "v3_bare.json").read_bytes(), filename="x.json")
    assert parsed.identifier == "90001TST"
    assert parsed.file_format == "odata-v3"


def test_problems_are_reported_by_row_and_column_and_nothing_is_stored():
    data = _load("v3_bundle.json")
    data["TypedDataSet"][4]["Adviezen_1"] = "veel"
    data["TypedDataSet"][6]["Perioden"] = "2023XX01"
    with pytest.raises(importers.ImportFailed) as failed:
        services.import_parsed(importers.parse_v3_json(data), actor=None)
    problems = {(p.row, p.column) for p in failed.value.problems}
    assert problems == {(5, "Adviezen_1"), (7, "Perioden")}
    assert "Rij 5, kolom Adviezen_1" in str(failed.value.problems[0])
    assert not Observation.objects.exists()


def test_a_failure_while_storing_rolls_everything_back(monkeypatch):
    parsed = importers.parse_v3_json(_load("v3_bundle.json"))
    calls = []

    def explode(done, total):
        calls.append(done)
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        services.import_parsed(parsed, actor=None, progress=explode)
    assert calls
    assert not Observation.objects.exists()
    assert not Series.objects.exists()
    assert not DatasetVersion.objects.exists()


def test_reimporting_a_version_replaces_it_and_a_newer_one_becomes_current():
    data = _load("v3_bundle.json")
    services.import_parsed(importers.parse_v3_json(data), actor=None)
    data["TypedDataSet"][0]["Adviezen_1"] = 55
    services.import_parsed(importers.parse_v3_json(data), actor=None)
    assert DatasetVersion.objects.count() == 1
    assert Observation.objects.count() == 36

    data["TableInfos"][0]["Modified"] = "2024-12-01T02:00:00"
    data["TypedDataSet"][0]["Adviezen_1"] = 60
    services.import_parsed(importers.parse_v3_json(data), actor=None)
    versions = dict(DatasetVersion.objects.values_list("label", "is_current"))
    assert versions == {"2024-06-01": False, "2024-12-01": True}
    first = Observation.objects.filter(series__region_code="GM9501", series__dimension="", period="2022")
    first = first.filter(series__indicator__code="cbs-90001tst-adviezen")
    assert sorted(first.values_list("version__label", "value")) == [("2024-06-01", 55), ("2024-12-01", 60)]


def test_a_changed_definition_splits_the_series():
    data = _load("v3_bundle.json")
    services.import_parsed(importers.parse_v3_json(data), actor=None)
    data["TableInfos"][0]["Modified"] = "2025-01-01"
    data["DataProperties"][3]["Description"] = "Adviezen, nu geteld na onderzoek (andere definitie)."
    services.import_parsed(importers.parse_v3_json(data), actor=None)

    new = Indicator.objects.get(code="cbs-90001tst-adviezen--v2")
    assert new.replaces.code == "cbs-90001tst-adviezen"
    assert not Series.objects.filter(indicator=new, observations__version__label="2024-06-01").exists()
    assert Series.objects.filter(indicator=new, observations__version__label="2025-01-01").exists()


def test_period_codes():
    from samenveilig.monitor.periods import normalise

    assert normalise("2021JJ00") == "2021"
    assert normalise("2021HJ02") == "2021HJ2"
    assert normalise("2021 1e halfjaar*") == "2021HJ1"
    assert normalise(2021.0) == "2021"
    with pytest.raises(ValueError):
        normalise("2021KW01")


def test_the_command_imports_with_progress_and_reports_problems(tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("monitor_import", str(DATA / "v4_bundle.json"), stdout=out)
    assert "36/36 values (100%)" in out.getvalue()
    assert Observation.objects.count() == 36

    bad = tmp_path / "90003TST.csv"
    bad.write_text('"ID";"RegioS";"Perioden";"Aantal_1"\n0;"GM9501";"2022JJ00";"veel"\n')
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("monitor_import", str(bad), stdout=StringIO(), stderr=err)
    assert "Rij 2, kolom Aantal_1" in err.getvalue()
