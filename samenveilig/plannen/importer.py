"""Import of activities from XLSX: every problem named by row and column; nothing is imported when any row fails.

The template (:func:`template_sheets`) has one row per activity with at most one cost line; lists in a cell are
separated by ``;``. Names are matched without regard to case: the theme by its name in the plan, organisations by
their name on the sociale kaart, target groups, programmes and funding sources by name or code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from samenveilig.accounts.models import Organisation
from samenveilig.lib.xlsx import Sheet
from samenveilig.plannen.forms import clean_planning
from samenveilig.plannen.models import MAX_YEAR, MIN_YEAR, Activity, FundingSource, Plan, Programme
from samenveilig.sociale_kaart.models import TargetGroup

MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    header: object  # a lazy translation
    required: bool = False


COLUMNS = (
    Column("theme", gettext_lazy("Thema"), required=True),
    Column("goal", gettext_lazy("Doel")),
    Column("what", gettext_lazy("Wat"), required=True),
    Column("organisations", gettext_lazy("Wie (organisaties op de sociale kaart, gescheiden door ;)")),
    Column("who_text", gettext_lazy("Wie (anders)")),
    Column("target_groups", gettext_lazy("Doelgroepen (gescheiden door ;)")),
    Column("target_group_text", gettext_lazy("Doelgroep (anders)")),
    Column("programmes", gettext_lazy("Landelijk programma of wet (gescheiden door ;)")),
    Column("planning", gettext_lazy("Planning (maanden, kwartaal of doorlopend)")),
    Column("start_year", gettext_lazy("Beginjaar")),
    Column("start_month", gettext_lazy("Beginmaand (1-12)")),
    Column("end_year", gettext_lazy("Eindjaar")),
    Column("end_month", gettext_lazy("Eindmaand (1-12)")),
    Column("quarter", gettext_lazy("Kwartaal (1-4)")),
    Column("priority", gettext_lazy("Prioriteit (hoog, normaal, laag)")),
    Column("status", gettext_lazy("Status (gepland, loopt, gereed, vervallen)")),
    Column("done_on", gettext_lazy("Gereed op (datum)")),
    Column("capacity_hours", gettext_lazy("Capaciteit (uren)")),
    Column("capacity_unit", gettext_lazy("Capaciteit per (week of maand)")),
    Column("cost_description", gettext_lazy("Begrotingspost")),
    Column("cost_year", gettext_lazy("Kosten: jaar")),
    Column("cost_until_year", gettext_lazy("Kosten: tot en met jaar")),
    Column("funding_source", gettext_lazy("Financieringsbron")),
    Column("amount", gettext_lazy("Bedrag per jaar (euro)")),
)
LETTER = {column.key: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
HEADER = {column.key: column.header for column in COLUMNS}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # the letter, e.g. "K"; "" for the whole file
    header: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return _("Rij %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Rij %(row)s, kolom %(column)s (%(header)s): %(message)s") % {
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "message": self.message,
        }


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def template_sheets(plan: Plan) -> list[Sheet]:
    example = {
        "theme": plan.themes.order_by("order", "pk").values_list("name", flat=True).first() or "",
        "goal": _("Toenemende bekendheid van de meldcode"),
        "what": _("Voorlichting aan professionals over de werkwijze van Veilig Thuis"),
        "who_text": _("Beleidsadviseur"),
        "planning": "maanden",
        "start_year": plan.start_year,
        "start_month": 2,
        "end_year": plan.start_year,
        "end_month": 2,
        "priority": "normaal",
        "status": "gepland",
        "capacity_hours": 2,
        "capacity_unit": "week",
        "cost_description": _("Training meldcode"),
        "cost_year": plan.start_year,
        "cost_until_year": plan.end_year,
        "funding_source": "jeugdhulpbudget",
        "amount": 5000,
    }
    lists = [
        [_("Thema's van dit plan"), "; ".join(plan.themes.order_by("order", "pk").values_list("name", flat=True))],
        [_("Doelgroepen"), "; ".join(TargetGroup.objects.filter(is_active=True).values_list("name", flat=True))],
        [
            _("Landelijke programma's en wetten"),
            "; ".join(Programme.objects.filter(is_active=True).values_list("name", flat=True)),
        ],
        [
            _("Financieringsbronnen"),
            "; ".join(FundingSource.objects.filter(is_active=True).values_list("code", flat=True)),
        ],
    ]
    return [
        Sheet(
            title=_("Activiteiten"),
            header=[str(column.header) for column in COLUMNS],
            rows=[[example.get(column.key, "") for column in COLUMNS]],
        ),
        Sheet(title=_("Keuzelijsten"), header=[_("Lijst"), _("Waarden")], rows=lists),
    ]


def read(plan: Plan, content: bytes) -> list[dict]:
    """Validate every row of the uploaded workbook; return the activities to create or raise :class:`ImportFailed`
    with all problems found."""
    if len(content) > MAX_BYTES:
        raise ImportFailed([Problem(0, "", "", _("Het bestand is groter dan 5 MB."))])
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a file that is not a workbook
        raise ImportFailed([Problem(0, "", "", _("Dit is geen XLSX-bestand. Gebruik het sjabloon."))]) from None
    worksheet = workbook.worksheets[0]
    rows = worksheet.iter_rows(values_only=True)
    header = next(rows, None)
    expected = [str(column.header) for column in COLUMNS]
    found = [str(value).strip() if value is not None else "" for value in (header or ())][: len(expected)]
    if found != expected:
        workbook.close()
        raise ImportFailed(
            [Problem(1, "", "", _("De kolommen kloppen niet met het sjabloon. Download het sjabloon opnieuw."))]
        )
    lookups = _Lookups(plan)
    problems: list[Problem] = []
    result = []
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            problems.append(Problem(number, "", "", _("Meer dan %(max)s regels.") % {"max": MAX_ROWS}))
            break
        cells = {column.key: values[index] if index < len(values) else None for index, column in enumerate(COLUMNS)}
        if all(value is None or str(value).strip() == "" for value in cells.values()):
            continue
        row = _Row(number, cells, lookups, problems, plan)
        activity = row.parse()
        if activity is not None:
            result.append(activity)
    workbook.close()
    if not result and not problems:
        problems.append(Problem(0, "", "", _("Het bestand bevat geen activiteiten.")))
    if problems:
        raise ImportFailed(problems)
    return result


class _Lookups:
    def __init__(self, plan: Plan):
        self.themes = {theme.name.strip().lower(): theme for theme in plan.themes.all()}
        self.organisations = {o.name.lower(): o for o in Organisation.objects.filter(is_active=True)}
        self.target_groups = _terms(TargetGroup)
        self.programmes = _terms(Programme)
        self.funding_sources = _terms(FundingSource)


def _terms(model) -> dict:
    found = {}
    for term in model.objects.filter(is_active=True):
        found[term.name.lower()] = term
        found[term.code.lower()] = term
    return found


class _Row:
    def __init__(self, number, cells, lookups, problems, plan):
        self.number, self.cells, self.lookups, self.problems, self.plan = number, cells, lookups, problems, plan
        self.failed = False

    def problem(self, key: str, message: str) -> None:
        self.failed = True
        self.problems.append(Problem(self.number, LETTER[key], str(HEADER[key]), message))

    def text(self, key: str, max_length: int | None = None) -> str:
        value = self.cells[key]
        result = "" if value is None else str(value).strip()
        if not result and any(column.key == key and column.required for column in COLUMNS):
            self.problem(key, _("Verplicht."))
        if max_length and len(result) > max_length:
            self.problem(key, _("Te lang: hoogstens %(max)s tekens.") % {"max": max_length})
        return result

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self.cells[key]
        if value is None or str(value).strip() == "":
            return None
        try:
            number = Decimal(str(value).strip())
            if number != number.to_integral_value():
                raise InvalidOperation
            result = int(number)
        except (InvalidOperation, ValueError):
            self.problem(key, _("Geen geheel getal: %(value)s.") % {"value": value})
            return None
        if not low <= result <= high:
            self.problem(key, _("Moet tussen %(low)s en %(high)s liggen.") % {"low": low, "high": high})
            return None
        return result

    def decimal(self, key: str, places: str = "0.01", maximum: int = 10**10) -> Decimal | None:
        value = self.cells[key]
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip().replace("€", "").replace(" ", "")
        if isinstance(value, str) and "," in text:
            text = text.replace(".", "").replace(",", ".")  # Dutch notation: 23.280,50
        try:
            result = Decimal(text)
        except InvalidOperation:
            self.problem(key, _("Geen bedrag: %(value)s.") % {"value": value})
            return None
        if result < 0:
            self.problem(key, _("Mag niet negatief zijn."))
            return None
        if result != result.quantize(Decimal(places)) or result >= maximum:
            self.problem(key, _("Te veel cijfers: %(value)s.") % {"value": value})
            return None
        return result.quantize(Decimal(places))

    def choice(self, key: str, choices, default: str) -> str:
        value = self.text(key).lower()
        if not value:
            return default
        if value not in choices.values:
            self.problem(
                key,
                _("Onbekende waarde %(value)s; kies uit: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices.values)},
            )
            return default
        return value

    def many(self, key: str, table: dict, kind: str) -> list:
        found = []
        for name in (part.strip() for part in self.text(key).split(";")):
            if not name:
                continue
            item = table.get(name.lower())
            if item is None:
                self.problem(key, _("%(kind)s %(name)s is onbekend.") % {"kind": kind, "name": name})
            else:
                found.append(item)
        return found

    def day(self, key: str) -> date | None:
        value = self.cells[key]
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d-%m-%Y").date()):
            try:
                return parse(text)
            except ValueError:
                continue
        self.problem(key, _("Geen datum: %(value)s (schrijf 2022-02-14 of 14-02-2022).") % {"value": value})
        return None

    def parse(self) -> dict | None:
        theme_name = self.text("theme")
        theme = self.lookups.themes.get(theme_name.lower()) if theme_name else None
        if theme_name and theme is None:
            self.problem("theme", _("Dit plan heeft geen %(name)s.") % {"name": theme_name})
        data = {
            "theme": theme,
            "goal": self.text("goal"),
            "what": self.text("what"),
            "who_text": self.text("who_text", 300),
            "target_group_text": self.text("target_group_text", 200),
            "organisations": self.many("organisations", self.lookups.organisations, _("Organisatie")),
            "target_groups": self.many("target_groups", self.lookups.target_groups, _("Doelgroep")),
            "programmes": self.many("programmes", self.lookups.programmes, _("Programma of wet")),
            "planning": self.choice("planning", Activity.Planning, Activity.Planning.MONTHS),
            "start_year": self.integer("start_year", MIN_YEAR, MAX_YEAR),
            "start_month": self.integer("start_month", 1, 12),
            "end_year": self.integer("end_year", MIN_YEAR, MAX_YEAR),
            "end_month": self.integer("end_month", 1, 12),
            "quarter": self.integer("quarter", 1, 4),
            "priority": self.choice("priority", Activity.Priority, Activity.Priority.NORMAL),
            "status": self.choice("status", Activity.Status, Activity.Status.PLANNED),
            "done_on": self.day("done_on"),
            "capacity_hours": self.decimal("capacity_hours", "0.1", 10**5),
            "capacity_unit": self.choice("capacity_unit", Activity.CapacityUnit, Activity.CapacityUnit.WEEK),
        }
        keys = {"quarter": "quarter", "start_year": "start_year", "start_month": "start_month"}
        keys.update({"end_year": "end_year", "end_month": "end_month"})
        clean_planning(data, lambda name, message: self.problem(keys.get(name, "planning"), str(message)))
        data.pop("quarter", None)
        if data["status"] == Activity.Status.DONE and data["done_on"] is None:
            self.problem("done_on", _("Verplicht bij status gereed."))
        if data["status"] != Activity.Status.DONE and data["done_on"] is not None:
            self.problem("done_on", _("Alleen bij status gereed."))
        costs = self.cost()
        if self.failed:
            return None
        data["costs"] = costs
        return data

    def cost(self) -> list[dict]:
        amount = self.decimal("amount")
        year = self.integer("cost_year", MIN_YEAR, MAX_YEAR)
        until = self.integer("cost_until_year", MIN_YEAR, MAX_YEAR)
        description = self.text("cost_description", 200)
        source_name = self.text("funding_source")
        source = self.lookups.funding_sources.get(source_name.lower()) if source_name else None
        if source_name and source is None:
            self.problem("funding_source", _("Financieringsbron %(name)s is onbekend.") % {"name": source_name})
        if amount is None and year is None and not description and not source_name and until is None:
            return []
        if amount is None:
            self.problem("amount", _("Vul het bedrag in, of laat alle kostenkolommen leeg."))
        if year is None:
            self.problem("cost_year", _("Vul het jaar in, of laat alle kostenkolommen leeg."))
        if year and until and until < year:
            self.problem("cost_until_year", _("Dit jaar ligt voor het eerste jaar."))
        return [
            {
                "description": description,
                "year": year,
                "until_year": until if until != year else None,
                "funding_source": source,
                "amount": amount,
            }
        ]
