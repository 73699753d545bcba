"""API authentication: personal tokens (``Authorization: Token sv_…``) and MFA-checked browser sessions."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from samenveilig.accounts.middleware import resolve_membership, session_has_mfa
from samenveilig.accounts.models import ApiToken
from samenveilig.accounts.services import ACTIVE_MEMBERSHIP_SESSION_KEY


class PersonalTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        try:
            token = (
                ApiToken.objects.usable()
                .select_related("user", "membership__organisation")
                .get(key_hash=ApiToken.hash(key))
            )
        except ApiToken.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Ongeldig of ingetrokken token.")) from None
        user = token.user
        membership = token.membership
        if not user.is_active or not membership.is_active or not membership.organisation.is_active:
            raise exceptions.AuthenticationFailed(_("Dit account of lidmaatschap is niet actief."))
        user.active_membership = membership
        if token.last_used is None or (timezone.now() - token.last_used).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
        return user, token


class MfaSessionAuthentication(authentication.SessionAuthentication):
    """The browser session, only once the second factor was passed (or in demo mode)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        django_request = request._request
        if user.requires_mfa and not settings.DEMO_MODE and not session_has_mfa(django_request):
            raise exceptions.PermissionDenied(_("Tweestapsverificatie is vereist."))
        user.active_membership = getattr(django_request, "membership", None) or resolve_membership(
            user, django_request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY)
        )
        return user, auth
