"""The beheerder exports a selection of the log as CSV; the export is itself audited and safe to open in Excel."""

import csv
import datetime
import io

import pytest

from samenveilig import audit
from samenveilig.audit.models import AuditEntry
from samenveilig.audit.tests.helpers import log_at

URL = "/beheer/toegangslog/export.csv"


@pytest.fixture
def beheerder_client(client, personas, login):
    return login(client, personas.beheerder)


def _rows(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_export_is_csv_with_the_filter_applied(beheerder_client, personas):
    log_at(
        datetime.datetime(2026, 3, 1, 9),
        personas.professional,
        "meldcode.dossier.viewed",
        object_type="meldcode.dossier",
        object_id="11",
    )
    log_at(
        datetime.datetime(2026, 3, 2, 9),
        personas.coordinator,
        "meldcode.dossier.viewed",
        object_type="meldcode.dossier",
        object_id="11",
    )
    log_at(
        datetime.datetime(2026, 4, 1, 9),
        personas.professional,
        "meldcode.dossier.viewed",
        object_type="meldcode.dossier",
        object_id="11",
    )

    response = beheerder_client.get(URL, {"actor": "t_professional", "date_to": "2026-03-31"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="toegangslog-')
    assert "no-store" in response["Cache-Control"]
    rows = _rows(response)
    assert len(rows) == 1
    (row,) = rows
    assert row["gebruikersnaam"] == "t_professional"
    assert row["handeling"] == "meldcode.dossier.viewed"
    assert row["object-id"] == "11"
    assert row["tijdstip"] == "2026-03-01T09:00:00+01:00"


def test_export_is_audited(beheerder_client, personas):
    beheerder_client.get(URL, {"object_type": "meldcode.dossier", "object_id": "11"})
    entry = AuditEntry.objects.get(action="audit.log.exported")
    assert entry.actor_id == personas.beheerder.pk
    assert entry.outcome == audit.ALLOWED
    assert entry.purpose == "log review via csv export; filters: object_type, object_id"


def test_export_cells_cannot_run_as_formulas(beheerder_client, personas):
    audit.log(personas.professional, "test.object.viewed", object_type="test.object", object_id="=HYPERLINK(1)")
    rows = _rows(beheerder_client.get(URL, {"object_type": "test.object"}))
    assert rows[0]["object-id"] == "'=HYPERLINK(1)"


def test_export_with_a_backwards_period_is_refused_at_the_field(beheerder_client):
    response = beheerder_client.get(URL, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    assert response.status_code == 400
    assert "date_to" in response.context["form"].errors
    assert not AuditEntry.objects.filter(action="audit.log.exported").exists()


def test_the_export_link_carries_the_filter(beheerder_client, personas):
    audit.log(personas.professional, "test.object.viewed")
    html = beheerder_client.get("/beheer/toegangslog/", {"actor": "t_professional", "page": "1"}).content.decode()
    assert f'href="{URL}?actor=t_professional"' in html
