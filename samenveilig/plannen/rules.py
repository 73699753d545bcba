"""Who may see and change action plans (the rule itself is in :mod:`samenveilig.plannen.access`).

* ``plannen.view_plans`` — the list: coordinators, and partners named in some activity.
* ``plannen.view_plans_menu`` — the menu item: coordinators (checked on every page, so it asks no database query;
  a named partner reaches the list from a link, not the menu).
* ``plannen.add_plan`` — make a plan (or import one): coordinators, for a municipality in their area.
* ``plannen.view_plan`` (a plan) — the whole plan, its finance table, timeline, progress, exports: coordinators of
  the area (editing or reading).
* ``plannen.view_activities`` (a plan) — the plan page with the activities one may see: also named partners.
* ``plannen.view_activity`` (an activity) — one activity: coordinators of the area, or a partner named in it.
* ``plannen.change_plan`` (a plan) — every change to the plan, its themes, activities, costs and evaluations:
  coordinators of the plan's municipality (for a region: of all its municipalities).
"""

from __future__ import annotations

import rules

from samenveilig.accounts.rules import is_coordinator
from samenveilig.plannen import access


def _plan(obj):
    if obj is None:
        return None
    return obj.plan if hasattr(obj, "theme_id") or hasattr(obj, "plan_id") else obj


@rules.predicate
def edits_plan(user, obj) -> bool:
    return access.plan_access(user, _plan(obj)) == access.EDIT


@rules.predicate
def reads_plan(user, obj) -> bool:
    return access.plan_access(user, _plan(obj)) in (access.EDIT, access.READ)


@rules.predicate
def sees_plan_in_part(user, obj) -> bool:
    return access.plan_access(user, _plan(obj)) is not None


@rules.predicate
def named_in_activity(user, obj) -> bool:
    membership = getattr(user, "active_membership", None)
    if membership is None or obj is None:
        return False
    organisation_id = membership.organisation_id
    return any(o.pk == organisation_id for o in obj.organisations.all()) or any(
        p.organisation_id == organisation_id for p in obj.contact_persons.all()
    )


@rules.predicate
def named_anywhere(user) -> bool:
    return access.is_named_anywhere(user)


rules.add_perm("plannen.view_plans", is_coordinator | named_anywhere)
rules.add_perm("plannen.view_plans_menu", is_coordinator)
rules.add_perm("plannen.add_plan", is_coordinator)
rules.add_perm("plannen.view_plan", reads_plan)
rules.add_perm("plannen.view_activities", sees_plan_in_part)
rules.add_perm("plannen.view_activity", reads_plan | named_in_activity)
rules.add_perm("plannen.change_plan", edits_plan)
