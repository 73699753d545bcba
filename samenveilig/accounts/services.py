"""The write paths for accounts: switching organisation, API tokens, memberships. Each one is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from samenveilig import audit
from samenveilig.accounts.models import ApiToken, Membership, Organisation, User

ACTIVE_MEMBERSHIP_SESSION_KEY = "samenveilig_membership_id"


def switch_membership(request, membership_id: int) -> Membership:
    try:
        membership = request.user.active_memberships().get(pk=membership_id)
    except Membership.DoesNotExist:
        audit.log(
            request,
            "accounts.membership.switch",
            object_type="accounts.membership",
            object_id=str(membership_id),
            outcome=audit.REFUSED,
        )
        raise PermissionDenied from None
    request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
    audit.log(request, "accounts.membership.switch", membership, membership=membership)
    return membership


@transaction.atomic
def create_api_token(actor, *, user: User, membership: Membership, name: str, expires=None) -> tuple[ApiToken, str]:
    if membership.user_id != user.pk or not membership.is_active or not membership.organisation.is_active:
        raise PermissionDenied
    token, key = ApiToken.generate(user=user, membership=membership, name=name, expires=expires)
    audit.log(actor, "accounts.api_token.created", token, membership=membership)
    return token, key


@transaction.atomic
def revoke_api_token(request, token: ApiToken) -> None:
    if token.user_id != request.user.pk:
        raise PermissionDenied
    token.revoked = timezone.now()
    token.save(update_fields=["revoked"])
    audit.log(request, "accounts.api_token.revoked", token)


@transaction.atomic
def add_membership(request, *, user: User, organisation: Organisation, role: str) -> Membership:
    if not request.user.has_perm("accounts.manage_users"):
        audit.log(request, "accounts.membership.created", object_type="accounts.membership", outcome=audit.REFUSED)
        raise PermissionDenied
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True}
    )
    audit.log(request, "accounts.membership.created", membership)
    return membership


@transaction.atomic
def end_membership(request, membership: Membership) -> None:
    if not request.user.has_perm("accounts.manage_users"):
        audit.log(request, "accounts.membership.ended", membership, outcome=audit.REFUSED)
        raise PermissionDenied
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.log(request, "accounts.membership.ended", membership)
