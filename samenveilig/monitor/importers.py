"""Read CBS StatLine exports into one shape, :class:`Parsed`, that :func:`samenveilig.monitor.services.import_parsed`
stores.

Three formats carry the same figures:

- **OData v3** ``TypedDataSet`` as JSON: one row per combination of dimensions, one column per topic. Either the
  bare answer of ``…/<table>/TypedDataSet`` (``{"odata.metadata": …, "value": [...]}``: the table id comes from the
  metadata address) or a bundle of the v3 endpoints: ``{"TableInfos": …, "DataProperties": [...], "TypedDataSet":
  [...], "Perioden": [...], "RegioS": [...]}`` (titles, units and the provisional status of periods come from there).
- **StatLine CSV**: the same rows with ``;`` between fields, decimal commas, ``.`` for a suppressed or unknown value.
  The table id is given by the caller or read from the file name (``84847NED_TypedDataSet….csv``).
- **OData v4** long format: one observation per row (``Id, Measure, <dimensions…>, Value, ValueAttribute``), bare
  (``{"@odata.context": …/<table>/$metadata#Observations", "value": [...]}``) or as a bundle with ``Properties``,
  ``MeasureCodes``, ``Dimensions`` and ``<dimension>Codes``.

Nothing here depends on a table number: the table id, the topics and the dimensions come from the file. A topic is
identified by its title (v3 keys and v4 measure codes differ; the titles are the same), so the same table read from
v3 and from v4 gives identical series. A category that is a total (a CBS key ``T`` + digits, or a title starting
with "Totaal") drops out of the series' breakdown.

Values: ``null``, ``.`` or an empty cell is *unknown or suppressed* and stays empty — never a zero; ``-`` is CBS's
"nihil" and is a zero. A period whose title ends in ``*`` or whose status is "Voorlopig" is provisional.

Every problem is reported with its row (1 = the first data row; for CSV the file's line number) and column; one
problem means nothing is stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenveilig.monitor import periods
from samenveilig.monitor.models import RegionKind, Source, Status, Unit

MAX_PROBLEMS = 50  # stop collecting after this many: the file is clearly not what we expect
TABLE_ID = re.compile(r"^\d{5}[A-Z]{3}$")
_TABLE_IN_URL = re.compile(r"/(\d{5}[A-Z]{3})/")
_TABLE_IN_NAME = re.compile(r"(\d{5}[A-Z]{3})")
_TOPIC_KEY = re.compile(r"_\d+$")
_TOTAL_KEY = re.compile(r"^T\d+$")
_REGION_KEY = re.compile(r"^(GM|NL|PV|VR|LD|CR|WK|BU|RE|JZ|GG|PP|RB|VT)\w*$")
TIME_DIMENSION = "Perioden"
V4_FIELDS = {"Id", "Measure", "ValueAttribute", "Value", "StringValue"}
V4_UNKNOWN = {"Missing", "Impossible", "Confidential", "Unknown"}


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.column}: {self.message}" if self.column else str(self.message)
        return _("Rij %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class Measure:
    key: str  # identity across formats: the slug of the title
    title: str
    unit: str = Unit.COUNT
    description: str = ""


@dataclass(frozen=True)
class Record:
    measure: str  # Measure.key
    dimension: str
    category: str
    category_label: str
    region_code: str
    region_label: str
    period: str
    value: Decimal | None
    status: str

    @property
    def region_kind(self) -> str:
        if self.region_code.startswith("GM"):
            return RegionKind.GEMEENTE
        if self.region_code.startswith("NL"):
            return RegionKind.LAND
        return RegionKind.REGIO


@dataclass
class Parsed:
    source: str
    identifier: str
    title: str
    version: str
    file_format: str
    measures: dict[str, Measure] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, row, column, message) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, str(column), str(message)))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ImportFailed(self.problems)


# --- values and codes ------------------------------------------------------------------------------------------------


def parse_value(raw, *, decimal_comma: bool = False) -> tuple[Decimal | None, bool]:
    """``(value, ok)``: ``None`` for unknown/suppressed; ``ok`` is False for text that is not a number."""
    if raw is None:
        return None, True
    if isinstance(raw, bool):
        return None, False
    if isinstance(raw, int | float):
        return Decimal(str(raw)), True
    text = str(raw).strip()
    if text in ("", ".", "x", "?"):
        return None, True
    if text == "-":  # CBS: nihil
        return Decimal(0), True
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text), True
    except InvalidOperation:
        return None, False


def _unit(text: str) -> str:
    text = (text or "").strip().lower()
    if text in ("%", "procent", "percent", "percentage"):
        return Unit.PERCENT
    if "1 000" in text or "1000" in text or "1.000" in text:
        return Unit.PER_1000
    return Unit.COUNT


def _measure(key: str, title: str = "", unit: str = "", description: str = "") -> Measure:
    title = (title or key).strip()
    return Measure(key=slugify(title)[:100] or slugify(key), title=title, unit=_unit(unit), description=description)


def _is_total(key: str, title: str) -> bool:
    return bool(_TOTAL_KEY.match(key)) or title.strip().lower().startswith("totaal")


def _is_region_dimension(name: str, values: list[str]) -> bool:
    if name.lower().startswith(("regio", "wijkenenbuurten", "gemeente")):
        return True
    return bool(values) and all(_REGION_KEY.match(value) for value in values)


def _codes(entries) -> dict[str, dict]:
    """A code list (v3 ``[{"Key", "Title", "Status"}]`` or v4 ``[{"Identifier", "Title", "Status"}]``) by code."""
    if isinstance(entries, dict):
        entries = entries.get("value", [])
    result = {}
    for entry in entries or []:
        if isinstance(entry, dict):
            code = str(entry.get("Key", entry.get("Identifier", ""))).strip()
            result[code] = entry
    return result


def _rows(value) -> list:
    if isinstance(value, dict):
        value = value.get("value", [])
    return value if isinstance(value, list) else []


class _Dimensions:
    """Turns one row's dimension codes into a region, a period (with status) and a breakdown."""

    def __init__(self, names: list[str], code_lists: dict[str, dict[str, dict]], region: str | None):
        self.names = names
        self.code_lists = code_lists
        self.region = region
        self.breakdown = [name for name in names if name not in (region, TIME_DIMENSION)]

    def title(self, name: str, code: str) -> str:
        entry = self.code_lists.get(name, {}).get(code)
        return str(entry.get("Title", code)).strip() if entry else code

    def read(self, row: dict, number: int, problems: _Collector):
        """``(region_code, region_label, period, provisional, dimension, category, category_label)`` or None."""
        ok = True
        region_code = str(row.get(self.region, "") or "").strip() if self.region else ""
        if not region_code:
            problems.add(number, self.region or "RegioS", _("Geen gebied."))
            ok = False
        elif not _REGION_KEY.match(region_code):
            problems.add(number, self.region, _("Onbekende gebiedscode “%(code)s”.") % {"code": region_code})
            ok = False
        raw_period = str(row.get(TIME_DIMENSION, "") or "").strip()
        period = ""
        try:
            period = periods.normalise(raw_period)
        except ValueError:
            problems.add(
                number,
                TIME_DIMENSION,
                _("Onbekende periode “%(period)s”: verwacht 2021JJ00 of 2021HJ01.") % {"period": raw_period},
            )
            ok = False
        if not ok:
            return None
        period_entry = self.code_lists.get(TIME_DIMENSION, {}).get(raw_period, {})
        provisional = (
            raw_period.endswith("*")
            or str(period_entry.get("Status", "")).lower() == "voorlopig"
            or str(period_entry.get("Title", "")).strip().endswith("*")
        )
        dims, keys, labels = [], [], []
        for name in self.breakdown:
            key = str(row.get(name, "") or "").strip()
            label = self.title(name, key)
            if _is_total(key, label):
                continue
            dims.append(name)
            keys.append(key)
            labels.append(label)
        region_label = self.title(self.region, region_code) if self.region else region_code
        region_label = "" if region_label == region_code else region_label
        return region_code, region_label, period, provisional, "|".join(dims), "|".join(keys), " | ".join(labels)


def _status(value, provisional: bool) -> str:
    if value is None:
        return Status.UNKNOWN
    return Status.PROVISIONAL if provisional else Status.DEFINITIVE


# --- OData v3 (JSON and CSV) -----------------------------------------------------------------------------------------


def _wide(
    rows: list[dict],
    *,
    parsed: Parsed,
    properties: list[dict],
    code_lists: dict[str, dict[str, dict]],
    decimal_comma: bool,
    first_row: int,
    problems: _Collector,
) -> None:
    """Rows with one column per topic (v3 TypedDataSet, StatLine CSV) into records."""
    columns = list(rows[0].keys()) if rows else []
    topics: dict[str, Measure] = {}
    dimensions: list[str] = []
    region = None
    if properties:
        for prop in properties:
            key, kind = str(prop.get("Key", "")), str(prop.get("Type", ""))
            if kind == "Topic":
                topics[key] = _measure(key, prop.get("Title", ""), prop.get("Unit", ""), prop.get("Description") or "")
            elif kind == "GeoDimension":
                region = key
                dimensions.append(key)
            elif kind.endswith("Dimension"):
                dimensions.append(key)
    else:
        for column in columns:
            if column == "ID":
                continue
            if _TOPIC_KEY.search(column):
                topics[column] = _measure(column)
            else:
                dimensions.append(column)
        for name in dimensions:
            if name != TIME_DIMENSION and _is_region_dimension(name, [str(r.get(name, "")).strip() for r in rows[:50]]):
                region = name
                break
    if not topics:
        problems.add(None, "", _("Het bestand bevat geen onderwerpen (kolommen met waarden)."))
    if TIME_DIMENSION not in dimensions:
        problems.add(None, TIME_DIMENSION, _("Het bestand heeft geen kolom Perioden."))
    if region is None:
        problems.add(None, "RegioS", _("Het bestand heeft geen kolom met gebieden (RegioS)."))
    problems.raise_if_any()
    for column in topics:
        if columns and column not in columns:
            problems.add(None, column, _("Deze kolom ontbreekt."))
    problems.raise_if_any()
    parsed.measures.update({measure.key: measure for measure in topics.values()})
    reader = _Dimensions(dimensions, code_lists, region)
    for offset, row in enumerate(rows):
        number = first_row + offset
        where = reader.read(row, number, problems)
        for column, measure in topics.items():
            value, ok = parse_value(row.get(column), decimal_comma=decimal_comma)
            if not ok:
                problems.add(number, column, _("“%(value)s” is geen getal.") % {"value": row.get(column)})
                continue
            if where is None:
                continue
            region_code, region_label, period, provisional, dimension, category, category_label = where
            parsed.records.append(
                Record(
                    measure=measure.key,
                    dimension=dimension,
                    category=category,
                    category_label=category_label,
                    region_code=region_code,
                    region_label=region_label,
                    period=period,
                    value=value,
                    status=_status(value, provisional),
                )
            )


def _table_info(info) -> dict:
    if isinstance(info, list):
        return info[0] if info else {}
    if isinstance(info, dict) and "value" in info:
        return (info["value"] or [{}])[0]
    return info or {}


def _version_of(modified: str) -> str:
    return str(modified or "")[:10]


def parse_v3_json(data: dict) -> Parsed:
    problems = _Collector()
    if not isinstance(data, dict):
        raise ImportFailed([Problem(None, "", _("Dit is geen OData-bestand van CBS StatLine."))])
    if "TypedDataSet" in data:
        rows = _rows(data["TypedDataSet"])
        info = _table_info(data.get("TableInfos"))
        properties = _rows(data.get("DataProperties"))
        code_lists = {
            name: _codes(value)
            for name, value in data.items()
            if name not in ("TypedDataSet", "TableInfos", "DataProperties") and isinstance(value, list | dict)
        }
    else:
        rows = _rows(data)
        info, properties, code_lists = {}, [], {}
        match = _TABLE_IN_URL.search(str(data.get("odata.metadata", "")))
        if match:
            info = {"Identifier": match.group(1)}
    identifier = str(info.get("Identifier", "")).strip()
    if not TABLE_ID.match(identifier):
        problems.add(None, "TableInfos", _("Het tabelnummer van CBS ontbreekt in het bestand."))
    if not rows:
        problems.add(None, "TypedDataSet", _("Het bestand bevat geen rijen."))
    problems.raise_if_any()
    parsed = Parsed(
        source=Source.CBS,
        identifier=identifier,
        title=str(info.get("Title") or identifier),
        version=_version_of(info.get("Modified", "")),
        file_format="odata-v3",
    )
    _wide(
        rows,
        parsed=parsed,
        properties=properties,
        code_lists=code_lists,
        decimal_comma=False,
        first_row=1,
        problems=problems,
    )
    problems.raise_if_any()
    return parsed


def parse_csv(text: str, *, identifier: str = "", filename: str = "", title: str = "", version: str = "") -> Parsed:
    problems = _Collector()
    if not identifier and (match := _TABLE_IN_NAME.search(PurePath(filename).name)):
        identifier = match.group(1)
    if not TABLE_ID.match(identifier):
        raise ImportFailed([Problem(None, "", _("Geef het tabelnummer van CBS op, bijvoorbeeld 84847NED."))])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    fieldnames = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = fieldnames
    rows = [{key: value for key, value in row.items() if key is not None} for row in reader]
    if not rows:
        raise ImportFailed([Problem(None, "", _("Het bestand bevat geen rijen."))])
    for number, row in enumerate(rows, start=2):
        if len([value for value in row.values() if value is not None]) != len(fieldnames):
            problems.add(number, "", _("Deze regel heeft niet evenveel velden als de kopregel."))
    problems.raise_if_any()
    parsed = Parsed(
        source=Source.CBS, identifier=identifier, title=title or identifier, version=version, file_format="csv"
    )
    _wide(rows, parsed=parsed, properties=[], code_lists={}, decimal_comma=True, first_row=2, problems=problems)
    problems.raise_if_any()
    return parsed


# --- OData v4 ------------------------------------------------------------------------------------------------------


def parse_v4_json(data: dict) -> Parsed:
    problems = _Collector()
    if not isinstance(data, dict):
        raise ImportFailed([Problem(None, "", _("Dit is geen OData-bestand van CBS StatLine."))])
    if "Observations" in data:
        rows = _rows(data["Observations"])
        info = _table_info(data.get("Properties"))
        measure_codes = _codes(data.get("MeasureCodes"))
        declared = _rows(data.get("Dimensions"))
        code_lists = {
            name[: -len("Codes")]: _codes(value)
            for name, value in data.items()
            if name.endswith("Codes") and name != "MeasureCodes"
        }
    else:
        rows = _rows(data)
        info, measure_codes, declared, code_lists = {}, {}, [], {}
        match = _TABLE_IN_URL.search(str(data.get("@odata.context", "")))
        if match:
            info = {"Identifier": match.group(1)}
    identifier = str(info.get("Identifier", "")).strip()
    if not TABLE_ID.match(identifier):
        problems.add(None, "Properties", _("Het tabelnummer van CBS ontbreekt in het bestand."))
    if not rows:
        problems.add(None, "Observations", _("Het bestand bevat geen rijen."))
    problems.raise_if_any()
    if declared:
        dimensions = [str(d.get("Identifier")) for d in declared]
        region = next((str(d["Identifier"]) for d in declared if d.get("Kind") == "GeoDimension"), None)
    else:
        dimensions = [name for name in rows[0] if name not in V4_FIELDS]
        region = next(
            (
                name
                for name in dimensions
                if name != TIME_DIMENSION
                and _is_region_dimension(name, [str(r.get(name, "")).strip() for r in rows[:50]])
            ),
            None,
        )
    if TIME_DIMENSION not in dimensions:
        problems.add(None, TIME_DIMENSION, _("Het bestand heeft geen kolom Perioden."))
    if region is None:
        problems.add(None, "RegioS", _("Het bestand heeft geen kolom met gebieden (RegioS)."))
    problems.raise_if_any()
    parsed = Parsed(
        source=Source.CBS,
        identifier=identifier,
        title=str(info.get("Title") or identifier),
        version=_version_of(info.get("Modified", "")),
        file_format="odata-v4",
    )
    reader = _Dimensions(dimensions, code_lists, region)
    for number, row in enumerate(rows, start=1):
        code = str(row.get("Measure", "") or "").strip()
        if not code:
            problems.add(number, "Measure", _("Geen onderwerp."))
            continue
        entry = measure_codes.get(code, {})
        measure = _measure(code, entry.get("Title", ""), entry.get("Unit", ""), entry.get("Description") or "")
        parsed.measures.setdefault(measure.key, measure)
        value, ok = parse_value(row.get("Value"))
        if not ok:
            problems.add(number, "Value", _("“%(value)s” is geen getal.") % {"value": row.get("Value")})
            continue
        if str(row.get("ValueAttribute", "None")) in V4_UNKNOWN:
            value = None
        where = reader.read(row, number, problems)
        if where is None:
            continue
        region_code, region_label, period, provisional, dimension, category, category_label = where
        parsed.records.append(
            Record(
                measure=measure.key,
                dimension=dimension,
                category=category,
                category_label=category_label,
                region_code=region_code,
                region_label=region_label,
                period=period,
                value=value,
                status=_status(value, provisional),
            )
        )
    problems.raise_if_any()
    return parsed


# --- by file -------------------------------------------------------------------------------------------------------


def parse_file(content: bytes, *, filename: str = "", identifier: str = "") -> Parsed:
    """Read an uploaded or given file: JSON (v3 or v4, told apart by its content) or StatLine CSV."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        from samenveilig.monitor import vt_report

        raise ImportFailed([Problem(None, "", vt_report.use_report_form_message())])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportFailed([Problem(None, "", _("Het bestand is geen tekstbestand (UTF-8)."))]) from None
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise ImportFailed([Problem(error.lineno, "", _("Geen geldige JSON."))]) from None
        if "Observations" in data or "#Observations" in str(data.get("@odata.context", "")):
            return parse_v4_json(data)
        return parse_v3_json(data)
    return parse_csv(text, identifier=identifier, filename=filename)
