"""``manage.py create_api_token USERNAME``: a personal API token for a system that calls us on a user's behalf.

Only the token goes to stdout, so a deployment script can capture it (``TOKEN=$(manage.py create_api_token …)``);
everything else goes to stderr. The token is shown this once: only its hash is stored. The creation is audited with
the system as actor.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from samenveilig.accounts import services
from samenveilig.accounts.models import User
from samenveilig.accounts.roles import Role

DEFAULT_NAME = "manage.py create_api_token"


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (only the token) on stdout."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user the token acts as.")
        parser.add_argument("--name", default=DEFAULT_NAME, help="What the token is for (shown on the token page).")
        parser.add_argument(
            "--organisation",
            type=int,
            metavar="ORG_ID",
            help="Id of the organisation the token acts for; needed when the user works for more than one.",
        )
        parser.add_argument(
            "--role", choices=Role.values, help="The role to act in, when the user has several in that organisation."
        )
        parser.add_argument(
            "--expires-days", type=positive_int, metavar="N", help="Let the token expire after N days (advised)."
        )

    def handle(self, *args, username: str, name: str, organisation, role, expires_days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user with username {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is not active.")
        if not name.strip():
            raise CommandError("--name may not be empty.")

        memberships = user.active_memberships()
        if organisation is not None:
            memberships = memberships.filter(organisation_id=organisation)
        if role:
            memberships = memberships.filter(role=role)
        memberships = list(memberships)
        if not memberships:
            where = f" in organisation {organisation}" if organisation is not None else ""
            raise CommandError(f"User {username!r} has no active membership{where}: a token acts for one.")
        if len(memberships) > 1:
            options_text = ", ".join(f"--organisation {m.organisation_id} --role {m.role}" for m in memberships)
            raise CommandError(f"User {username!r} acts for several memberships; choose one: {options_text}.")
        [membership] = memberships

        expires = timezone.now() + timedelta(days=expires_days) if expires_days else None
        try:
            token, key = services.create_api_token(
                None, user=user, membership=membership, name=name.strip()[:100], expires=expires
            )
        except PermissionDenied:
            raise CommandError("The token could not be created for this membership.") from None

        self.stdout.write(key)
        self.stderr.write(
            f"Token {token.key_hint}… created for {username} acting for {membership.organisation} "
            f"({membership.get_role_display()}), "
            + (f"expires {token.expires:%Y-%m-%d}." if token.expires else "without expiry date.")
            + " It is not shown again."
        )
