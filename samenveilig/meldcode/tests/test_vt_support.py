"""Shared helpers of the Veilig Thuis tests (no tests here): a dossier ready to report, with identifying details."""

from __future__ import annotations

import datetime

from samenveilig.accounts.models import ApiToken
from samenveilig.meldcode import services_vt
from samenveilig.meldcode.models import Consultation, Conversation, PersonConcerned, SignalEntry
from samenveilig.meldcode.tests.factories import DossierFactory

DAY = datetime.date(2025, 3, 3)
IDENTIFYING = {
    "name": "Zoë Testkindje",
    "date_of_birth": "2016-04-01",
    "address": "Proefstraat 12, Woerden",
    "bsn": "111222333",
    "local_reference": "LLN-4471",
}
FACT = "Striemen op de rug gezien bij de gymles."
INTERPRETATION = "Mogelijk geslagen met een riem."


def acting(user):
    user.active_membership = user.memberships.select_related("organisation").first()
    return user


def ready_dossier(owner, *, reporting=True, reference="DOS-VT-1"):
    """A dossier whose afweging says report, with a child's identifying details, two facts with interpretations,
    a consultation and a conversation."""
    dossier = DossierFactory(owner=owner, reporting=reporting, child=False, local_reference=reference)
    PersonConcerned.objects.create(dossier=dossier, kind="kind", **IDENTIFYING)
    first = SignalEntry.objects.create(
        dossier=dossier, observed_on=DAY, fact=FACT, interpretation=INTERPRETATION, created_by=owner
    )
    second = SignalEntry.objects.create(
        dossier=dossier,
        observed_on=DAY,
        fact="Schrikt bij harde geluiden.",
        interpretation="Angst voor vader.",
        created_by=owner,
    )
    Consultation.objects.create(
        dossier=dossier,
        consulted_on=DAY,
        kind="aandachtsfunctionaris",
        with_whom="AF",
        question="Is dit reden tot zorg?",
        advice="Ja, meld bij Veilig Thuis.",
        created_by=owner,
    )
    Conversation.objects.create(
        dossier=dossier, held=True, held_on=DAY, said="Zorgen gedeeld.", reaction="Moeder schrok.", created_by=owner
    )
    return dossier, first, second


def send(owner, dossier, *, kind="melding", signals=None, **extra):
    choices = {
        "kind": kind,
        "question": "Wilt u meekijken naar de veiligheid van dit kind?",
        "signal_ids": [s.pk for s in (signals if signals is not None else dossier.signals.all())],
        "consultation_ids": list(dossier.consultations.values_list("pk", flat=True)),
        "conversation_ids": list(dossier.conversations.values_list("pk", flat=True)),
        "identity_disclosure": "ja" if kind == "melding" else "",
        **extra,
    }
    return services_vt.send(acting(owner), dossier, **choices)


def token_for(user):
    _token, key = ApiToken.generate(user=user, membership=user.memberships.first(), name="clientsysteem")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


FEEDBACK = {
    "message": "De veiligheidsbeoordeling is gedaan.",
    "follow_up_started": "ja",
    "handed_to": "lokaal_team",
    "reporter_has_role": True,
    "safety_conditions": "Kind slaapt bij oma als vader thuis is.",
    "monitoring_agreements": "School meldt verzuim dezelfde dag aan het lokale team.",
}
