"""The afwegingskader: five questions in order, and the one table that turns the answers into allowed outcomes.

Sources:

- Besluit verplichte meldcode huiselijk geweld en kindermishandeling, as changed per 1 January 2019 (Stb. 2017, 290):
  every meldcode contains an afwegingskader (art. 2, eerste lid, onder e).
- "Het afwegingskader in de Meldcode huiselijk geweld en kindermishandeling", basisdocument voor beroepsgroepen
  (Rijksoverheid, 2017, in force 2019), and the afwegingskaders the beroepsgroepen derived from it (NJI,
  "Afwegingskader meldcode"). The five afwegingen and where each leads:

  1. Vermoeden: do steps 1–3 (or 1–4) give a suspicion of (the threat of) domestic violence or child abuse?
     No: close, and record why. Yes: go on.
  2. Acute of structurele onveiligheid? Yes: report to Veilig Thuis; questions 3 to 5 are then answered together
     with Veilig Thuis. No: go on.
  3. Am I able to offer or organise effective help? No: report. Yes: go on.
  4. Do the persons involved accept that help and cooperate? No: report. Yes: offer or organise help, go on.
  5. Does the help lead to the necessary safety and lasting recovery within the desired time? No: (again) report.
     Yes: close the help with agreements on monitoring future (un)safety.

- Reporting is a professional norm and a right (meldrecht), and reporting and helping are not exclusive: where help
  goes on, the table also allows "report and keep helping".

Question 5 is often answered only later, once the help has had time to work: "nog niet te beoordelen" then gives
"offer help and follow up", and a re-assessment answers it. Every assessment is kept; a re-assessment adds one.

Where the questions sit (step 4 or step 5) differs between the beroepsgroepen' meldcodes: see
:func:`afweging_step`. Where this module and the law differ, the law wins: correct it here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import Sector


class Answer(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")
    NOG_NIET = "nog_niet", _("Nog niet te beoordelen")


class Outcome(models.TextChoices):
    AFSLUITEN = "afsluiten", _("Afsluiten: er is geen vermoeden")
    HULP = "hulp", _("Hulp bieden of organiseren en de effecten volgen")
    MELDEN = "melden", _("Melden bij Veilig Thuis")
    MELDEN_EN_HULP = "melden_en_hulp", _("Melden bij Veilig Thuis en hulp blijven bieden")
    AFSLUITEN_MONITORING = "afsluiten_monitoring", _("Afsluiten met afspraken over monitoring")


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    help_text: str
    answers: tuple[str, ...] = (Answer.JA, Answer.NEE)


QUESTIONS = (
    Question(
        1,
        _("Is er een vermoeden van huiselijk geweld of kindermishandeling?"),
        _("Op basis van de signalen, de consultatie en het gesprek."),
    ),
    Question(
        2,
        _("Is er sprake van acute of structurele onveiligheid?"),
        _(
            "Acuut: iemand is nu in direct lichamelijk gevaar en de veiligheid in de komende dagen is niet "
            "gegarandeerd. Structureel: het geweld of de verwaarlozing herhaalt zich of houdt aan."
        ),
    ),
    Question(
        3,
        _("Bent u in staat effectieve hulp te bieden of te organiseren?"),
        _("Hulp die de (dreiging van) onveiligheid stopt."),
    ),
    Question(
        4,
        _("Aanvaarden de betrokkenen deze hulp en werken zij mee?"),
        "",
    ),
    Question(
        5,
        _("Leidt de hulp binnen de gewenste tijd tot de nodige veiligheid en duurzaam herstel?"),
        _("Is de hulp net gestart? Kies dan 'nog niet te beoordelen' en beoordeel het later opnieuw."),
        answers=(Answer.JA, Answer.NEE, Answer.NOG_NIET),
    ),
)

Answers = tuple  # five items, each an Answer value or None (not asked / not answered)


class AnswersNotAllowed(ValueError):
    """The answers do not follow the order of the questions; ``errors`` maps question number to a message."""

    def __init__(self, errors: dict[int, str]):
        super().__init__("; ".join(f"{number}: {message}" for number, message in errors.items()))
        self.errors = errors


def asked(answers: Answers) -> tuple[bool, bool, bool, bool, bool]:
    """Which questions are asked, given the earlier answers (stop early).

    After question 2 "ja" the report is due; questions 3–5 may then be answered together with Veilig Thuis.
    """
    q1, q2, q3, q4, _q5 = answers
    ask2 = q1 == Answer.JA
    ask3 = ask2 and q2 in (Answer.JA, Answer.NEE)
    ask4 = ask3 and q3 == Answer.JA
    ask5 = ask4 and q4 == Answer.JA
    return (True, ask2, ask3, ask4, ask5)


def required(answers: Answers) -> tuple[bool, bool, bool, bool, bool]:
    """Which asked questions must be answered: all asked ones, except 3–5 after question 2 "ja"."""
    ask = asked(answers)
    with_vt = answers[1] == Answer.JA
    return tuple(ask[i] and not (with_vt and i >= 2) for i in range(5))


def answered_with_veilig_thuis(answers: Answers) -> bool:
    """After question 2 "ja", any answer to questions 3–5 is given together with Veilig Thuis."""
    return answers[1] == Answer.JA and any(answer is not None for answer in answers[2:])


def check(answers: Answers) -> None:
    """Raise :class:`AnswersNotAllowed` unless the answers follow the questions in order."""
    answers = tuple(answers)
    if len(answers) != 5:
        raise ValueError("five answers expected")
    ask, need = asked(answers), required(answers)
    errors = {}
    for index, (question, answer) in enumerate(zip(QUESTIONS, answers, strict=True)):
        number = index + 1
        if answer is None:
            if need[index]:
                errors[number] = str(_("Beantwoord deze vraag."))
        elif answer not in question.answers:
            errors[number] = str(_("Dit antwoord past niet bij deze vraag."))
        elif not ask[index]:
            errors[number] = str(
                _("Deze vraag vervalt door uw eerdere antwoorden. Laat haar leeg (kies 'niet beantwoord').")
            )
    if errors:
        raise AnswersNotAllowed(errors)


# The rule table: (the answers that lead here) -> the allowed outcomes, the advised one first.
# A "*" matches any answer, None means "not asked / not answered". Rows are tried in order; the first match wins.
RULES: tuple[tuple[tuple, tuple[str, ...]], ...] = (
    ((Answer.NEE, None, None, None, None), (Outcome.AFSLUITEN,)),
    # Acute or structural unsafety: report. 3–5 answered with Veilig Thuis: help may go on next to the report.
    ((Answer.JA, Answer.JA, Answer.JA, Answer.JA, Answer.JA), (Outcome.MELDEN_EN_HULP, Outcome.MELDEN)),
    ((Answer.JA, Answer.JA, Answer.JA, Answer.JA, Answer.NOG_NIET), (Outcome.MELDEN_EN_HULP, Outcome.MELDEN)),
    ((Answer.JA, Answer.JA, Answer.JA, Answer.JA, None), (Outcome.MELDEN_EN_HULP, Outcome.MELDEN)),
    ((Answer.JA, Answer.JA, "*", "*", "*"), (Outcome.MELDEN,)),
    # No acute or structural unsafety.
    ((Answer.JA, Answer.NEE, Answer.NEE, None, None), (Outcome.MELDEN,)),
    ((Answer.JA, Answer.NEE, Answer.JA, Answer.NEE, None), (Outcome.MELDEN,)),
    ((Answer.JA, Answer.NEE, Answer.JA, Answer.JA, Answer.NEE), (Outcome.MELDEN, Outcome.MELDEN_EN_HULP)),
    ((Answer.JA, Answer.NEE, Answer.JA, Answer.JA, Answer.NOG_NIET), (Outcome.HULP, Outcome.MELDEN_EN_HULP)),
    ((Answer.JA, Answer.NEE, Answer.JA, Answer.JA, Answer.JA), (Outcome.AFSLUITEN_MONITORING,)),
)


def _matches(pattern: tuple, answers: Answers) -> bool:
    return all(p == "*" or p == a for p, a in zip(pattern, answers, strict=True))


def allowed_outcomes(answers: Answers) -> tuple[str, ...]:
    """The outcomes these answers allow, the advised one first; raises :class:`AnswersNotAllowed` on bad answers."""
    answers = tuple(None if answer in ("", None) else answer for answer in answers)
    check(answers)
    for pattern, outcomes in RULES:
        if _matches(pattern, answers):
            return outcomes
    raise AssertionError(f"no rule for {answers!r}")  # pragma: no cover - the enumeration test proves completeness


def advised_outcome(answers: Answers) -> str:
    return allowed_outcomes(answers)[0]


# Outcomes whose decision note must describe the agreements (what is monitored, by whom, until when).
NOTE_REQUIRED = frozenset({Outcome.AFSLUITEN_MONITORING})

# --- Placement: step 4 or step 5 ----------------------------------------------------------------------------------
# The basisdocument (Rijksoverheid 2017) and NJI place the afwegingskader in step 5 ("beslissen"), after the weighing
# of step 4; some beroepsgroepen' meldcodes ask the questions already in step 4 (after steps 1–3). Which profession
# does which is not verified here: a deployment lists the sectors whose meldcode asks them in step 4 in
# SAMENVEILIG_MELDCODE_STEP4_SECTORS (docs/configuration.md). A dossier keeps the placement it was opened with.
DEFAULT_AFWEGING_STEP = 5
AFWEGING_STEP_BY_SECTOR: dict[str, int] = dict.fromkeys(Sector.values, DEFAULT_AFWEGING_STEP)


def afweging_step(sector: str) -> int:
    """The step (4 or 5) in which an organisation of ``sector`` answers the afwegingsvragen."""
    if sector in getattr(settings, "SAMENVEILIG_MELDCODE_STEP4_SECTORS", ()):
        return 4
    return AFWEGING_STEP_BY_SECTOR.get(sector, DEFAULT_AFWEGING_STEP)
