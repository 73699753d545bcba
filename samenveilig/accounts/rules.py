"""Who may do what, by the role of the membership the user acts for.

``user.active_membership`` is set per request by ``ActiveMembershipMiddleware`` (or by the API token).
"""

from __future__ import annotations

import rules

from samenveilig.accounts.roles import Role


def has_role(*roles: str):
    name = "has_role_" + "_or_".join(roles)

    @rules.predicate(name=name)
    def predicate(user) -> bool:
        membership = getattr(user, "active_membership", None)
        return membership is not None and membership.role in roles

    return predicate


is_professional = has_role(Role.PROFESSIONAL)
is_aandachtsfunctionaris = has_role(Role.AANDACHTSFUNCTIONARIS)
is_coordinator = has_role(Role.COORDINATOR)
is_veilig_thuis = has_role(Role.VEILIG_THUIS)
is_beheerder = has_role(Role.BEHEERDER)


@rules.predicate
def acts_for_organisation(user) -> bool:
    return getattr(user, "active_membership", None) is not None


rules.add_perm("accounts.view_own_organisation", acts_for_organisation)
rules.add_perm("accounts.manage_users", is_beheerder)
rules.add_perm("accounts.manage_api_tokens", acts_for_organisation)
