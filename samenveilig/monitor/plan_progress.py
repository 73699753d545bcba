"""The progress of the municipality's action plan, for the council report: per theme the activities done, running,
late and planned (``samenveilig.plannen.planning.progress``).

The plan shown is the municipality's own plan (not a region's) that the user may read in full, the one whose period
covers today, else the most recent. No plan, no section. Plans hold no personal data; opening one is audited as
the plannen app does (``plannen.plan.viewed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from samenveilig import audit


@dataclass
class PlanProgress:
    plan: object
    items: list
    totals: dict[str, int]
    today: date


def for_gemeente(request, code: str, today: date) -> PlanProgress | None:
    from samenveilig.plannen import access, planning
    from samenveilig.plannen.models import Plan

    plans = list(Plan.objects.visible_to(request.user).filter(gemeente__code=code).order_by("-start_year", "pk"))
    readable = [plan for plan in plans if access.plan_access(request.user, plan) in (access.EDIT, access.READ)]
    if not readable:
        return None
    current = [plan for plan in readable if plan.start_year <= today.year <= plan.end_year]
    plan = (current or readable)[0]
    items = planning.progress(planning.load_plan(plan), today)
    audit.log(request, "plannen.plan.viewed", plan, purpose="council report")
    return PlanProgress(plan=plan, items=items, totals=planning.totals(items), today=today)
