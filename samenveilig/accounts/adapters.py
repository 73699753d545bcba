"""allauth adapters: no open sign-up, SSO only for accounts that already exist, login events in the audit log."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from samenveilig import audit


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by a functioneel beheerder; nobody registers themselves.
        return False

    def login(self, request, user):
        super().login(request, user)
        audit.log(user, "accounts.login")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on links to an existing account by verified e-mail; it never creates accounts."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin):
        if sociallogin.is_existing:
            return
        email = (sociallogin.user.email or "").strip()
        if not email:
            return
        verified = any(address.verified for address in sociallogin.email_addresses) or bool(
            sociallogin.account.extra_data.get("email_verified")
        )
        if not verified:
            return
        from samenveilig.accounts.models import User

        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is not None:
            sociallogin.connect(request, user)
            audit.log(user, "accounts.sso.linked")
