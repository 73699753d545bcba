"""Request frame for accounts: closed by default, the organisation acted for, and the MFA requirement."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from samenveilig.accounts.services import ACTIVE_MEMBERSHIP_SESSION_KEY

API_PREFIX = "/api/"


class LoginRequiredExceptApiMiddleware(LoginRequiredMiddleware):
    """Every page needs a login unless marked public. The API answers 401/403 itself (token or session)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


def resolve_membership(user, preferred_id=None):
    memberships = list(user.active_memberships())
    for membership in memberships:
        if membership.pk == preferred_id:
            return membership
    return memberships[0] if memberships else None


class ActiveMembershipMiddleware:
    """Sets ``request.membership`` (and ``user.active_membership`` for the rules) to the organisation acted for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = str(uuid.uuid4())
        request.membership = None
        if request.user.is_authenticated:
            membership = resolve_membership(request.user, request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY))
            request.membership = membership
            request.user.active_membership = membership
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


def session_has_mfa(request) -> bool:
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class MfaRequiredMiddleware:
    """A user whose role can see personal data must have passed a second factor in this session.

    Without an authenticator yet, they are sent to set one up; only the account pages stay open until then.
    Lifted only in demo mode (``SAMENVEILIG_DEMO=1``), which every page then announces.
    """

    OPEN_PREFIXES = ("/accounts/", "/mfa-vereist/", "/i18n/", "/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not settings.DEMO_MODE
            and not request.path.startswith(self.OPEN_PREFIXES)
            and request.user.requires_mfa
            and not session_has_mfa(request)
        ):
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": "Multi-factor authentication required."}, status=403)
            # The whole address, encoded: a query string must survive, and must not leak into our own parameters.
            return redirect(reverse("accounts:mfa_required") + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
