"""Who may see which figures.

- A coordinator sees the dashboard of every municipality their organisation works in (``Organisation.gemeenten``):
  a coordinator of a region acts for an organisation that works in all of the region's municipalities. They import
  figures and set targets for those municipalities.
- A professional or aandachtsfunctionaris sees the system figures of their own organisation only.
- Nobody else sees the monitor. Every figure is an aggregate; small numbers are suppressed (``suppression.py``).
"""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import is_aandachtsfunctionaris, is_coordinator, is_professional


def gemeente_codes(user) -> set[str]:
    """The CBS codes of the municipalities the organisation acted for works in."""
    membership = getattr(user, "active_membership", None)
    if membership is None:
        return set()
    cache = getattr(user, "_monitor_gemeente_codes", None)
    if cache is None or cache[0] != membership.pk:
        codes = set(membership.organisation.gemeenten.values_list("code", flat=True))
        user._monitor_gemeente_codes = cache = (membership.pk, codes)
    return cache[1]


@rules.predicate
def works_in_gemeente(user, code) -> bool:
    """``code`` is a CBS municipality code (GM####) or anything with a ``code`` attribute."""
    code = getattr(code, "code", code)
    return bool(code) and code in gemeente_codes(user)


rules.add_perm("monitor.view_dashboard", is_coordinator)
rules.add_perm("monitor.view_gemeente", is_coordinator & works_in_gemeente)
rules.add_perm("monitor.import_figures", is_coordinator)
rules.add_perm("monitor.manage_targets", is_coordinator)
rules.add_perm("monitor.view_organisation_figures", is_professional | is_aandachtsfunctionaris)
# the menu item: anyone who sees some figures
rules.add_perm("monitor.view_monitor", is_coordinator | is_professional | is_aandachtsfunctionaris)
