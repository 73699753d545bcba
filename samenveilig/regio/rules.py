"""Who may see and keep the regions, municipalities and districts (public reference data)."""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import acts_for_organisation, is_beheerder

rules.add_perm("regio.view_regio", acts_for_organisation)
rules.add_perm("regio.manage_regio", is_beheerder)
