"""Dossier free text and identifying details are not readable in the database (raw tables, history included)."""

import datetime

import pytest
from django.db import connection

from samenveilig.meldcode import services
from samenveilig.meldcode.models import Dossier

pytestmark = pytest.mark.django_db

SECRETS = [
    "Geheimnaam Testkind",
    "111222333",
    "Voorbeeldstraat 12",
    "2016-03-01",
    "BLAUWEPLEK",
    "VERMOEDEN",
    "ADVIESTEKST",
    "REACTIETEKST",
    "WEGINGTEKST",
    "AFWEGINGREDEN",
    "BESLUITTEKST",
]


def raw_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return [" ".join(str(value) for value in row) for row in cursor.fetchall()]


def test_free_text_and_identifying_details_are_encrypted_at_rest(personas, acting):
    user = acting(personas.professional)
    day = datetime.date(2025, 1, 6)
    dossier = services.create_dossier(
        user,
        concern="kindermishandeling",
        local_reference="LL-1",
        person={
            "kind": "kind",
            "name": "Geheimnaam Testkind",
            "bsn": "111222333",
            "address": "Voorbeeldstraat 12",
            "date_of_birth": datetime.date(2016, 3, 1),
        },
    )
    services.add_signal(user, dossier, observed_on=day, fact="BLAUWEPLEK", interpretation="VERMOEDEN")
    services.add_consultation(
        user, dossier, consulted_on=day, kind="collega", with_whom="Collega", question="Vraag", advice="ADVIESTEKST"
    )
    services.add_conversation(user, dossier, held=True, held_on=day, said="Besproken", reaction="REACTIETEKST")
    services.add_weighing(user, dossier, weighed_on=day, note="WEGINGTEKST")
    dossier.refresh_from_db()
    services.assess(
        user,
        dossier,
        answers=("ja", "nee", "ja", "ja", "nog_niet"),
        reasons=("AFWEGINGREDEN",) * 5,
        outcome="hulp",
        decision_note="BESLUITTEKST",
        version=dossier.version,
    )
    person = dossier.persons.get()
    dossier.refresh_from_db()
    services.edit_person(
        user,
        person,
        data={
            "kind": "kind",
            "name": "Geheimnaam Testkind",
            "bsn": "111222333",
            "address": "Voorbeeldstraat 12",
            "date_of_birth": "2016-03-01",
        },
        version=dossier.version,
    )

    tables = [
        model._meta.db_table
        for model in connection.introspection.installed_models(connection.introspection.table_names())
        if model._meta.app_label == "meldcode"
    ]
    assert "meldcode_historicalpersonconcerned" in tables and "meldcode_signalentry" in tables
    for table in tables:
        for row in raw_rows(table):
            for secret in SECRETS:
                assert secret not in row, f"{secret!r} readable in {table}"
    # ...and the application reads them back.
    person = Dossier.objects.get(pk=dossier.pk).persons.get()
    assert person.name == "Geheimnaam Testkind" and person.bsn == "111222333"
    assert person.birth_date == datetime.date(2016, 3, 1)
