"""Load the 342 municipalities and 3,474 districts of 2024 from ``regio/data/`` (Bron: CBS, Kadaster, CC BY 4.0)."""

from django.db import migrations

YEAR = 2024


def load_2024(apps, schema_editor):
    from samenveilig.regio.loader import load_cbs

    load_cbs(
        YEAR,
        gemeente_model=apps.get_model("regio", "Gemeente"),
        wijk_model=apps.get_model("regio", "Wijk"),
        using=schema_editor.connection.alias,
    )


def unload_2024(apps, schema_editor):
    from samenveilig.regio.loader import unload

    unload(YEAR, gemeente_model=apps.get_model("regio", "Gemeente"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("regio", "0001_cbs_municipalities_districts_regions"),
    ]

    operations = [
        migrations.RunPython(load_2024, unload_2024, elidable=False),
    ]
