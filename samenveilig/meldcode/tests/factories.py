"""Factories for Meldcode tests: synthetic dossiers in every state (Traits), built directly, not through services."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from samenveilig.meldcode.models import (
    Assessment,
    Consultation,
    Conversation,
    Dossier,
    DossierMember,
    PersonConcerned,
    SignalEntry,
)
from samenveilig.meldcode.workflow import Status


class DossierFactory(DjangoModelFactory):
    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    organisation = factory.LazyAttribute(lambda d: d.owner.memberships.first().organisation)
    local_reference = factory.Sequence(lambda n: f"LL-{n:04d}")
    concern = "kindermishandeling"

    class Params:
        closed = factory.Trait(status=Status.GESLOTEN, closed_on=datetime.date(2025, 1, 10))
        reporting = factory.Trait(status=Status.MELDEN)

    @factory.post_generation
    def child(self, create, extracted, **kwargs):
        if create and extracted is not False:
            PersonConcerned.objects.create(dossier=self, kind="kind", local_reference=f"K-{self.pk}")


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = DossierMember

    kind = DossierMember.Kind.COLLEGA


def record_steps_1_to_3(dossier, user, *, day=datetime.date(2025, 1, 6)):
    """A signal, a consultation and a conversation: enough to assess (when the questions sit in step 4)."""
    SignalEntry.objects.create(dossier=dossier, observed_on=day, fact="Blauwe plek op de arm.", created_by=user)
    Consultation.objects.create(
        dossier=dossier,
        consulted_on=day,
        kind="aandachtsfunctionaris",
        with_whom="AF",
        question="Wat nu?",
        advice="Gesprek voeren.",
        created_by=user,
    )
    Conversation.objects.create(
        dossier=dossier, held=True, held_on=day, said="Zorgen gedeeld.", reaction="Schrok.", created_by=user
    )


__all__ = ["Assessment", "DossierFactory", "MemberFactory", "record_steps_1_to_3"]
