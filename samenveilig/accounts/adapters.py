"""allauth adapters: no open sign-up, SSO only for accounts that already exist, login events in the audit log."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from samenveilig import audit


def axes_username(request, credentials=None) -> str | None:
    """The login name django-axes counts failures for (``AXES_USERNAME_CALLABLE``).

    allauth hands ``authenticate()`` a ``username`` or ``email`` key, while axes' backend sees the form field
    ``login``; without this, failures were recorded for username ``None`` and the lock never matched the next
    attempt. Case is folded because allauth matches logins case-insensitively.
    """
    credentials = credentials or {}
    login = credentials.get("login") or credentials.get("username") or credentials.get("email")
    if not login and request is not None:
        login = getattr(request, "POST", {}).get("login")
    login = str(login or "").strip().lower()
    return login or None


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by a functioneel beheerder; nobody registers themselves.
        return False

    def login(self, request, user):
        super().login(request, user)
        audit.log(user, "accounts.login")


def _is_true(value) -> bool:
    """``email_verified`` as the provider sent it: some send the string "false", which Python finds truthy."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on links to an existing account by verified e-mail; it never creates accounts."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        # Reached only when no existing account matched: refuse, and record it (no e-mail address in the log).
        audit.log(
            request,
            "accounts.sso.login",
            object_type="socialaccount.socialaccount",
            purpose="no matching account",
            outcome=audit.REFUSED,
        )
        return False

    def pre_social_login(self, request, sociallogin):
        if sociallogin.is_existing:
            return
        email = (sociallogin.user.email or "").strip()
        if not email:
            return
        verified = any(
            _is_true(address.verified) and address.email.strip().lower() == email.lower()
            for address in sociallogin.email_addresses
        )
        if not verified:
            return
        from samenveilig.accounts.models import User

        # Link only to exactly one active account: with two accounts on one address we cannot know whose it is.
        matches = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
        if len(matches) != 1:
            return
        user = matches[0]
        sociallogin.connect(request, user)
        audit.log(user, "accounts.sso.linked", sociallogin.account)
