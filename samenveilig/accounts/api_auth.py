"""API authentication: personal tokens (``Authorization: Token sv_…``) and MFA-checked browser sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from samenveilig.accounts.middleware import resolve_membership, session_has_mfa
from samenveilig.accounts.models import ApiToken, Membership, Organisation, User
from samenveilig.accounts.services import ACTIVE_MEMBERSHIP_SESSION_KEY
from samenveilig.lib.rows import Select

TOKEN_ROW = Select(ApiToken, "t", User, "u", Membership, "m", Organisation, "o")


def usable_token(key: str) -> ApiToken | None:
    """The usable (not revoked, not expired) token with this key, with its user, membership and organisation.

    One hand-written query (:mod:`samenveilig.lib.rows`): every API call makes it, and building it with the ORM took
    longer than running it. ``ApiToken.objects.usable()`` is the same condition for everything else.
    """
    q = connection.ops.quote_name
    sql = (
        f"SELECT {TOKEN_ROW.columns} FROM {q(ApiToken._meta.db_table)} t "  # noqa: S608 - model tables only
        f"JOIN {q(User._meta.db_table)} u ON u.id = t.user_id "
        f"JOIN {q(Membership._meta.db_table)} m ON m.id = t.membership_id "
        f"JOIN {q(Organisation._meta.db_table)} o ON o.id = m.organisation_id "
        "WHERE t.key_hash = %s AND t.revoked IS NULL AND (t.expires IS NULL OR t.expires > %s)"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [ApiToken.hash(key), now])
        row = cursor.fetchone()
    if row is None:
        return None
    token, user, membership, organisation = TOKEN_ROW.instances(row)
    membership.organisation = organisation
    token.user, token.membership = user, membership
    return token


class PersonalTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        token = usable_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Ongeldig of ingetrokken token."))
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
