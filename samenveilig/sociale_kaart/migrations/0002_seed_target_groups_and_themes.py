"""Seed the managed lists with the vocabulary of the seed plans (organisations can add their own later)."""

from django.db import migrations

TARGET_GROUPS = [
    ("0-4", "0-4 jaar"),
    ("4-12", "4-12 jaar"),
    ("12-18", "12-18 jaar"),
    ("18-23", "18-23 jaar"),
    ("ouders", "Ouders"),
    ("aanstaande-ouders", "Aanstaande ouders"),
    ("ouderen", "Ouderen"),
    ("mantelzorgers", "Mantelzorgers"),
    ("slachtoffers", "Slachtoffers"),
    ("plegers", "Plegers"),
    ("professionals", "Professionals"),
]
THEMES = [
    ("kindermishandeling", "Kindermishandeling"),
    ("partnergeweld", "Partnergeweld"),
    ("ouderenmishandeling", "Ouderenmishandeling"),
    ("complexe-scheiding", "Complexe scheiding"),
    ("eergerelateerd-geweld", "Eergerelateerd geweld"),
    ("seksueel-geweld", "Seksueel geweld"),
    ("loverboyproblematiek", "Loverboyproblematiek"),
    ("financieel-misbruik", "Financieel misbruik"),
    ("opvoedondersteuning", "Opvoedondersteuning"),
    ("weerbaarheid", "Weerbaarheid"),
]


def seed(apps, schema_editor):
    for model_name, terms in (("TargetGroup", TARGET_GROUPS), ("Theme", THEMES)):
        model = apps.get_model("sociale_kaart", model_name)
        for order, (code, name) in enumerate(terms, start=1):
            model.objects.update_or_create(code=code, defaults={"name": name, "order": order * 10})


def unseed(apps, schema_editor):
    for model_name, terms in (("TargetGroup", TARGET_GROUPS), ("Theme", THEMES)):
        apps.get_model("sociale_kaart", model_name).objects.filter(code__in=[c for c, _ in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [("sociale_kaart", "0001_map_entries_services_locations_contacts")]
    operations = [migrations.RunPython(seed, unseed)]
