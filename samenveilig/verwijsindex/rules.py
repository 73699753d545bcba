"""Who may do what in the Verwijsindex.

Every permission here also needs the Verwijsindex switched on (``SAMENVEILIG_VERWIJSINDEX_ENABLED``), so a region
that switched it off sees no menu item. Registering needs a signalling role (professional, aandachtsfunctionaris,
Veilig Thuis) in an organisation the functioneel beheerder made meldingsbevoegd. A signal is seen and ended only by
the professional who registered it, acting for that organisation; the coordinating party of a match hands the regie
over and records outcomes. Coordinators (role) see the figures, counts only; coordinators and the functioneel
beheerder never see a signal. The beheerder keeps the connected organisations, the matchregie order, and records a
death.
"""

from __future__ import annotations

import rules
from django.conf import settings
from django.db import connection

from samenveilig.accounts.rules import is_aandachtsfunctionaris, is_beheerder, is_coordinator
from samenveilig.verwijsindex.models import SIGNALLING_ROLES, AangeslotenOrganisatie, is_system, owns


@rules.predicate
def verwijsindex_enabled() -> bool:
    return bool(settings.SAMENVEILIG_VERWIJSINDEX_ENABLED)


@rules.predicate
def has_signalling_role(user) -> bool:
    membership = getattr(user, "active_membership", None)
    return membership is not None and membership.role in SIGNALLING_ROLES


@rules.predicate
def is_connected_system(user) -> bool:
    """A connected organisation's client system (organisation API credential): signals of its organisation only."""
    return is_system(user)


@rules.predicate
def acts_for_meldingsbevoegde_organisation(user) -> bool:
    membership = getattr(user, "active_membership", None)
    if membership is None:
        return False
    cached = getattr(membership, "_verwijsindex_bevoegd", None)
    if cached is None:
        cached = meldingsbevoegd(membership.organisation_id)
        membership._verwijsindex_bevoegd = cached
    return cached


def meldingsbevoegd(organisation_id: int) -> bool:
    """Whether the organisation may register now. Hand-written (as ``AangeslotenOrganisatie.objects.filter(
    organisation_id=…, meldingsbevoegd=True).exists()``): every registration asks, and building the query took longer
    than running it."""
    table = connection.ops.quote_name(AangeslotenOrganisatie._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table} WHERE organisation_id = %s AND meldingsbevoegd",  # noqa: S608 - the model's table
            [organisation_id],
        )
        return cursor.fetchone() is not None


@rules.predicate
def registered_signal(user, signal) -> bool:
    return owns(user, signal)


@rules.predicate
def coordinates_match(user, match) -> bool:
    """The owner of the match's coordinating signal (its professional, or its organisation's client system)."""
    return owns(user, getattr(match, "coordinator", None) if match is not None else None)


can_register = (
    verwijsindex_enabled & (has_signalling_role | is_connected_system) & acts_for_meldingsbevoegde_organisation
)
can_keep_own = verwijsindex_enabled & (has_signalling_role | is_connected_system)

rules.add_perm("verwijsindex.register_signal", can_register)
# The list of one's own signals: also after the organisation lost the right to register (signals must be ended).
rules.add_perm("verwijsindex.view_own_signals", can_keep_own)
rules.add_perm("verwijsindex.view_signal", can_keep_own & registered_signal)
rules.add_perm("verwijsindex.end_signal", can_keep_own & registered_signal)
# The history needs a reason a professional gives; a client system does not ask for it.
rules.add_perm("verwijsindex.request_history", can_keep_own & ~is_connected_system & registered_signal)
rules.add_perm("verwijsindex.manage_connections", verwijsindex_enabled & is_beheerder)
rules.add_perm("verwijsindex.record_death", verwijsindex_enabled & is_beheerder)
rules.add_perm("verwijsindex.coordinate_match", can_keep_own & coordinates_match)
rules.add_perm("verwijsindex.manage_matchregie", verwijsindex_enabled & is_beheerder)
# Figures are counts only, for the coordinators of a municipality (never a signal or a person).
rules.add_perm("verwijsindex.view_figures", verwijsindex_enabled & is_coordinator)


@rules.predicate
def af_of_organisation(user, organisation) -> bool:
    membership = getattr(user, "active_membership", None)
    return (
        membership is not None
        and organisation is not None
        and membership.organisation_id == getattr(organisation, "pk", None)
    )


# When a professional leaves, the aandachtsfunctionaris of their organisation or the functioneel beheerder moves their
# signals to a colleague; neither sees the signals themselves, only how many there are.
rules.add_perm(
    "verwijsindex.transfer_signals",
    verwijsindex_enabled & (is_beheerder | (is_aandachtsfunctionaris & af_of_organisation)),
)
