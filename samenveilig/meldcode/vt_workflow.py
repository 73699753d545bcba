"""The state machine of what a professional sent to Veilig Thuis: readable states, one transition table, one check.

A report (melding) follows the Handelingsprotocol Veilig Thuis (2019): first contact → safety assessment
(veiligheidsbeoordeling) → handover to the local team, or an investigation (onderzoek) first → closed. An advice
request (adviesvraag) is received, handled and closed with the advice. Veilig Thuis acknowledges receipt, moves the
state on with a feedback message (the legal moments of feedback are in :mod:`samenveilig.meldcode.feedback`),
returns it to the sender with a reason, or forwards it to the Veilig Thuis of another region (it arrives there as
sent, not yet received). The sender may withdraw one sent in error, with a reason, until the safety assessment is
done; corrections are dated addenda, never edits.

Where this module and the protocol differ, the protocol wins: correct it here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samenveilig.meldcode.workflow import Status as DossierStatus


class Soort(models.TextChoices):
    """What is sent: an advice request keeps everyone anonymous; a report carries the identifying details."""

    ADVIESVRAAG = "adviesvraag", _("Adviesvraag")
    MELDING = "melding", _("Melding")


class VtStatus(models.TextChoices):
    VERZONDEN = "verzonden", _("Verzonden, nog niet ontvangen")
    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    VEILIGHEIDSBEOORDELING = "veiligheidsbeoordeling", _("Veiligheidsbeoordeling gedaan")
    OVERGEDRAGEN = "overgedragen", _("Overgedragen aan lokaal team")
    ONDERZOEK = "onderzoek", _("Onderzoek")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd naar de afzender")
    INGETROKKEN = "ingetrokken", _("Ingetrokken door de afzender")


class VtAction(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("ontvangst bevestigen")
    UPDATE = "update", _("status bijwerken")
    RETURN = "return", _("terugsturen")
    FORWARD = "forward", _("doorsturen")
    WITHDRAW = "withdraw", _("intrekken")
    ADDENDUM = "addendum", _("aanvulling sturen")


S = VtStatus

# The status updates Veilig Thuis may make, per kind and current state (acknowledging is its own action).
STATUS_TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    Soort.MELDING: {
        S.ONTVANGEN: frozenset({S.IN_BEHANDELING, S.VEILIGHEIDSBEOORDELING}),
        S.IN_BEHANDELING: frozenset({S.VEILIGHEIDSBEOORDELING}),
        S.VEILIGHEIDSBEOORDELING: frozenset({S.OVERGEDRAGEN, S.ONDERZOEK, S.AFGESLOTEN}),
        S.ONDERZOEK: frozenset({S.OVERGEDRAGEN, S.AFGESLOTEN}),
        S.OVERGEDRAGEN: frozenset({S.AFGESLOTEN}),
    },
    Soort.ADVIESVRAAG: {
        S.ONTVANGEN: frozenset({S.IN_BEHANDELING, S.AFGESLOTEN}),
        S.IN_BEHANDELING: frozenset({S.AFGESLOTEN}),
    },
}

# The other actions, per state. Withdrawing stops once Veilig Thuis has assessed safety: by then it has acted on it.
_OPEN_BEFORE_ASSESSMENT = frozenset({S.VERZONDEN, S.ONTVANGEN, S.IN_BEHANDELING})
ACTION_STATES: dict[str, frozenset[str]] = {
    VtAction.ACKNOWLEDGE: frozenset({S.VERZONDEN}),
    VtAction.RETURN: _OPEN_BEFORE_ASSESSMENT,
    VtAction.FORWARD: frozenset({S.VERZONDEN, S.ONTVANGEN}),
    VtAction.WITHDRAW: _OPEN_BEFORE_ASSESSMENT,
    VtAction.ADDENDUM: frozenset(
        {S.VERZONDEN, S.ONTVANGEN, S.IN_BEHANDELING, S.VEILIGHEIDSBEOORDELING, S.ONDERZOEK, S.OVERGEDRAGEN}
    ),
}

# The end states; after these nothing changes any more.
FINAL = frozenset({S.AFGESLOTEN, S.TERUGGESTUURD, S.INGETROKKEN})

# Veilig Thuis no longer sees the content of what the sender withdrew or what it returned: it must not act on it.
CONTENT_HIDDEN = frozenset({S.TERUGGESTUURD, S.INGETROKKEN})

# The dossier states in which the professional may send something (a closed dossier is read-only).
DOSSIER_STATES_FOR_SENDING = frozenset({DossierStatus.OPEN, DossierStatus.HULP_VOLGEN, DossierStatus.MELDEN})


class VtTransitionNotAllowed(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _refuse(status: str):
    return VtTransitionNotAllowed(
        _("Dit kan niet meer: de status is '%(status)s'.") % {"status": VtStatus(status).label}
    )


def next_statuses(kind: str, status: str) -> frozenset[str]:
    """The states Veilig Thuis may move to from ``status`` with a status update."""
    return STATUS_TRANSITIONS[kind].get(status, frozenset())


def check_update(kind: str, status: str, new_status: str) -> None:
    if new_status not in next_statuses(kind, status):
        raise _refuse(status)


def check_action(status: str, action: str) -> None:
    if status not in ACTION_STATES[action]:
        raise _refuse(status)


def allowed_actions(status: str) -> frozenset[str]:
    return frozenset(action for action, states in ACTION_STATES.items() if status in states)


def check_dossier_may_send(dossier_status: str) -> None:
    if dossier_status not in DOSSIER_STATES_FOR_SENDING:
        raise VtTransitionNotAllowed(_("Vanuit een gesloten dossier kunt u niets meer naar Veilig Thuis sturen."))
