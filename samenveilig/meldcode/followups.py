"""Follow-ups with due dates: things to do in a dossier by a date, shown on the professional's home page.

API for other modules (the Veilig Thuis side plans "terugkoppeling verwacht" with it; the home page lists them):

- :func:`open_followups(user, membership=None, within_days=7) <open_followups>` — the user's open follow-ups that are
  overdue or due within ``within_days``, in dossiers they work in (owner or added), earliest first.
- :func:`plan(actor, dossier, kind=..., due_on=...) <plan>` — plan one (``actor`` a request or user; ``None`` for the
  system, which skips the permission check — for use inside another service's transaction).
- :func:`complete(actor, followup) <complete>` — mark one done.

After an assessment with the outcome "hulp bieden en volgen" a follow-up "hulp controleren" is planned
``SAMENVEILIG_MELDCODE_FOLLOWUP_DAYS`` ahead; a later assessment of the dossier completes the open ones (the help was
checked). Every planned and completed follow-up is audited with ids only.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig import audit
from samenveilig.meldcode.afwegingskader import Outcome
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.models_af import FollowUp

DUE_SOON_DAYS = 7


def open_followups(user, membership=None, *, within_days: int = DUE_SOON_DAYS, today: date | None = None):
    """The user's open follow-ups, overdue or due within ``within_days`` days, in dossiers they work in."""
    today = today or timezone.localdate()
    dossiers = Dossier.objects.visible_to(user, membership).filter(Q(owner=user) | Q(members__user=user))
    return (
        FollowUp.objects.filter(
            done_at__isnull=True, due_on__lte=today + timedelta(days=within_days), dossier__in=dossiers.values("pk")
        )
        .select_related("dossier")
        .order_by("due_on", "pk")
    )


def plan(actor, dossier: Dossier, *, kind: str, due_on: date) -> FollowUp:
    """Plan a follow-up in a dossier that is not closed."""
    from samenveilig.meldcode import services

    action = "meldcode.followup.planned"
    if actor is not None:
        services.require(actor, "meldcode.manage_followups", action, dossier)
    if kind not in FollowUp.Kind.values:
        raise ValidationError({"kind": _("Kies de soort opvolging.")})
    if actor is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Kies een datum vandaag of later.")})
    with transaction.atomic():
        current = services._locked(dossier)
        if current.is_closed:
            raise ValidationError(_("Dit dossier is gesloten: er valt niets meer op te volgen."))
        followup = FollowUp.objects.create(
            dossier=current, kind=kind, due_on=due_on, created_by=services._user(actor) if actor else None
        )
        if actor is not None:
            services._touch(current)
        audit.log(actor, action, followup)
    return followup


def complete(actor, followup: FollowUp) -> FollowUp:
    from samenveilig.meldcode import services

    action = "meldcode.followup.done"
    services.require(actor, "meldcode.manage_followups", action, followup.dossier)
    with transaction.atomic():
        current = services._locked(followup.dossier)
        followup = FollowUp.objects.select_for_update().get(pk=followup.pk, dossier=current)
        if followup.done_at is not None:
            raise ValidationError(_("Deze opvolging is al afgerond."))
        followup.done_at = timezone.now()
        followup.done_by = services._user(actor)
        followup.save(update_fields=["done_at", "done_by"])
        services._touch(current)
        audit.log(actor, action, followup)
    return followup


def after_assessment(assessment) -> None:
    """Inside the assessment's transaction: the open "hulp controleren" follow-ups are done (the help was weighed
    again), and the outcome "hulp" plans the next check."""
    now = timezone.now()
    FollowUp.objects.filter(
        dossier_id=assessment.dossier_id, kind=FollowUp.Kind.HULP_CONTROLEREN, done_at__isnull=True
    ).update(done_at=now, done_by_id=assessment.created_by_id)
    if assessment.outcome == Outcome.HULP:
        followup = FollowUp.objects.create(
            dossier_id=assessment.dossier_id,
            kind=FollowUp.Kind.HULP_CONTROLEREN,
            due_on=timezone.localdate() + timedelta(days=settings.SAMENVEILIG_MELDCODE_FOLLOWUP_DAYS),
            created_by_id=assessment.created_by_id,
        )
        audit.log(None, "meldcode.followup.planned", followup, purpose="na afweging")
