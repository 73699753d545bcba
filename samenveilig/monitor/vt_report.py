"""A municipality's own Veilig Thuis report, entered in a downloadable XLSX template.

The template has one row per measure (advice requests, reports) × breakdown (total, by source, by type of violence)
× category, and one column per period (``2021`` or ``2021HJ1``; add a column for another period, end a period's
heading with ``*`` for provisional figures). An empty cell, ``.`` or ``--`` means "not known" and stays empty: it is
never read as a zero. Categories follow Veilig Thuis's registration (see DOMAIN.md, "Veilig Thuis categories"); a
row with an unknown category, a non-number or a negative number is reported by row and column, and nothing is
stored.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from samenveilig.monitor import periods
from samenveilig.monitor.importers import ImportFailed, Measure, Parsed, Problem, Record, _Collector, parse_value
from samenveilig.monitor.models import Source, Status, Unit

SHEET = "Cijfers"
MEASURES = {
    "adviezen": gettext_lazy("Adviezen"),
    "meldingen": gettext_lazy("Meldingen"),
}
MEASURE_DEFINITIONS = {
    "adviezen": gettext_lazy(
        "Adviesvragen aan Veilig Thuis over inwoners van de gemeente (directbetrokkenen, omstanders en "
        "professionals), volgens de eigen rapportage van Veilig Thuis aan de gemeente."
    ),
    "meldingen": gettext_lazy(
        "Meldingen bij Veilig Thuis van (een vermoeden van) huiselijk geweld of kindermishandeling bij inwoners van de "
        "gemeente, volgens de eigen rapportage van Veilig Thuis aan de gemeente."
    ),
}
TOTAL = ""
DIMENSIONS = {
    TOTAL: gettext_lazy("Totaal"),
    "bron": gettext_lazy("Bron"),
    "soort": gettext_lazy("Soort geweld"),
}
CATEGORIES = {
    "bron": {
        "politie": gettext_lazy("Politie"),
        "onderwijs_kinderopvang": gettext_lazy("Onderwijs/kinderopvang"),
        "huisarts": gettext_lazy("Huisarts"),
        "gezondheidszorg": gettext_lazy("Overige gezondheidszorg"),
        "jeugdhulp": gettext_lazy("Jeugdhulp"),
        "justitie": gettext_lazy("Justitie"),
        "overig_beroepsmatig": gettext_lazy("Overig beroepsmatig"),
        "niet_beroepsmatig": gettext_lazy("Niet-beroepsmatig (burgers, familie)"),
    },
    "soort": {
        "kindermishandeling": gettext_lazy("Kindermishandeling"),
        "partnergeweld": gettext_lazy("(Ex-)partnergeweld"),
        "ouderenmishandeling": gettext_lazy("Ouderenmishandeling"),
        "complexe_scheiding": gettext_lazy("Complexe scheidingen"),
        "eergerelateerd_geweld": gettext_lazy("Eergerelateerd geweld"),
        "geweld_tegen_ouders": gettext_lazy("Geweld tegen ouders"),
        "overig_huiselijk_geweld": gettext_lazy("Overig huiselijk geweld"),
    },
}
EMPTY_MARKS = {"", ".", "--", "-- ", "–", "—", "onbekend", "n.b."}


def _key(text) -> str:
    return slugify(str(text or "").replace("/", " ").replace("(", " ").replace(")", " "))


def _lookup(table: dict, text) -> str | None:
    """The code whose code or label (in Dutch or English: a template may come from either) matches ``text``."""
    wanted = _key(text)
    for code, label in table.items():
        names = {_key(code)}
        for language in ("nl", "en"):
            with translation.override(language):
                names.add(_key(label))
        if wanted in names:
            return code
    return None


def use_report_form_message() -> str:
    return _("Een XLSX-bestand is een eigen rapportage van Veilig Thuis: gebruik het formulier voor het sjabloon.")


# --- the template --------------------------------------------------------------------------------------------------


def template_rows() -> list[tuple[str, str, str]]:
    rows = [(str(MEASURES[m]), str(DIMENSIONS[TOTAL]), "") for m in MEASURES]
    for dimension, categories in CATEGORIES.items():
        for category in categories.values():
            for measure in MEASURES.values():
                rows.append((str(measure), str(DIMENSIONS[dimension]), str(category)))
    return rows


def template_bytes(period_headings: list[str]) -> bytes:
    """The template with the given period columns, empty values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    header = [_("Maat"), _("Indeling"), _("Categorie"), *period_headings]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in template_rows():
        sheet.append(list(row))
    sheet.freeze_panes = "D2"
    for index, width in enumerate([14, 16, 38] + [12] * len(period_headings), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = len(template_rows()) + 200
    measures = DataValidation(type="list", formula1='"{}"'.format(",".join(str(m) for m in MEASURES.values())))
    dims = DataValidation(type="list", formula1='"{}"'.format(",".join(str(d) for d in DIMENSIONS.values())))
    sheet.add_data_validation(measures)
    sheet.add_data_validation(dims)
    measures.add(f"A2:A{last}")
    dims.add(f"B2:B{last}")
    notes = workbook.create_sheet(_("Toelichting"))
    for line in (
        _("Eigen rapportage van Veilig Thuis — invulsjabloon van Samen Veilig"),
        _(
            "Vul per periode het aantal adviezen en meldingen in, in totaal en waar bekend per bron en per "
            "soort geweld."
        ),
        _("Een periode is een jaar (2021) of een halfjaar (2021HJ1). Voeg kolommen toe voor meer perioden."),
        _("Zet een * achter de periode als de cijfers voorlopig zijn, bijvoorbeeld 2024*."),
        _("Laat een vak leeg als het aantal niet bekend is: een leeg vak blijft leeg en wordt nooit een 0."),
        _("Categorieën bij Bron: %(list)s.") % {"list": ", ".join(str(c) for c in CATEGORIES["bron"].values())},
        _("Categorieën bij Soort geweld: %(list)s.")
        % {"list": ", ".join(str(c) for c in CATEGORIES["soort"].values())},
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading a filled-in template ----------------------------------------------------------------------------------


def _cell_value(raw, number: int, column: str, problems: _Collector) -> tuple[Decimal | None, bool]:
    if isinstance(raw, str) and raw.strip().lower() in EMPTY_MARKS:
        return None, True
    value, ok = parse_value(raw, decimal_comma=isinstance(raw, str))
    if not ok:
        problems.add(number, column, _("“%(value)s” is geen getal.") % {"value": raw})
        return None, False
    if value is not None and value < 0:
        problems.add(number, column, _("Een aantal kan niet negatief zijn."))
        return None, False
    return value, True


def parse_report(content: bytes, *, gemeente_code: str, gemeente_name: str, version: str) -> Parsed:
    problems = _Collector()
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not an XLSX workbook
        raise ImportFailed([Problem(None, "", _("Dit is geen XLSX-bestand."))]) from None
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    workbook.close()
    if not rows:
        raise ImportFailed([Problem(None, "", _("Het blad %(sheet)s is leeg.") % {"sheet": SHEET})])
    header = list(rows[0])
    columns: list[tuple[int, str, str, bool]] = []  # index, letter, period, provisional
    for index, heading in enumerate(header[3:], start=3):
        letter = get_column_letter(index + 1)
        if heading is None or str(heading).strip() == "":
            continue
        text = str(int(heading)) if isinstance(heading, float) and heading.is_integer() else str(heading).strip()
        try:
            period = periods.normalise(text)
        except ValueError:
            problems.add(1, letter, _("“%(value)s” is geen periode: gebruik 2021 of 2021HJ1.") % {"value": heading})
            continue
        if any(period == seen for _i, _l, seen, _p in columns):
            problems.add(1, letter, _("De periode %(period)s staat er twee keer in.") % {"period": period})
            continue
        columns.append((index, letter, period, text.endswith("*")))
    if not columns and not problems.problems:
        problems.add(1, "D", _("Er staat geen periode in de kopregel."))
    problems.raise_if_any()
    parsed = Parsed(
        source=Source.VT_REPORT,
        identifier=gemeente_code,
        title=_("Veilig Thuis-rapportage %(gemeente)s") % {"gemeente": gemeente_name},
        version=version,
        file_format="xlsx",
    )
    for code, name in MEASURES.items():
        parsed.measures[code] = Measure(
            key=code, title=str(name), unit=Unit.COUNT, description=str(MEASURE_DEFINITIONS[code])
        )
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        row = list(row) + [None] * (len(header) - len(row))
        if all(value is None or str(value).strip() == "" for value in row):
            continue
        measure = _lookup(MEASURES, row[0])
        if measure is None:
            problems.add(number, "A", _("Onbekende maat “%(value)s”: kies Adviezen of Meldingen.") % {"value": row[0]})
        dimension = _lookup(DIMENSIONS, row[1]) if str(row[1] or "").strip() else None
        category, category_label = "", ""
        if dimension is None:
            problems.add(
                number, "B", _("Onbekende indeling “%(value)s”: kies Totaal, Bron of Soort geweld.") % {"value": row[1]}
            )
        elif dimension == TOTAL:
            if str(row[2] or "").strip():
                problems.add(number, "C", _("Bij het totaal hoort geen categorie."))
        else:
            category = _lookup(CATEGORIES[dimension], row[2]) or ""
            if not category:
                problems.add(
                    number,
                    "C",
                    _("Onbekende categorie “%(value)s” bij %(dimension)s.")
                    % {"value": row[2] or "", "dimension": DIMENSIONS[dimension]},
                )
            else:
                category_label = str(CATEGORIES[dimension][category])
        if measure is None or dimension is None or (dimension and not category):
            continue
        key = (measure, dimension, category)
        if key in seen:
            problems.add(number, "A", _("Deze regel staat er al (rij %(row)s).") % {"row": seen[key]})
            continue
        seen[key] = number
        for index, letter, period, provisional in columns:
            value, ok = _cell_value(row[index], number, letter, problems)
            if not ok:
                continue
            status = Status.UNKNOWN if value is None else Status.PROVISIONAL if provisional else Status.DEFINITIVE
            parsed.records.append(
                Record(
                    measure=measure,
                    dimension=dimension,
                    category=category,
                    category_label=category_label,
                    region_code=gemeente_code,
                    region_label=gemeente_name,
                    period=period,
                    value=value,
                    status=status,
                )
            )
    problems.raise_if_any()
    if not any(record.value is not None for record in parsed.records):
        raise ImportFailed([Problem(None, "", _("Het sjabloon bevat geen regels met cijfers."))])
    return parsed
