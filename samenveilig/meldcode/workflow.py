"""The state machine of a dossier: readable states, one transition table, one place that checks it.

A dossier is *open* while the professional works through steps 1–5. The outcome of an assessment (see
:mod:`samenveilig.meldcode.afwegingskader`) moves it on: to *hulp volgen* (help offered, effects followed), to
*melden* (a report to Veilig Thuis is due; sending it comes with the Veilig Thuis slice), or to *gesloten*. A
re-assessment from *hulp volgen* or *melden* moves it again. A closed dossier is read-only.

Which step the dossier is in follows from what was recorded (:func:`progress`); the state says what may be done.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from samenveilig.meldcode.afwegingskader import Outcome
from samenveilig.meldcode.steps import Step


class Status(models.TextChoices):
    OPEN = "open", _("Open: stappen doorlopen")
    HULP_VOLGEN = "hulp_volgen", _("Hulp loopt: effecten volgen")
    MELDEN = "melden", _("Melden bij Veilig Thuis")
    GESLOTEN = "gesloten", _("Gesloten")


class Action(models.TextChoices):
    ADD_PERSON = "add_person", _("betrokkene toevoegen")
    EDIT_PERSON = "edit_person", _("betrokkene wijzigen")
    ADD_SIGNAL = "add_signal", _("signaal vastleggen")
    ADD_KINDCHECK = "add_kindcheck", _("kindcheck vastleggen")
    ADD_CONSULTATION = "add_consultation", _("consultatie vastleggen")
    ADD_CONVERSATION = "add_conversation", _("gesprek vastleggen")
    ADD_WEIGHING = "add_weighing", _("weging vastleggen")
    ASSESS = "assess", _("afweging maken")
    ADD_MEMBER = "add_member", _("collega toevoegen")
    CLOSE = "close", _("dossier sluiten")


_WORK = frozenset(
    {
        Action.ADD_PERSON,
        Action.EDIT_PERSON,
        Action.ADD_SIGNAL,
        Action.ADD_KINDCHECK,
        Action.ADD_CONSULTATION,
        Action.ADD_CONVERSATION,
        Action.ADD_WEIGHING,
        Action.ASSESS,
        Action.ADD_MEMBER,
    }
)

# What may be done in each state. Closing an open dossier goes through an assessment (question 1 "nee" closes it),
# so that no dossier is closed without the reasons the law asks for.
ALLOWED_ACTIONS: dict[str, frozenset[str]] = {
    Status.OPEN: _WORK,
    Status.HULP_VOLGEN: _WORK | {Action.CLOSE},
    Status.MELDEN: _WORK | {Action.CLOSE},
    Status.GESLOTEN: frozenset(),
}

# The state an assessment's outcome leads to.
STATUS_AFTER_OUTCOME: dict[str, str] = {
    Outcome.AFSLUITEN: Status.GESLOTEN,
    Outcome.AFSLUITEN_MONITORING: Status.GESLOTEN,
    Outcome.HULP: Status.HULP_VOLGEN,
    Outcome.MELDEN: Status.MELDEN,
    Outcome.MELDEN_EN_HULP: Status.MELDEN,
}


class TransitionNotAllowed(Exception):
    """The action is not possible in the dossier's state (or its steps are not yet done)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def check_action(status: str, action: str) -> None:
    if action not in ALLOWED_ACTIONS[status]:
        raise TransitionNotAllowed(
            _("Dit kan niet meer: het dossier heeft de status '%(status)s'.") % {"status": Status(status).label}
        )


@dataclass(frozen=True)
class Progress:
    """What has been recorded per step, and which step comes next."""

    done: dict[int, bool]
    afweging_step: int

    @property
    def current(self) -> int:
        for step in Step.values:
            if not self.done[step]:
                return step
        return Step.BESLISSEN

    @property
    def may_assess(self) -> bool:
        """Steps before the afweging are done: signals, consultation, conversation (and the weighing before step 5)."""
        return all(self.done[step] for step in range(1, self.afweging_step))

    @property
    def missing_before_assessment(self) -> list[int]:
        return [step for step in range(1, self.afweging_step) if not self.done[step]]


def progress(
    *, signals: int, consultations: int, conversations: int, weighings: int, assessments: int, afweging_step: int
):
    """The steps done, from the counts of what was recorded.

    Step 4 is done by the assessment when the afwegingsvragen sit in step 4, else by a weighing; step 5 by an
    assessment (whose outcome is the decision).
    """
    done = {
        Step.SIGNALEN: signals > 0,
        Step.CONSULTATIE: consultations > 0,
        Step.GESPREK: conversations > 0,
        Step.WEGEN: (assessments > 0) if afweging_step == 4 else (weighings > 0 or assessments > 0),
        Step.BESLISSEN: assessments > 0,
    }
    return Progress(done={int(k): v for k, v in done.items()}, afweging_step=afweging_step)


def check_may_assess(status: str, prog: Progress) -> None:
    check_action(status, Action.ASSESS)
    if not prog.may_assess:
        steps = ", ".join(str(step) for step in prog.missing_before_assessment)
        raise TransitionNotAllowed(
            _("Rond eerst stap %(steps)s af: de afweging rust op wat u daar vastlegde.") % {"steps": steps}
        )
