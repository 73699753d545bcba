from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.accounts import services
from samenveilig.accounts.forms import ApiTokenForm, SwitchMembershipForm
from samenveilig.accounts.middleware import session_has_mfa
from samenveilig.accounts.models import ApiToken, Membership, Organisation, User
from samenveilig.core.access import get_visible_or_404


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def mfa_required(request):
    """Explains why a second factor is needed and where to set it up."""
    has_authenticator = request.user.authenticator_set.exists()
    return render(
        request,
        "accounts/mfa_required.html",
        {"has_authenticator": has_authenticator, "next": _safe_next(request, "/"), "mfa_ok": session_has_mfa(request)},
    )


@require_POST
def switch_organisation(request):
    form = SwitchMembershipForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    membership = services.switch_membership(request, form.cleaned_data["membership"])
    messages.success(
        request,
        _("U werkt nu namens %(org)s als %(role)s.")
        % {"org": membership.organisation.name, "role": membership.get_role_display()},
    )
    return redirect(_safe_next(request, "/"))


def user_detail(request, pk: int):
    """A user's profile card: reading it is a read of personal data, so it is audited (and refusals too)."""
    person = get_visible_or_404(request, User.objects.all(), action="accounts.user.viewed", pk=pk)
    memberships = person.active_memberships()
    return render(request, "accounts/user_detail.html", {"person": person, "person_memberships": memberships})


def organisation_list(request):
    if request.user.has_perm("accounts.manage_users"):
        organisations = Organisation.objects.all()
    else:
        organisations = Organisation.objects.filter(
            memberships__user=request.user, memberships__is_active=True
        ).distinct()
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


def organisation_detail(request, pk: int):
    if request.user.has_perm("accounts.manage_users"):
        organisation = get_object_or_404(Organisation, pk=pk)
    else:
        organisation = Organisation.objects.filter(
            pk=pk, memberships__user=request.user, memberships__is_active=True
        ).first()
        if organisation is None:
            audit.log(
                request,
                "accounts.organisation.members_viewed",
                object_type="accounts.organisation",
                object_id=str(pk),
                outcome=audit.REFUSED,
            )
            return render(request, "404.html", status=404)
    members = (
        Membership.objects.active()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "role")
    )
    audit.log(request, "accounts.organisation.members_viewed", organisation)
    return render(
        request,
        "accounts/organisation_detail.html",
        {"organisation": organisation, "members": members, "gemeenten": organisation.gemeenten.all()},
    )


NEW_TOKEN_SESSION_KEY = "samenveilig_new_api_token"


@never_cache
def api_tokens(request):
    """Create and list one's own API tokens. A new token is shown once, after a redirect (so a reload cannot
    create a second one), and the page is never cached."""
    if not request.user.has_perm("accounts.manage_api_tokens"):
        raise PermissionDenied
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            _token, key = services.create_api_token(
                request,
                user=request.user,
                membership=request.membership,
                name=form.cleaned_data["name"],
                expires=form.cleaned_data["expires"],
            )
            request.session[NEW_TOKEN_SESSION_KEY] = key
            return redirect("accounts:api_tokens")
    else:
        form = ApiTokenForm()
    new_key = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    tokens = ApiToken.objects.filter(user=request.user).select_related("membership__organisation")
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@require_POST
def api_token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked__isnull=True)
    services.revoke_api_token(request, token)
    messages.success(request, _("Het token is ingetrokken."))
    return redirect("accounts:api_tokens")
