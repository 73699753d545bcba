"""Audit and session bookkeeping around allauth's MFA events."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added, authenticator_removed
from axes.signals import user_locked_out
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


@receiver(user_locked_out)
def on_user_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    # No username or address in the entry: the refusal itself is what the log keeps.
    audit.log(request, "accounts.login.locked_out", object_type="accounts.user", outcome=audit.REFUSED)
