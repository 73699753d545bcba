"""Seed the shared signal lists (organisation = None) in plain language.

Written for this project after the kinds of signals public signal lists name (child signals by age band, parent
signals after Amsterdam's "Is een kind veilig in het gezin?", partner violence, elder abuse); not a copy of any list.
An organisation adds its own items; an item no longer wanted is switched off (``is_active``), never deleted, so that
signals recorded with it keep their meaning.
"""

from django.db import migrations

CHECKLISTS = {
    "kind_0_4": [
        ("kind-0-4-letsel", "Blauwe plekken of ander letsel zonder passende verklaring"),
        ("kind-0-4-groei", "Blijft achter in groei of gewicht"),
        ("kind-0-4-verzorging", "Ziet er vaak onverzorgd uit (kleding, hygiëne, luier)"),
        ("kind-0-4-angstig", "Schrikt erg, is angstig of juist opvallend stil"),
        ("kind-0-4-hechting", "Zoekt geen troost bij de ouder, of juist bij iedereen"),
        ("kind-0-4-afspraken", "Gemiste afspraken bij consultatiebureau of arts"),
    ],
    "kind_4_12": [
        ("kind-4-12-letsel", "Letsel dat niet past bij de uitleg"),
        ("kind-4-12-vertelt", "Vertelt zelf over geweld, ruzie of angst thuis"),
        ("kind-4-12-gedrag", "Plotselinge verandering in gedrag (agressief, teruggetrokken)"),
        ("kind-4-12-verzuim", "Vaak afwezig of te laat zonder goede reden"),
        ("kind-4-12-honger", "Komt vaak zonder eten of met honger op school"),
        ("kind-4-12-seksueel", "Seksueel gedrag of kennis die niet bij de leeftijd past"),
        ("kind-4-12-naar-huis", "Wil niet naar huis"),
    ],
    "kind_12_18": [
        ("jong-12-18-letsel", "Letsel, of kleding die letsel lijkt te verbergen"),
        ("jong-12-18-vertelt", "Vertelt over geweld, dwang of angst thuis"),
        ("jong-12-18-zelfbeschadiging", "Zelfbeschadiging, somberheid of uitspraken over niet meer willen leven"),
        ("jong-12-18-weglopen", "Loopt weg of slaapt elders"),
        ("jong-12-18-controle", "Wordt sterk gecontroleerd of mag weinig (vrijheid, contacten, kleding)"),
        ("jong-12-18-zorgtaken", "Draagt zorgtaken die niet bij de leeftijd passen"),
        ("jong-12-18-middelen", "Gebruik van alcohol of drugs"),
    ],
    "ouder": [
        ("ouder-afspraken", "Houdt afspraken over het kind niet na"),
        ("ouder-reageert", "Reageert hard, dreigend of onverschillig op het kind"),
        ("ouder-uitleg", "Geeft een uitleg van letsel die niet klopt of steeds verandert"),
        ("ouder-problemen", "Heeft zelf grote problemen (verslaving, psychische klachten, schulden)"),
        ("ouder-geweld", "Spreekt over of vertoont geweld tegen de partner"),
        ("ouder-isolement", "Het gezin leeft geïsoleerd, zonder steun van anderen"),
    ],
    "partnergeweld": [
        ("partner-letsel", "Letsel waarvoor de verklaring niet klopt"),
        ("partner-angst", "Is bang voor de partner of zegt voorzichtig te moeten zijn"),
        ("partner-controle", "De partner controleert geld, telefoon of contacten"),
        ("partner-isolement", "Mag weinig mensen zien of buiten de deur komen"),
        ("partner-kinderen", "Kinderen zijn getuige van ruzie of geweld"),
        ("partner-politie", "Er is eerder politie aan huis geweest"),
    ],
    "ouderenmishandeling": [
        ("oudere-letsel", "Letsel, vallen of blauwe plekken zonder passende verklaring"),
        ("oudere-geld", "Geld of spullen verdwijnen, of een ander beheert het geld zonder toezicht"),
        ("oudere-verwaarlozing", "Te weinig eten, drinken, medicijnen of verzorging"),
        ("oudere-bang", "Is bang of stil in het bijzijn van een mantelzorger of familielid"),
        ("oudere-afgeschermd", "Wordt afgeschermd van bezoek of hulpverleners"),
        ("oudere-overbelast", "De mantelzorger is zichtbaar overbelast"),
    ],
}


def seed(apps, schema_editor):
    ChecklistItem = apps.get_model("meldcode", "ChecklistItem")
    for list_name, items in CHECKLISTS.items():
        for order, (code, text) in enumerate(items, start=1):
            ChecklistItem.objects.update_or_create(
                organisation=None, code=code, defaults={"list_name": list_name, "text": text, "order": order * 10}
            )


def unseed(apps, schema_editor):
    ChecklistItem = apps.get_model("meldcode", "ChecklistItem")
    codes = [code for items in CHECKLISTS.values() for code, _text in items]
    ChecklistItem.objects.filter(organisation=None, code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("meldcode", "0001_dossiers_steps_and_assessments")]

    operations = [migrations.RunPython(seed, unseed)]
