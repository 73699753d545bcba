"""Who may do what with Meldcode dossiers.

Seeing a dossier: its owner, colleagues explicitly added to it, and the aandachtsfunctionaris of its organisation —
only while acting for that organisation (the same rule as ``Dossier.objects.visible_to``). Working in it (adding
signals, consultations, the assessment, closing): the owner and the added colleagues; an aandachtsfunctionaris
first adds themselves to support. Coordinators, Veilig Thuis and beheerders see no dossier at all.
"""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import is_aandachtsfunctionaris, is_professional


def _membership(user):
    return getattr(user, "active_membership", None)


@rules.predicate
def acts_for_dossier_organisation(user, dossier) -> bool:
    membership = _membership(user)
    return dossier is not None and membership is not None and membership.organisation_id == dossier.organisation_id


@rules.predicate
def is_dossier_owner(user, dossier) -> bool:
    return dossier is not None and dossier.owner_id == user.pk


@rules.predicate
def is_dossier_member(user, dossier) -> bool:
    if dossier is None:
        return False
    members = getattr(dossier, "_member_ids", None)
    if members is None:
        members = set(dossier.members.values_list("user_id", flat=True))
        dossier._member_ids = members
    return user.pk in members


works_with_dossiers = is_professional | is_aandachtsfunctionaris
works_in_dossier = works_with_dossiers & acts_for_dossier_organisation & (is_dossier_owner | is_dossier_member)
sees_dossier = works_in_dossier | (is_aandachtsfunctionaris & acts_for_dossier_organisation)

rules.add_perm("meldcode.view_own_dossiers", works_with_dossiers)
rules.add_perm("meldcode.create_dossier", works_with_dossiers)
rules.add_perm("meldcode.view_dossier", sees_dossier)
rules.add_perm("meldcode.change_dossier", works_in_dossier)
# The owner adds colleagues; an aandachtsfunctionaris of the organisation may add themselves to support.
rules.add_perm("meldcode.add_member", works_with_dossiers & acts_for_dossier_organisation & is_dossier_owner)
rules.add_perm("meldcode.support_dossier", is_aandachtsfunctionaris & acts_for_dossier_organisation)
rules.add_perm("meldcode.view_organisation_dossiers", is_aandachtsfunctionaris)
from samenveilig.meldcode import rules_checklists  # noqa: E402, F401 -- the signal lists, registered here
