"""The five steps of the Meldcode and the legal rules around them, each in one place with its source.

Sources:

- Wet verplichte meldcode huiselijk geweld en kindermishandeling (2013) and the Besluit verplichte meldcode huiselijk
  geweld en kindermishandeling (Stb. 2013, 211; changed per 1 January 2019, Stb. 2017, 290): a professional follows
  the five steps of their profession's meldcode and documents each step in the dossier.
- Basismodel meldcode huiselijk geweld en kindermishandeling (Rijksoverheid, 2018) for the wording of the steps.
- The conversation of step 3 may be skipped only when it endangers someone's safety or when the professional has
  good reason to believe the client would break off contact (Basismodel, stap 3).
- The kindcheck (Besluit verplichte meldcode, art. 2 sub b, wording unverified): for an adult client whose condition
  may threaten the care of children, check whether there are dependent children (or a pregnancy), how many and how
  old, and act on it.

Where a rule here and the law differ, the law wins: correct it here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.IntegerChoices):
    SIGNALEN = 1, _("Stap 1: signalen in kaart brengen")
    CONSULTATIE = 2, _("Stap 2: collegiale consultatie")
    GESPREK = 3, _("Stap 3: gesprek met de betrokkene")
    WEGEN = 4, _("Stap 4: wegen")
    BESLISSEN = 5, _("Stap 5: beslissen")


@dataclass(frozen=True)
class StepGuide:
    step: int
    title: str
    guidance: str


GUIDES = {
    Step.SIGNALEN: StepGuide(
        Step.SIGNALEN,
        _("Signalen in kaart brengen"),
        _(
            "Schrijf op wat u zag of hoorde, met de datum. Houd feiten (wat u waarnam) apart van uw interpretatie "
            "(wat u denkt dat het betekent). De lijsten met signalen helpen u op weg. Werkt u met een volwassene? "
            "Doe dan ook de kindcheck: zijn er kinderen die van deze volwassene afhankelijk zijn?"
        ),
    ),
    Step.CONSULTATIE: StepGuide(
        Step.CONSULTATIE,
        _("Collegiale consultatie"),
        _(
            "Bespreek de signalen met een collega of de aandachtsfunctionaris. U kunt ook Veilig Thuis om advies "
            "vragen (dat kan in elke stap, zonder de naam van de cliënt) of een deskundige op het gebied van letsel "
            "raadplegen. Leg vast wie u raadpleegde, wat u vroeg en welk advies u kreeg."
        ),
    ),
    Step.GESPREK: StepGuide(
        Step.GESPREK,
        _("Gesprek met de betrokkene"),
        _(
            "Bespreek uw zorgen met de betrokkene (bij een kind ook met de ouders). Leg vast wat u zei en hoe de "
            "betrokkene reageerde. U mag het gesprek alleen overslaan als het de veiligheid van iemand in gevaar "
            "brengt of als u goede redenen hebt om aan te nemen dat de betrokkene het contact verbreekt."
        ),
    ),
    Step.WEGEN: StepGuide(
        Step.WEGEN,
        _("Wegen"),
        _(
            "Weeg het risico, de aard en de ernst van het geweld op basis van stap 1 tot en met 3. Twijfelt u? "
            "Vraag Veilig Thuis om advies."
        ),
    ),
    Step.BESLISSEN: StepGuide(
        Step.BESLISSEN,
        _("Beslissen"),
        _(
            "Beslis met het afwegingskader: is melden bij Veilig Thuis noodzakelijk, en kunt u (ook) zelf hulp "
            "bieden of organiseren? Melden en helpen sluiten elkaar niet uit."
        ),
    ),
}

AFWEGING_GUIDANCE = _(
    "Beantwoord de vragen van het afwegingskader op volgorde, elk met een toelichting. De uitkomst volgt uit uw "
    "antwoorden."
)


class ConversationSkipReason(models.TextChoices):
    """The only two reasons the conversation of step 3 may be skipped (Basismodel meldcode, stap 3)."""

    VEILIGHEID = "veiligheid", _("Het gesprek brengt de veiligheid van iemand in gevaar")
    CONTACT_VERBROKEN = "contact_verbroken", _("De betrokkene zal naar verwachting het contact verbreken")


class YesNoUnknown(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")
    ONBEKEND = "onbekend", _("Onbekend")
