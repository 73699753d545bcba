"""Who sees and who changes a plan — the one place the rule is written.

The area of a coordinator is the set of municipalities (by CBS code, so any CBS year) their active organisation
works in (``accounts.Organisation.gemeenten``).

* **Edit** (``EDIT``): a coordinator whose organisation works in the plan's municipality; for a regional plan, a
  coordinator whose organisation works in every municipality of the region (the regional partnership).
* **Read all** (``READ``): any other coordinator whose area touches the plan's area, or shares a region with it (a
  municipality reads its neighbours' plans in the same region, and the regional plan).
* **Partner** (``PARTNER``): anyone acting for an organisation named as "who" in an activity (as organisation or
  through one of its contact persons) sees those activities only, read-only.
* Everyone else: nothing (404).

The answer is kept on the membership for the rest of the request, so a page asks the database once per plan.
"""

from __future__ import annotations

from django.db.models import Q

from samenveilig.accounts.roles import Role

EDIT = "edit"
READ = "read"
PARTNER = "partner"


def _membership(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "active_membership", None)


def area_codes(membership) -> frozenset[str]:
    """CBS codes of the municipalities the membership's organisation works in (cached on the membership)."""
    cached = getattr(membership, "_plannen_area_codes", None)
    if cached is None:
        from samenveilig.regio.models import Gemeente

        cached = frozenset(
            Gemeente.objects.filter(organisations=membership.organisation_id).values_list("code", flat=True)
        )
        membership._plannen_area_codes = cached
    return cached


def _region_ids(codes):
    from samenveilig.regio.models import Regio

    return Regio.objects.filter(gemeenten__code__in=codes).values("pk")


def _region_codes(codes):
    from samenveilig.regio.models import Gemeente

    return Gemeente.objects.filter(regios__in=_region_ids(codes)).values("code")


def named_activities_q(membership, prefix: str = "") -> Q:
    """Activities naming the membership's organisation (directly or through one of its contact persons)."""
    organisation_id = membership.organisation_id
    return Q(**{f"{prefix}organisations": organisation_id}) | Q(
        **{f"{prefix}contact_persons__organisation": organisation_id}
    )


def visible_plans(queryset, user):
    membership = _membership(user)
    if membership is None:
        return queryset.none()
    from samenveilig.plannen.models import Activity

    named = Activity.objects.filter(named_activities_q(membership)).values("theme__plan_id")
    condition = Q(pk__in=named)
    if membership.role == Role.COORDINATOR:
        codes = area_codes(membership)
        if codes:
            condition |= (
                Q(gemeente__code__in=codes)
                | Q(gemeente__code__in=_region_codes(codes))
                | Q(regio__in=_region_ids(codes))
            )
    return queryset.filter(condition)


def visible_activities(queryset, user, plan):
    """The activities of ``plan`` the user may see: all for coordinators with access, the named ones for partners."""
    level = plan_access(user, plan)
    if level in (EDIT, READ):
        return queryset
    if level == PARTNER:
        return queryset.filter(named_activities_q(_membership(user))).distinct()
    return queryset.none()


def plan_access(user, plan) -> str | None:
    """``EDIT``, ``READ``, ``PARTNER`` or None for this user (in the role they act in) and plan."""
    membership = _membership(user)
    if membership is None or plan is None or plan.pk is None:
        return None
    cache = membership.__dict__.setdefault("_plannen_access", {})
    if plan.pk not in cache:
        cache[plan.pk] = _compute(membership, plan)
    return cache[plan.pk]


def forget(user) -> None:
    """Drop the cached answers (after a plan's area changed in this request)."""
    membership = _membership(user)
    if membership is not None:
        membership.__dict__.pop("_plannen_access", None)


def _compute(membership, plan) -> str | None:
    from samenveilig.plannen.models import Activity

    if membership.role == Role.COORDINATOR:
        codes = area_codes(membership)
        if codes:
            plan_codes = _plan_codes(plan.gemeente, plan.regio_id)
            if plan_codes and plan_codes <= codes:
                return EDIT
            if plan_codes & codes:
                return READ
            region_codes = set(_region_codes(codes).values_list("code", flat=True))
            if plan_codes & region_codes:
                return READ
    if Activity.objects.filter(named_activities_q(membership), theme__plan=plan).exists():
        return PARTNER
    return None


def _plan_codes(gemeente, regio_id) -> set[str]:
    from samenveilig.regio.models import Gemeente

    if gemeente is not None:
        return {gemeente.code}
    if regio_id is None:
        return set()
    return set(Gemeente.objects.filter(regios=regio_id).values_list("code", flat=True))


def may_keep(user, gemeente, regio) -> bool:
    """May this user keep (make, edit) a plan for this municipality or region? The edit rule without a stored plan."""
    membership = _membership(user)
    if membership is None or membership.role != Role.COORDINATOR:
        return False
    plan_codes = _plan_codes(gemeente, getattr(regio, "pk", None))
    return bool(plan_codes) and plan_codes <= area_codes(membership)


def is_named_anywhere(user) -> bool:
    membership = _membership(user)
    if membership is None:
        return False
    cached = getattr(membership, "_plannen_named", None)
    if cached is None:
        from samenveilig.plannen.models import Activity

        cached = Activity.objects.filter(named_activities_q(membership)).exists()
        membership._plannen_named = cached
    return cached


def editable_gemeente_codes(user) -> frozenset[str]:
    """Municipalities a coordinator may make a plan for."""
    membership = _membership(user)
    if membership is None or membership.role != Role.COORDINATOR:
        return frozenset()
    return area_codes(membership)
