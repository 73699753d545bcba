"""Seed the managed lists of national programmes and laws, and of funding sources, with the vocabulary of the seed
plans (coordinators and the functioneel beheerder can add their own later)."""

from django.db import migrations

PROGRAMMES = [
    ("geweld-hoort-nergens-thuis", "Geweld hoort nergens thuis"),
    ("kansrijke-start", "Kansrijke start"),
    ("scheiden-zonder-schade", "Scheiden zonder schade"),
    ("ouderen-in-veilige-handen", "Ouderen in veilige handen"),
    ("zorg-voor-de-jeugd", "Zorg voor de Jeugd"),
    ("jeugdwet", "Jeugdwet"),
    ("wet-verplichte-meldcode", "Wet verplichte meldcode huiselijk geweld en kindermishandeling"),
    ("wmo-2015", "Wmo 2015"),
    ("wet-tijdelijk-huisverbod", "Wet tijdelijk huisverbod"),
    ("verdrag-rechten-van-het-kind", "VN-Verdrag inzake de rechten van het kind"),
]
FUNDING_SOURCES = [
    ("duvo-middelen", "DUVO-middelen (decentralisatie-uitkering vrouwenopvang)"),
    ("jeugdhulpbudget", "Jeugdhulpbudget"),
    ("wmo-budget", "Wmo-budget"),
    ("regulier", "Regulier budget"),
    ("transitiebudget", "Transitiebudget"),
    ("specifieke-uitkering", "Specifieke uitkering of subsidie van het Rijk"),
    ("regiobudget", "Regiobudget (centrumgemeente)"),
]


def seed(apps, schema_editor):
    for model_name, terms in (("Programme", PROGRAMMES), ("FundingSource", FUNDING_SOURCES)):
        model = apps.get_model("plannen", model_name)
        for order, (code, name) in enumerate(terms, start=1):
            model.objects.update_or_create(code=code, defaults={"name": name, "order": order * 10})


def unseed(apps, schema_editor):
    for model_name, terms in (("Programme", PROGRAMMES), ("FundingSource", FUNDING_SOURCES)):
        apps.get_model("plannen", model_name).objects.filter(code__in=[c for c, _ in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [("plannen", "0001_plans_themes_activities_costs_evaluations")]
    operations = [migrations.RunPython(seed, unseed)]
