import datetime
import io

import time_machine
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from samenveilig.lib.xlsx import CONTENT_TYPE, MAX_WIDTH, Sheet, XlsxCell, sheet_title, workbook_bytes, xlsx_response


def _open(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_writes_header_and_rows_with_a_bold_frozen_header():
    data = workbook_bytes([Sheet("Overzicht", ["naam", gettext_lazy("aantal")], [["Alfa", 3], ["Bèta", 4]])])

    sheet = _open(data)["Overzicht"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [["naam", "aantal"], ["Alfa", 3], ["Bèta", 4]]
    assert sheet["A1"].font.bold and sheet["B1"].font.bold
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"


def test_every_cell_is_made_safe_against_formulas():
    rows = [['=HYPERLINK("http://example.invalid","klik")', XlsxCell("@SUM(A1)", fill="FCE4D6")]]
    data = workbook_bytes([Sheet("Blad", ["=kop"], rows)])

    sheet = _open(data)["Blad"]
    assert sheet["A1"].value == "'=kop"
    assert sheet["A2"].value == '\'=HYPERLINK("http://example.invalid","klik")'
    assert sheet["B2"].value == "'@SUM(A1)"
    assert sheet["A2"].data_type == "s"


def test_none_dates_and_numbers():
    data = workbook_bytes([Sheet("Blad", ["a", "b", "c"], [[None, datetime.date(2024, 5, 1), 2.5]])])

    sheet = _open(data)["Blad"]
    assert sheet["A2"].value in ("", None)
    assert sheet["B2"].value == datetime.datetime(2024, 5, 1)
    assert sheet["C2"].value == 2.5


def test_styled_cells_keep_fill_bold_and_wrapped_lines():
    rows = [[XlsxCell("Geen aanbod", fill="FCE4D6")], [XlsxCell("een\ntwee", wrap=True, bold=True)]]
    data = workbook_bytes([Sheet("Blad", ["x"], rows)])

    sheet = _open(data)["Blad"]
    assert sheet["A2"].fill.fgColor.rgb.endswith("FCE4D6")
    assert sheet["A3"].alignment.wrap_text
    assert sheet["A3"].font.bold
    assert sheet["A3"].value == "een\ntwee"


def test_column_widths_follow_the_content_within_limits():
    rows = [["kort", "x" * 200, "een\nregel die langer is"]]
    sheet = _open(workbook_bytes([Sheet("Blad", ["a", "b", "c"], rows)]))["Blad"]

    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["C"].width
    assert sheet.column_dimensions["B"].width == MAX_WIDTH


def test_explicit_widths_and_freeze_and_several_sheets():
    data = workbook_bytes(
        [
            Sheet("Een", ["a", "b"], [[1, 2]], freeze="B2", widths=[10, 30]),
            Sheet("Twee", ["c"], iter([[3]])),
        ]
    )

    book = _open(data)
    assert book.sheetnames == ["Een", "Twee"]
    assert book["Een"].freeze_panes == "B2"
    assert book["Een"].column_dimensions["B"].width == 30
    assert book["Twee"]["A2"].value == 3


def test_sheet_titles_are_made_acceptable_to_excel():
    assert sheet_title("Preventie: 12/18 [concept]?") == "Preventie  12 18  concept"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("") == "Blad"


@time_machine.travel(datetime.datetime(2024, 3, 7, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_response_is_an_attachment_with_the_date_in_its_name():
    response = xlsx_response("preventiematrix", [Sheet("Blad", ["a"], [[1]])])

    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="preventiematrix-2024-03-07.xlsx"'
    assert _open(response.content)["Blad"]["A2"].value == 1
