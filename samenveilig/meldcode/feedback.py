"""Feedback (terugkoppeling) from Veilig Thuis to the professional who reported: the legal rules, in one place.

Sources:

- Wet maatschappelijke ondersteuning 2015, art. 4.1.1 (as changed by the Wet verplichte meldcode, in force 2019) and
  the Besluit: Veilig Thuis informs a professional who reported **at least after the safety assessment
  (veiligheidsbeoordeling) and after an investigation (onderzoek)** about whether it started follow-up, to whom it
  handed the case, and — where the reporter has a role in it — the safety conditions and the monitoring agreements.
- Handelingsprotocol Veilig Thuis (2019): the safety assessment comes within five working days of a report (at once
  when the unsafety is acute); an investigation's outcome is bevestigd, niet bevestigd or weerlegd.
- The term of an investigation (ten weeks) is the Handelingsprotocol's norm as secondary sources give it: verify
  before relying on it.

Working days here are Monday to Friday; public holidays are not counted out (a follow-up may come due a day early,
never late). Where this module and the law differ, the law wins: correct it here.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from samenveilig.meldcode.vt_workflow import Soort, VtStatus

# When feedback is expected after sending, in working days (the safety assessment's term).
FEEDBACK_DUE_WORKING_DAYS = {Soort.MELDING: 5, Soort.ADVIESVRAAG: 5}
# When feedback is expected again after an investigation started, in weeks.
INVESTIGATION_WEEKS = 10


class Overdracht(models.TextChoices):
    """To whom Veilig Thuis handed the case (Handelingsprotocol 2019, 'overdracht')."""

    LOKAAL_TEAM = "lokaal_team", _("Het lokale (wijk)team")
    BESTAANDE_HULP = "bestaande_hulp", _("De hulpverlening die al betrokken is")
    MDA = "mda", _("Multidisciplinaire aanpak (MDA++)")
    RAAD = "raad", _("De Raad voor de Kinderbescherming")
    GEZIN = "gezin", _("Het gezin zelf")
    NIEMAND = "niemand", _("Niemand: Veilig Thuis blijft zelf betrokken")


class Onderzoeksuitkomst(models.TextChoices):
    BEVESTIGD = "bevestigd", _("Bevestigd")
    NIET_BEVESTIGD = "niet_bevestigd", _("Niet bevestigd")
    WEERLEGD = "weerlegd", _("Weerlegd")


class JaNee(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")


def is_legal_feedback(kind: str, old: str, new: str) -> bool:
    """Is this status change a moment at which the law requires feedback to the reporter?

    After the safety assessment, and after an investigation (leaving *onderzoek*). Only for reports: an advice request
    is answered by the advice itself.
    """
    return kind == Soort.MELDING and (new == VtStatus.VEILIGHEIDSBEOORDELING or old == VtStatus.ONDERZOEK)


def required_fields(kind: str, old: str, new: str, *, reporter_has_role: bool | None) -> list[str]:
    """The structured fields Veilig Thuis must fill in for this status change (besides the message)."""
    fields = []
    if is_legal_feedback(kind, old, new):
        fields += ["follow_up_started", "handed_to", "reporter_has_role"]
        if reporter_has_role:
            fields += ["safety_conditions", "monitoring_agreements"]
    elif new == VtStatus.OVERGEDRAGEN:
        fields.append("handed_to")
    if old == VtStatus.ONDERZOEK:
        fields.append("investigation_outcome")
    return fields


REQUIRED_MESSAGES = {
    "message": _("Schrijf een bericht aan de melder."),
    "follow_up_started": _("Geef aan of er een vervolg is ingezet."),
    "handed_to": _("Geef aan aan wie de zaak is overgedragen."),
    "reporter_has_role": _("Geef aan of de melder een rol heeft in de veiligheid of de monitoring."),
    "safety_conditions": _("Beschrijf de veiligheidsvoorwaarden waarin de melder een rol heeft."),
    "monitoring_agreements": _("Beschrijf de afspraken over monitoring waarin de melder een rol heeft."),
    "investigation_outcome": _("Geef de uitkomst van het onderzoek."),
}


def check_feedback(kind: str, old: str, new: str, data: dict) -> dict[str, str]:
    """Field errors for a status update: the message always, the legal fields at the legal moments."""
    errors = {}
    if not (data.get("message") or "").strip():
        errors["message"] = REQUIRED_MESSAGES["message"]
    for field in required_fields(kind, old, new, reporter_has_role=data.get("reporter_has_role")):
        value = data.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[field] = REQUIRED_MESSAGES[field]
    return errors


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def feedback_due(kind: str, sent_on: datetime.date) -> datetime.date:
    """When feedback is expected for what was sent on ``sent_on``."""
    return add_working_days(sent_on, FEEDBACK_DUE_WORKING_DAYS[kind])


def due_after_update(kind: str, new: str, today: datetime.date, current_due: datetime.date | None):
    """The follow-up's due date after a status change: closed by the legal feedback, reopened by an investigation."""
    if new in (VtStatus.TERUGGESTUURD, VtStatus.INGETROKKEN, VtStatus.AFGESLOTEN):
        return None
    if new == VtStatus.ONDERZOEK:
        return today + datetime.timedelta(weeks=INVESTIGATION_WEEKS)
    if kind == Soort.MELDING and new in (VtStatus.VEILIGHEIDSBEOORDELING, VtStatus.OVERGEDRAGEN):
        return None
    return current_due
