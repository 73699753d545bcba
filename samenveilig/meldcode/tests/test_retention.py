"""Retention: run with the clock moved past the term, the job deletes a closed dossier — its steps, its change
history and what was sent to Veilig Thuis with it — and leaves a deletion record without personal data."""

import datetime as dt

import pytest
import time_machine
from django.db import connection

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.audit.models import AuditEntry
from samenveilig.core.jobs import run_job
from samenveilig.meldcode import retention
from samenveilig.meldcode.models import (
    DeletionRecord,
    Dossier,
    DossierMember,
    FollowUp,
    PersonConcerned,
    SignalEntry,
)
from samenveilig.meldcode.models_vt import Melding
from samenveilig.meldcode.tests.factories import DossierFactory, MemberFactory, record_steps_1_to_3

pytestmark = pytest.mark.django_db
CLOSED_ON = dt.date(2020, 1, 10)


def run(day: dt.date):
    now = dt.datetime.combine(day, dt.time(3, 0), tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False):
        run = run_job("meldcode.retention", now, force=True)
    assert run.outcome == "succeeded", run.error
    return run


@pytest.fixture
def closed(personas):
    """A closed dossier of the school (onderwijs: no statutory term, 5 years), with history, steps and a report."""
    dossier = DossierFactory(owner=personas.professional)
    person = dossier.persons.get()
    person.name = "Testkind Bewaartermijn"
    person.save()  # a second history row with the (encrypted) name
    record_steps_1_to_3(dossier, personas.professional)
    MemberFactory(dossier=dossier, user=personas.colleague, added_by=personas.professional)
    FollowUp.objects.create(dossier=dossier, kind="hulp_controleren", due_on=CLOSED_ON)
    Melding.objects.create(
        dossier=dossier,
        kind="melding",
        organisation=dossier.organisation,
        sender=personas.professional,
        vt_organisation=Organisation.objects.get(sector=Sector.VEILIG_THUIS),
        content="Inhoud van de melding",
    )
    dossier.status, dossier.closed_on = "gesloten", CLOSED_ON
    dossier.save()
    return dossier


def history_rows(dossier_id: int) -> int:
    return Dossier.history.filter(id=dossier_id).count() + PersonConcerned.history.filter(dossier_id=dossier_id).count()


def test_dossier_is_kept_until_its_term_ends(closed):
    run(dt.date(2025, 1, 9))
    assert Dossier.objects.filter(pk=closed.pk).exists()
    assert not DeletionRecord.objects.exists()


def test_job_past_the_term_deletes_the_dossier_and_leaves_a_record(closed):
    pk = closed.pk
    assert history_rows(pk) >= 3
    result = run(dt.date(2025, 1, 10))
    assert "1 dossiers verwijderd" in result.summary
    assert not Dossier.objects.filter(pk=pk).exists()
    assert not PersonConcerned.objects.filter(dossier_id=pk).exists()
    assert not SignalEntry.objects.filter(dossier_id=pk).exists()
    assert not DossierMember.objects.filter(dossier_id=pk).exists()
    assert not FollowUp.objects.filter(dossier_id=pk).exists()
    assert not Melding.objects.filter(dossier_id=pk).exists()
    # The change history holds the same encrypted personal data: it goes too (also the "deleted" row it adds).
    assert history_rows(pk) == 0
    record = DeletionRecord.objects.get()
    assert (record.dossier_id, record.organisation_id, record.closed_on) == (pk, closed.organisation_id, CLOSED_ON)
    assert (record.sector, record.rule, record.retention_years, record.concern) == (
        "onderwijs",
        "avg_noodzaak",
        5,
        "kindermishandeling",
    )
    entry = AuditEntry.objects.get(action="meldcode.dossier.deleted")
    assert entry.object_id == str(pk) and entry.actor_id is None


def test_deletion_record_and_audit_hold_no_personal_data(closed):
    run(dt.date(2025, 6, 1))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {DeletionRecord._meta.db_table}")
        rows = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert closed.local_reference not in rows
    assert "Testkind" not in rows
    purposes = " ".join(AuditEntry.objects.filter(action="meldcode.dossier.deleted").values_list("purpose", flat=True))
    assert closed.local_reference not in purposes


def test_running_again_deletes_nothing_more(closed):
    run(dt.date(2025, 6, 1))
    second = run(dt.date(2025, 6, 2))
    assert second.summary.startswith("0 dossiers verwijderd")
    assert DeletionRecord.objects.count() == 1


def test_open_dossiers_are_never_deleted(personas):
    dossier = DossierFactory(owner=personas.professional)
    run(dt.date(2090, 1, 1))
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def test_health_care_keeps_twenty_years(personas, closed):
    closed.organisation.sector = Sector.HUISARTS
    closed.organisation.save()
    run(dt.date(2039, 12, 31))
    assert Dossier.objects.filter(pk=closed.pk).exists()
    run(dt.date(2040, 1, 10))
    assert not Dossier.objects.filter(pk=closed.pk).exists()
    assert DeletionRecord.objects.get().rule == "wgbo"


def test_a_setting_overrides_the_years_of_a_sector(closed, settings):
    settings.SAMENVEILIG_MELDCODE_RETENTION_YEARS = {"onderwijs": 2}
    run(dt.date(2022, 1, 10))
    record = DeletionRecord.objects.get()
    assert (record.retention_years, record.rule) == (2, "avg_noodzaak:instelling")


def test_an_unknown_sector_in_the_setting_stops_the_checks(settings):
    settings.SAMENVEILIG_MELDCODE_RETENTION_YEARS = {"scholen": 3}
    errors = retention.retention_sectors_are_known(None)
    assert errors and errors[0].id == "meldcode.E002"


def test_a_malformed_setting_fails_loudly():
    import os
    import subprocess
    import sys

    env = {**os.environ, "SAMENVEILIG_MELDCODE_RETENTION_YEARS": "onderwijs=5"}
    result = subprocess.run(
        [sys.executable, "-c", "import samenveilig.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SAMENVEILIG_MELDCODE_RETENTION_YEARS" in result.stderr


def test_29_february_plus_years_is_28_february():
    assert retention.add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
