"""Starting points for a new plan: the themes, pillars and action lines of the seed plans.

Each template names its source. A coordinator picks one (or none) when making a plan; the themes can be renamed,
reordered and extended afterwards. Theme names stay in Dutch: they are the words of the source documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PlanTemplate:
    key: str
    label: str
    source: str
    theme_label: str
    themes: tuple[str, ...]


TEMPLATES = (
    PlanTemplate(
        key="zwijndrecht",
        label=_("Vier thema's (Zwijndrecht, aanpak kindermishandeling 2017–2018)"),
        source="Zwijndrecht, 'Het houdt niet op, niet vanzelf' 2017–2018",
        theme_label="thema",
        themes=("Preventie", "Signaleren en handelen", "Samenwerking", "Informatie delen en privacy"),
    ),
    PlanTemplate(
        key="veilig_samen_leven",
        label=_("Drie pijlers (Veilig Samen Leven, Utrecht West)"),
        source="De Ronde Venen, Montfoort, Stichtse Vecht, Woerden: 'Veilig Samen Leven'",
        theme_label="pijler",
        themes=("Bewustwording en preventie", "Kennis en vaardigheden", "Samenwerken en integraliteit"),
    ),
    PlanTemplate(
        key="west_betuwe",
        label=_("Drie actielijnen (West Betuwe, lokaal plan 2022–2025)"),
        source="West Betuwe, lokaal plan huiselijk geweld en kindermishandeling 2022–2025",
        theme_label="actielijn",
        themes=(
            "Inzet op preventie en signalering",
            "Versterken van het lokale team: expertise en inzet Team Sociaal",
            "Bevorderen van samenwerking met lokale ketenpartners",
        ),
    ),
    PlanTemplate(
        key="regio_gelderland_zuid",
        label=_("Vier actielijnen (regioaanpak Gelderland-Zuid 2021–2025)"),
        source="Regioaanpak huiselijk geweld en kindermishandeling Gelderland-Zuid 2021–2025 (in seed 004)",
        theme_label="actielijn",
        themes=(
            "Preventie en signalering",
            "Versterken expertise lokale teams",
            "Slimmere keten: datagestuurd werken en aanpak op casusniveau",
            "Intensieve samenwerking veiligheidspartners",
        ),
    ),
)

BY_KEY = {template.key: template for template in TEMPLATES}


def choices() -> list[tuple[str, str]]:
    return [("", _("Geen: ik voeg zelf thema's toe"))] + [(t.key, t.label) for t in TEMPLATES]
