"""The write paths for accounts: switching organisation, API tokens, memberships. Each one is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from samenveilig import audit
from samenveilig.accounts.models import ApiToken, Membership, Organisation, User
from samenveilig.core.access import require_perm

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


def create_user(request, *, details: dict, organisation: Organisation, role: str) -> User:
    """A functioneel beheerder creates an account with a first membership; the person sets a password by e-mail."""
    require_perm(request, "accounts.manage_users", "accounts.user.created", object_type="accounts.user")
    with transaction.atomic():
        user = User(**details)
        user.set_unusable_password()
        user.save()
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        audit.log(request, "accounts.user.created", user)
        audit.log(request, "accounts.membership.created", membership)
    transaction.on_commit(lambda: send_password_set_mail(request, user))
    return user


def send_password_set_mail(request, user: User) -> None:
    """Send allauth's password-reset mail: the link lets a new user choose their own password."""
    from allauth.account.forms import ResetPasswordForm
    from allauth.core.context import request_context

    form = ResetPasswordForm(data={"email": user.email})
    if form.is_valid():
        # allauth builds the link from the request in its context; after commit that context may be gone.
        with request_context(request):
            form.save(request)
        audit.log(request, "accounts.user.password_mail_sent", user)


def deactivate_user(request, user: User) -> None:
    require_perm(request, "accounts.manage_users", "accounts.user.deactivated", user)
    if user.pk == request.user.pk:
        audit.log(request, "accounts.user.deactivated", user, outcome=audit.REFUSED, purpose="own account")
        raise PermissionDenied
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        ApiToken.objects.filter(user=user, revoked__isnull=True).update(revoked=timezone.now())
        audit.log(request, "accounts.user.deactivated", user)


def add_membership(request, *, user: User, organisation: Organisation, role: str) -> Membership:
    require_perm(request, "accounts.manage_users", "accounts.membership.created", object_type="accounts.membership")
    with transaction.atomic():
        membership, _ = Membership.objects.update_or_create(
            user=user, organisation=organisation, role=role, defaults={"is_active": True}
        )
        audit.log(request, "accounts.membership.created", membership)
    return membership


def end_membership(request, membership: Membership) -> None:
    require_perm(request, "accounts.manage_users", "accounts.membership.ended", membership)
    with transaction.atomic():
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        ApiToken.objects.filter(membership=membership, revoked__isnull=True).update(revoked=timezone.now())
        audit.log(request, "accounts.membership.ended", membership)


def save_organisation(request, form) -> Organisation:
    """Create or update an organisation from a valid ``OrganisationForm``."""
    creating = form.instance.pk is None
    action = "accounts.organisation.created" if creating else "accounts.organisation.updated"
    require_perm(
        request,
        "accounts.manage_users",
        action,
        None if creating else form.instance,
        object_type="accounts.organisation",
    )
    with transaction.atomic():
        organisation = form.save()
        audit.log(request, action, organisation)
    return organisation
