"""Transferring dossiers when a professional leaves: the aandachtsfunctionaris asks, the colleague accepts.

1. The aandachtsfunctionaris chooses the professional who leaves, the colleague who takes over, and the dossiers
   (:func:`request_transfers`). Each becomes a pending :class:`~samenveilig.meldcode.models.DossierTransfer`; the
   colleague is notified (one notification, no reference or name in it).
2. The colleague accepts (:func:`accept`): they become the owner. Until then nothing changes: the dossier keeps its
   owner. The colleague may refuse (:func:`refuse`); the aandachtsfunctionaris may withdraw a pending transfer
   (:func:`cancel`). Either way the aandachtsfunctionaris is notified of the decision.

The dossier's change history (simple-history) keeps the earlier owner; the transfer rows say who asked and when.
Every step is audited with ids only. A closed dossier can be transferred too: someone must answer for it until the
end of its retention term.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from samenveilig import audit
from samenveilig.accounts.models import User
from samenveilig.meldcode.models import DOSSIER_ROLES, Dossier, DossierMember, DossierTransfer
from samenveilig.meldcode.services import _locked, _membership, _touch, _user, require

NOT_PENDING = _("Over deze overdracht is al beslist.")


def colleagues(organisation_id: int):
    """Active users of the organisation who work with dossiers (a professional or an aandachtsfunctionaris)."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role__in=DOSSIER_ROLES,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def owners(organisation_id: int):
    """Users who own a dossier of the organisation (whether or not they still work there)."""
    return User.objects.filter(meldcode_dossiers__organisation_id=organisation_id).distinct().order_by("username")


def transferable(organisation_id: int, from_user):
    """The dossiers of ``from_user`` in the organisation without a pending transfer."""
    return (
        Dossier.objects.filter(organisation_id=organisation_id, owner=from_user)
        .exclude(transfers__status=DossierTransfer.Status.PENDING)
        .order_by("status", "local_reference")
    )


def pending_for(user, membership):
    """The transfers waiting for ``user`` to accept, in the organisation they act for."""
    if membership is None:
        return DossierTransfer.objects.none()
    return (
        DossierTransfer.objects.filter(
            to_user=user, status=DossierTransfer.Status.PENDING, dossier__organisation_id=membership.organisation_id
        )
        .select_related("dossier", "from_user", "requested_by")
        .order_by("requested", "pk")
    )


def request_transfers(actor, *, from_user, to_user, dossiers) -> list[DossierTransfer]:
    """The aandachtsfunctionaris transfers ``dossiers`` of ``from_user`` to ``to_user`` (pending until accepted)."""
    action = "meldcode.transfer.requested"
    require(actor, "meldcode.transfer_dossiers", action, object_type="meldcode.dossiertransfer")
    membership = _membership(actor)
    dossiers = list(dossiers)
    for dossier in dossiers:
        require(actor, "meldcode.transfer_dossier", action, dossier)
    errors = {}
    if not colleagues(membership.organisation_id).filter(pk=to_user.pk).exists():
        errors["to_user"] = _("Kies een collega van uw eigen organisatie die met dossiers werkt.")
    elif to_user.pk == from_user.pk:
        errors["to_user"] = _("Kies een andere collega dan de huidige eigenaar.")
    if not dossiers:
        errors["dossiers"] = _("Kies ten minste één dossier.")
    if errors:
        raise ValidationError(errors)
    created = []
    with transaction.atomic():
        for dossier in dossiers:
            current = _locked(dossier)
            if current.owner_id != from_user.pk or current.transfers.filter(status="pending").exists():
                raise ValidationError(
                    {"dossiers": _("Een van de gekozen dossiers is intussen gewijzigd. Kies opnieuw.")}
                )
            transfer = DossierTransfer.objects.create(
                dossier=current, from_user=from_user, to_user=to_user, requested_by=_user(actor)
            )
            audit.log(actor, action, transfer)
            created.append(transfer)
        _notify(
            actor,
            to_user,
            kind="meldcode.transfer_requested",
            subject=ngettext(
                "Er is een meldcodedossier aan u overgedragen",
                "Er zijn %(count)s meldcodedossiers aan u overgedragen",
                len(created),
            )
            % {"count": len(created)},
            body=gettext("Open de overdrachten om de dossiers te accepteren. Tot dan blijft de eigenaar dezelfde."),
            url=reverse("meldcode:transfers"),
            organisation=membership.organisation,
        )
    return created


def _notify(actor, user, **kwargs) -> None:
    from samenveilig.notifications.services import notify

    notify(user, actor=actor, **kwargs)


def _decide(actor, transfer: DossierTransfer, *, perm: str, action: str, status: str) -> DossierTransfer:
    require(actor, perm, action, transfer)
    with transaction.atomic():
        current = (
            DossierTransfer.objects.select_for_update().select_related("dossier__organisation").get(pk=transfer.pk)
        )
        if current.status != DossierTransfer.Status.PENDING:
            raise ValidationError(NOT_PENDING)
        current.status = status
        current.decided = timezone.now()
        current.save(update_fields=["status", "decided"])
        if status == DossierTransfer.Status.ACCEPTED:
            dossier = _locked(current.dossier)
            dossier.owner_id = current.to_user_id
            # The new owner no longer needs a place among the members.
            DossierMember.objects.filter(dossier=dossier, user_id=current.to_user_id).delete()
            _touch(dossier)
        audit.log(actor, action, current)
        if _user(actor).pk != current.requested_by_id:
            subjects = {
                DossierTransfer.Status.ACCEPTED: gettext("Een overdracht van een meldcodedossier is geaccepteerd"),
                DossierTransfer.Status.REFUSED: gettext("Een overdracht van een meldcodedossier is geweigerd"),
            }
            _notify(
                actor,
                current.requested_by,
                kind=f"meldcode.transfer_{status}",
                subject=subjects.get(status, gettext("Een overdracht van een meldcodedossier is ingetrokken")),
                body=gettext("Bekijk de overdrachten van uw organisatie voor de stand van zaken."),
                url=reverse("meldcode:transfer_overview"),
                organisation=current.dossier.organisation,
            )
    return current


def accept(actor, transfer: DossierTransfer) -> DossierTransfer:
    return _decide(
        actor,
        transfer,
        perm="meldcode.accept_transfer",
        action="meldcode.transfer.accepted",
        status=DossierTransfer.Status.ACCEPTED,
    )


def refuse(actor, transfer: DossierTransfer) -> DossierTransfer:
    return _decide(
        actor,
        transfer,
        perm="meldcode.accept_transfer",
        action="meldcode.transfer.refused",
        status=DossierTransfer.Status.REFUSED,
    )


def cancel(actor, transfer: DossierTransfer) -> DossierTransfer:
    return _decide(
        actor,
        transfer,
        perm="meldcode.cancel_transfer",
        action="meldcode.transfer.cancelled",
        status=DossierTransfer.Status.CANCELLED,
    )
