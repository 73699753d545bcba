"""Who adapts the signal lists: the aandachtsfunctionaris, for the organisation they act for.

Registered from the end of :mod:`samenveilig.meldcode.rules`.

- Seeing the lists and adding an own item: the aandachtsfunctionaris.
- Rewording and switching off an own item: the aandachtsfunctionaris of the item's organisation.
- Hiding a shared item (for their own organisation only): the aandachtsfunctionaris.
"""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import is_aandachtsfunctionaris


@rules.predicate
def owns_checklist_item(user, item) -> bool:
    membership = getattr(user, "active_membership", None)
    return item is not None and membership is not None and item.organisation_id == membership.organisation_id


@rules.predicate
def is_shared_checklist_item(user, item) -> bool:
    return item is not None and item.organisation_id is None


rules.add_perm("meldcode.manage_checklists", is_aandachtsfunctionaris)
rules.add_perm("meldcode.change_checklist_item", is_aandachtsfunctionaris & owns_checklist_item)
rules.add_perm("meldcode.hide_checklist_item", is_aandachtsfunctionaris & is_shared_checklist_item)
