"""Audit and session bookkeeping around allauth's MFA events."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.dispatch import receiver

from samenveilig import audit


@receiver(authenticator_added)
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    # Setting up an authenticator proves possession of it: count it as the second factor of this session.
    record_authentication(request, user, "mfa", type=authenticator.type, id=authenticator.pk)
    audit.log(request, "accounts.mfa.added", authenticator)


@receiver(authenticator_removed)
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    audit.log(request, "accounts.mfa.removed", authenticator)
