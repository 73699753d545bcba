import csv
import datetime
import io

import pytest
from django.utils.translation import gettext_lazy

from samenveilig.lib.exports import CHUNK_ROWS, csv_stream, safe_cell


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://example.invalid","klik")',
        "+31 6 00000000",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "gewone tekst", "a=b", "1+1", " =niet aan het begin", "'al tekst"])
def test_plain_text_is_left_alone(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize("value", [0, -5, 3.5, datetime.date(2026, 1, 2), True])
def test_values_that_are_not_text_are_left_alone(value):
    assert safe_cell(value) == value


def test_none_becomes_an_empty_cell():
    assert safe_cell(None) == ""


def test_lazy_translations_become_text():
    assert safe_cell(gettext_lazy("=lazy")) == "'=lazy"


def _read(chunks):
    return list(csv.reader(io.StringIO("".join(chunks))))


def test_csv_stream_writes_header_and_rows_with_every_cell_made_safe():
    rows = [["a", "=1+1", None, 7], ["b", "@x", "tekst, met komma", -1]]
    assert _read(csv_stream(["naam", "-kolom", "leeg", "getal"], rows)) == [
        ["naam", "'-kolom", "leeg", "getal"],
        ["a", "'=1+1", "", "7"],
        ["b", "'@x", "tekst, met komma", "-1"],
    ]


def test_csv_stream_is_lazy_and_chunked():
    consumed = []

    def rows():
        for n in range(CHUNK_ROWS * 2 + 1):
            consumed.append(n)
            yield [n]

    stream = csv_stream(["n"], rows())
    assert next(stream) == "n\r\n"
    assert consumed == []  # nothing read before the header went out
    chunks = list(stream)
    assert len(chunks) == 3
    assert len(_read(chunks)) == CHUNK_ROWS * 2 + 1


def test_csv_stream_can_start_with_a_byte_order_mark():
    chunks = list(csv_stream(["é"], [], bom=True))
    assert chunks[0] == "\ufeff"
    assert "".join(chunks).encode("utf-8").startswith(b"\xef\xbb\xbf")
