"""Who may see and change the sociale kaart.

Everyone acting for an organisation sees the map (contact persons included: that is what it is for). A
coordinator edits every entry; an aandachtsfunctionaris edits only their own organisation's entry, services,
locations and contact persons; nobody else edits.
"""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import acts_for_organisation, is_aandachtsfunctionaris, is_coordinator


def _organisation_id(obj) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    return getattr(obj, "pk", None)  # an accounts.Organisation itself


@rules.predicate
def is_own_organisation(user, obj) -> bool:
    membership = getattr(user, "active_membership", None)
    return membership is not None and obj is not None and _organisation_id(obj) == membership.organisation_id


can_edit_entry = is_coordinator | (is_aandachtsfunctionaris & is_own_organisation)

rules.add_perm("sociale_kaart.view_map", acts_for_organisation)
# Without an object: may this user edit any entry at all (menus, buttons)?
rules.add_perm("sociale_kaart.edit_some_entry", is_coordinator | is_aandachtsfunctionaris)
# With an object (an Organisation, OrganisationEntry, Service, Location or ContactPerson): may they edit this one?
rules.add_perm("sociale_kaart.edit_entry", can_edit_entry)
rules.add_perm("sociale_kaart.view_overviews", is_coordinator)
# A bulk export with the contact persons (HSDS with contacts) is more than reading one page: coordinators only.
rules.add_perm("sociale_kaart.export_contacts", is_coordinator)
