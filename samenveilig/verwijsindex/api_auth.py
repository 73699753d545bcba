"""The organisation API credential of the Verwijsindex (``Authorization: Token svk_…``), for its API only.

A connected organisation's client system authenticates as a :class:`SystemCaller`: not a user, no role in any
other app, acting for its organisation. It may register, list and end the signals of its organisation's systems,
read their matches and do their matchregie (``rules.py``); every call is audited under ``koppeling:<id>`` with the
organisation. Personal tokens (``sv_…``) and browser sessions keep working on the same routes.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, throttling

from samenveilig.accounts.models import Organisation
from samenveilig.lib.rows import Select
from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Koppeling

SYSTEM_ROLE = "koppeling"


@dataclass
class SystemMembership:
    """What the audit log and the rules read of a membership: the organisation acted for, and a role name."""

    organisation: object
    organisation_id: int
    role: str = SYSTEM_ROLE
    is_active: bool = True
    pk: None = None


class SystemCaller:
    """A client system calling with an organisation API credential. Answers only Verwijsindex permissions."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None
    email = ""
    phone = ""

    def __init__(self, koppeling: Koppeling):
        self.koppeling = koppeling
        organisation = koppeling.aansluiting.organisation
        self.active_membership = SystemMembership(organisation=organisation, organisation_id=organisation.pk)

    def get_username(self) -> str:
        return f"{SYSTEM_ROLE}:{self.koppeling.pk}"

    def get_full_name(self) -> str:
        return self.koppeling.name

    def has_perm(self, perm: str, obj=None) -> bool:
        return perm.startswith("verwijsindex.") and rules.has_perm(perm, self, obj)

    def __str__(self) -> str:
        return self.get_username()


KOPPELING_ROW = Select(Koppeling, "k", AangeslotenOrganisatie, "a", Organisation, "o")


def usable_koppeling(key: str) -> Koppeling | None:
    """The usable credential with this key, with its connection and organisation, in one hand-written query (as
    :func:`samenveilig.accounts.api_auth.usable_token`); ``Koppeling.objects.usable()`` is the same condition."""
    q = connection.ops.quote_name
    sql = (
        f"SELECT {KOPPELING_ROW.columns} FROM {q(Koppeling._meta.db_table)} k "  # noqa: S608 - model tables only
        f"JOIN {q(AangeslotenOrganisatie._meta.db_table)} a ON a.id = k.aansluiting_id "
        f"JOIN {q(Organisation._meta.db_table)} o ON o.id = a.organisation_id "
        "WHERE k.key_hash = %s AND k.revoked IS NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Koppeling.hash(key)])
        row = cursor.fetchone()
    if row is None:
        return None
    koppeling, aansluiting, organisation = KOPPELING_ROW.instances(row)
    aansluiting.organisation = organisation
    koppeling.aansluiting = aansluiting
    return koppeling


class KoppelingAuthentication(authentication.TokenAuthentication):
    """``Token svk_…``: an organisation API credential. Other tokens are left to the next authentication class."""

    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower().encode():
            return None
        if not parts[1].startswith(Koppeling.PREFIX.encode()):
            return None
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldig of ingetrokken token.")) from None
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key):
        koppeling = usable_koppeling(key)
        if koppeling is None:
            raise exceptions.AuthenticationFailed(_("Ongeldig of ingetrokken token."))
        if not koppeling.aansluiting.organisation.is_active:
            raise exceptions.AuthenticationFailed(_("Deze organisatie is niet actief."))
        now = timezone.now()
        if koppeling.last_used is None or (now - koppeling.last_used).total_seconds() > 60:
            Koppeling.objects.filter(pk=koppeling.pk).update(last_used=now)
        return SystemCaller(koppeling), koppeling


class RegistrationThrottle(throttling.SimpleRateThrottle):
    """Registrations per hour per caller (a professional, or an organisation credential), POST only. Mass registration
    is how someone would probe the index for who is involved with whom; this slows it, the refusal is audited."""

    scope = "verwijsindex_registratie"

    def __init__(self):  # the rate depends on the caller, so it is set in allow_request
        pass

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        user = request.user
        system = getattr(user, "koppeling", None) is not None
        per_hour = (
            settings.SAMENVEILIG_VERWIJSINDEX_SYSTEM_REGISTRATIONS_PER_HOUR
            if system
            else settings.SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR
        )
        if not per_hour:
            return True
        self.rate = f"{per_hour}/hour"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        user = request.user
        ident = user.get_username() if getattr(user, "koppeling", None) is not None else f"user:{user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
