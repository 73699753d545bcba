"""Permissions of the aandachtsfunctionaris' side of the Meldcode: overview, counts, transfers, change log, export.

Registered when the models load (``models_af`` imports this module), next to :mod:`samenveilig.meldcode.rules`.

- The organisation's open dossiers, idle filters and transfers: the aandachtsfunctionaris acting for that
  organisation.
- Counts of dossiers per organisation and step (never a dossier): the coordinator.
- Accepting a transfer: the colleague it is addressed to, while acting for the dossier's organisation.
- The change log of a dossier (who viewed it, what changed): its owner and the organisation's aandachtsfunctionaris.
- The whole dossier as PDF, and follow-ups: whoever works in the dossier (the owner and added colleagues).
"""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import is_aandachtsfunctionaris, is_coordinator
from samenveilig.meldcode.rules import (
    acts_for_dossier_organisation,
    is_dossier_owner,
    works_in_dossier,
    works_with_dossiers,
)


@rules.predicate
def is_transfer_recipient(user, transfer) -> bool:
    membership = getattr(user, "active_membership", None)
    return (
        transfer is not None
        and transfer.to_user_id == user.pk
        and membership is not None
        and membership.organisation_id == transfer.dossier.organisation_id
    )


@rules.predicate
def acts_for_transfer_organisation(user, transfer) -> bool:
    membership = getattr(user, "active_membership", None)
    return (
        transfer is not None
        and membership is not None
        and membership.organisation_id == transfer.dossier.organisation_id
    )


af_of_dossier = is_aandachtsfunctionaris & acts_for_dossier_organisation

rules.add_perm("meldcode.view_dossier_counts", is_coordinator)
rules.add_perm("meldcode.transfer_dossiers", is_aandachtsfunctionaris)
rules.add_perm("meldcode.transfer_dossier", af_of_dossier)
rules.add_perm("meldcode.cancel_transfer", is_aandachtsfunctionaris & acts_for_transfer_organisation)
rules.add_perm("meldcode.view_transfers", works_with_dossiers)
rules.add_perm("meldcode.accept_transfer", works_with_dossiers & is_transfer_recipient)
rules.add_perm("meldcode.view_changelog", (works_in_dossier & is_dossier_owner) | af_of_dossier)
rules.add_perm("meldcode.export_dossier", works_in_dossier)
rules.add_perm("meldcode.manage_followups", works_in_dossier)
