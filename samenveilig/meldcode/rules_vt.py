"""Who may do what with advice requests and reports to Veilig Thuis (registered when the models load).

The sender's side follows the dossier: whoever may see the dossier sees what was sent from it and its PDF copy;
whoever works in the dossier composes, sends and adds addenda; only the one who sent it withdraws it. Veilig Thuis'
side: a Veilig Thuis worker sees and handles only what is addressed to the Veilig Thuis organisation they act for —
nothing of the dossier beyond what was sent. Nobody else sees any of it.
"""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import is_veilig_thuis
from samenveilig.meldcode.rules import sees_dossier, works_in_dossier


@rules.predicate
def sees_dossier_of_melding(user, melding) -> bool:
    return melding is not None and sees_dossier(user, melding.dossier)


@rules.predicate
def works_in_dossier_of_melding(user, melding) -> bool:
    return melding is not None and works_in_dossier(user, melding.dossier)


@rules.predicate
def is_sender(user, melding) -> bool:
    return melding is not None and melding.sender_id == user.pk


@rules.predicate
def acts_for_addressed_veilig_thuis(user, melding) -> bool:
    membership = getattr(user, "active_membership", None)
    return melding is not None and membership is not None and membership.organisation_id == melding.vt_organisation_id


rules.add_perm("meldcode.send_to_veilig_thuis", works_in_dossier)
rules.add_perm("meldcode.view_meldingen", sees_dossier)
rules.add_perm("meldcode.view_melding", sees_dossier_of_melding)
rules.add_perm("meldcode.add_addendum", works_in_dossier_of_melding)
rules.add_perm("meldcode.withdraw_melding", works_in_dossier_of_melding & is_sender)
rules.add_perm("meldcode.view_vt_inbox", is_veilig_thuis)
rules.add_perm("meldcode.handle_melding", is_veilig_thuis & acts_for_addressed_veilig_thuis)
