"""Helpers for exports of (personal) data to spreadsheets.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return in front of one) is run as a formula
by Excel and LibreOffice when the file is opened: a value someone typed into the application could then fetch a
URL or run a command on the reader's computer ("CSV injection"). :func:`safe_cell` puts a ``'`` in front of such a
text, which spreadsheets read as "this is text", and :func:`csv_stream` applies it to every cell.

Every export is personal data too: the view that serves one also writes an audit entry.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.functional import Promise

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Rows are written to the response in chunks of this many, not one by one.
CHUNK_ROWS = 200


def safe_cell(value: Any) -> Any:
    """Return ``value`` fit for a spreadsheet cell: ``None`` becomes empty, a text that a spreadsheet would read as
    a formula gets a leading ``'``. Numbers, dates and other values are returned unchanged."""
    if value is None:
        return ""
    if isinstance(value, Promise):  # a lazy translation, e.g. a column header
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_stream(header: Iterable[Any], rows: Iterable[Iterable[Any]], *, bom: bool = False) -> Iterator[str]:
    """Yield a CSV document (header first) in chunks of text, every cell passed through :func:`safe_cell`.

    Meant for ``StreamingHttpResponse(csv_stream(...))``: rows may be a lazy iterator (``queryset.iterator()``) so that
    a large export never sits in memory. ``bom=True`` starts with a UTF-8 byte order mark, which makes Excel read
    accented characters correctly.
    """
    writer = csv.writer(_Echo())
    if bom:
        yield "\ufeff"
    yield writer.writerow([safe_cell(value) for value in header])
    chunk: list[str] = []
    for row in rows:
        chunk.append(writer.writerow([safe_cell(value) for value in row]))
        if len(chunk) >= CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)
