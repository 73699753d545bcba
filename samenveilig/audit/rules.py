"""Who may review the access log: the functioneel beheerder, for the organisation they act for."""

import rules

from samenveilig.accounts.rules import is_beheerder

rules.add_perm("audit.view_log", is_beheerder)
rules.add_perm("audit.export_log", is_beheerder)
