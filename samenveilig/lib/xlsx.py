"""Excel (XLSX) exports: one or more sheets written with openpyxl's write-only workbook.

Every sheet starts with a bold header row that stays in view when scrolling (frozen panes); every value goes through
:func:`samenveilig.lib.exports.safe_cell`, so a text that a spreadsheet would run as a formula stays text. Column
widths follow the header and the first rows. A cell that needs more than a value (a fill colour, wrapped lines, bold)
is an :class:`XlsxCell`.

Every export is personal data too: the view that serves one also writes an audit entry.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from samenveilig.lib.exports import safe_cell

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIN_WIDTH = 8
MAX_WIDTH = 60
# Column widths are measured on the header and this many rows; the rest streams into the file unmeasured.
MEASURED_ROWS = 200
# Characters Excel refuses in a sheet title, and its maximum length.
_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
_TITLE_LENGTH = 31


@dataclass(frozen=True)
class XlsxCell:
    """A value with a style: ``fill`` is an RGB colour such as ``"FCE4D6"``; ``wrap`` keeps line breaks."""

    value: Any
    bold: bool = False
    fill: str = ""
    wrap: bool = False


@dataclass
class Sheet:
    """One sheet: a title, a header row and rows (a lazy iterable is fine).

    ``freeze`` is the top-left cell that is not frozen: ``"A2"`` keeps the header in view, ``"B2"`` also the first
    column. ``widths`` (characters per column) overrides the measured widths.
    """

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    freeze: str = "A2"
    widths: Sequence[float] | None = None


def _text(value: Any) -> str:
    value = value.value if isinstance(value, XlsxCell) else value
    return "" if value is None else str(safe_cell(value))


def _width(values: Iterable[Any]) -> float:
    longest = 0
    for value in values:
        for line in _text(value).splitlines() or [""]:
            longest = max(longest, len(line))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _cell(worksheet, value: Any, *, bold: bool = False):
    if not isinstance(value, XlsxCell):
        value = XlsxCell(value, bold=bold)
    cell = WriteOnlyCell(worksheet, value=safe_cell(value.value))
    if value.bold or bold:
        cell.font = Font(bold=True)
    if value.fill:
        cell.fill = PatternFill(fill_type="solid", start_color=value.fill, end_color=value.fill)
    if value.wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def sheet_title(title: Any) -> str:
    """A title Excel accepts: no ``[]:*?/\\``, at most 31 characters, never empty."""
    return str(title).translate(_TITLE_FORBIDDEN).strip()[:_TITLE_LENGTH] or "Blad"


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """Write the sheets to an XLSX file and return its bytes."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.title))
        rows = iter(sheet.rows)
        measured = list(itertools.islice(rows, MEASURED_ROWS))
        if sheet.widths is not None:
            widths = list(sheet.widths)
        else:
            widths = [_width(column) for column in itertools.zip_longest(sheet.header, *measured, fillvalue="")]
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        if sheet.freeze:
            worksheet.freeze_panes = sheet.freeze
        worksheet.append([_cell(worksheet, value, bold=True) for value in sheet.header])
        for row in itertools.chain(measured, rows):
            worksheet.append([_cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(stem: str, extension: str = "xlsx") -> str:
    """``stem-YYYY-MM-DD.extension`` with today's local date."""
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


def xlsx_response(stem: str, sheets: Iterable[Sheet]) -> HttpResponse:
    """An attachment download of the sheets, named ``stem-YYYY-MM-DD.xlsx``."""
    response = HttpResponse(workbook_bytes(sheets), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(stem)}"'
    return response
