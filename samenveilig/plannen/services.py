"""The write paths of the plannen app: permission, version check, transaction, audit, history.

Pages (forms) and the API (validated data) write through the same functions, each in this order:

1. the permission (``plannen.change_plan`` on the plan, ``plannen.add_plan`` for a new one): a refusal is audited
   and raises 403 before any transaction starts;
2. in one transaction: the stored row is locked and its version compared with the version the caller read
   (:func:`version_of`); a difference raises :class:`StaleVersion` and nothing is written;
3. the values are saved (django-simple-history records who and what) and the write is audited.

``actor`` is a request (pages, API) or a user acting for ``user.active_membership`` (commands, demo).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.lib.versioning import StaleVersion
from samenveilig.lib.versioning import version_of as _field_version
from samenveilig.plannen import access, plan_templates
from samenveilig.plannen.models import (
    Activity,
    Cost,
    Evaluation,
    EvaluationMoment,
    Plan,
    StatusChange,
    Theme,
)

__all__ = ["StaleVersion", "version_of"]

CHANGE = "plannen.change_plan"
ADD = "plannen.add_plan"
COST_FIELDS = ("description", "year", "until_year", "funding_source", "amount")


class _ActorRequest:
    """A stand-in for a request when a command or the demo writes as a user."""

    def __init__(self, user):
        self.user = user
        self.membership = getattr(user, "active_membership", None)
        self.META: dict = {}


def _request(actor):
    return actor if hasattr(actor, "user") else _ActorRequest(actor)


def version_of(obj) -> str:
    """A fingerprint of the stored content; an activity's includes its cost lines (edited on the same form)."""
    version = _field_version(obj)
    if isinstance(obj, Activity) and obj.pk is not None:
        costs = sorted(
            (cost.pk, cost.description, cost.year, cost.until_year, cost.funding_source_id, str(cost.amount))
            for cost in obj.costs.all()
        )
        version += ":" + hashlib.sha256(repr(costs).encode()).hexdigest()[:8]
    return version


def check_version(obj, expected: str | Collection[str]) -> None:
    """Lock the stored row of ``obj`` and refuse with :class:`StaleVersion` unless its version is ``expected``."""
    if obj.pk is None:
        return
    accepted = {expected} if isinstance(expected, str) else set(expected)
    model = type(obj)
    try:
        current = model._default_manager.select_for_update().get(pk=obj.pk)
    except model.DoesNotExist:
        raise StaleVersion from None
    if version_of(current) not in accepted:
        raise StaleVersion


def _apply(obj, changes: Mapping) -> dict:
    """Set plain fields on ``obj``; return the many-to-many values to set after saving."""
    many_to_many = {field.name for field in obj._meta.many_to_many}
    related = {}
    for name, value in changes.items():
        if name in many_to_many:
            related[name] = value
        else:
            setattr(obj, name, value)
    return related


def _save(obj, changes: Mapping) -> None:
    related = _apply(obj, changes)
    obj.full_clean(exclude=[name for name in ("plan", "theme", "activity", "moment") if hasattr(obj, name + "_id")])
    obj.save()
    for name, value in related.items():
        getattr(obj, name).set(value)


# --- plans --------------------------------------------------------------------------------------------------------


def create_plan(actor, changes: Mapping, *, template: str = "") -> Plan:
    """A new plan for a municipality or region in the coordinator's area, with the themes of a seed template."""
    request = _request(actor)
    action = "plannen.plan.created"
    require_perm(request, ADD, action, object_type="plannen.plan")
    if not access.may_keep(request.user, changes.get("gemeente"), changes.get("regio")):
        audit.log(request, action, object_type="plannen.plan", outcome=audit.REFUSED)
        raise PermissionDenied
    chosen = plan_templates.BY_KEY.get(template) if template else None
    with transaction.atomic():
        plan = Plan(organisation_id=request.membership.organisation_id)
        if chosen is not None and "theme_label" not in changes:
            plan.theme_label = chosen.theme_label
        _save(plan, changes)
        if chosen is not None:
            Theme.objects.bulk_create(
                [Theme(plan=plan, name=name, order=10 * i) for i, name in enumerate(chosen.themes, start=1)]
            )
            for theme in plan.themes.all():  # bulk_create skips the history: record the creation
                theme.save()
        audit.log(request, action, plan)
    access.forget(request.user)
    return plan


def save_plan(actor, plan: Plan, changes: Mapping, *, version: str | Collection[str]) -> Plan:
    request = _request(actor)
    action = "plannen.plan.updated"
    require_perm(request, CHANGE, action, plan)
    if ("gemeente" in changes or "regio" in changes) and not access.may_keep(
        request.user, changes.get("gemeente", plan.gemeente), changes.get("regio", plan.regio)
    ):
        audit.log(request, action, plan, outcome=audit.REFUSED)
        raise PermissionDenied
    with transaction.atomic():
        check_version(plan, version)
        _save(plan, changes)
        audit.log(request, action, plan)
    access.forget(request.user)
    return plan


def delete_plan(actor, plan: Plan, *, version: str | Collection[str] | None = None) -> None:
    request = _request(actor)
    action = "plannen.plan.deleted"
    require_perm(request, CHANGE, action, plan)
    with transaction.atomic():
        if version is not None:
            check_version(plan, version)
        audit.log(request, action, plan)
        plan.delete()
    access.forget(request.user)


def copy_plan(actor, plan: Plan, *, title: str, start_year: int, end_year: int) -> Plan:
    """A plan for a new period with the same area, mission, goals and themes, carrying the unfinished activities
    (not done, not cancelled) with their people, programmes and the cost lines that fall in the new period."""
    request = _request(actor)
    action = "plannen.plan.copied"
    require_perm(request, CHANGE, action, plan)
    today = timezone.localdate()
    with transaction.atomic():
        new = Plan(
            title=title,
            gemeente=plan.gemeente,
            regio=plan.regio,
            organisation_id=request.membership.organisation_id,
            start_year=start_year,
            end_year=end_year,
            mission=plan.mission,
            goals=plan.goals,
            theme_label=plan.theme_label,
            copied_from=plan,
        )
        new.full_clean()
        new.save()
        unfinished = (
            Activity.objects.filter(theme__plan=plan)
            .exclude(status__in=[Activity.Status.DONE, Activity.Status.CANCELLED])
            .prefetch_related("organisations", "contact_persons", "target_groups", "programmes", "costs")
        )
        by_theme: dict[int, list[Activity]] = {}
        for activity in unfinished:
            by_theme.setdefault(activity.theme_id, []).append(activity)
        for theme in plan.themes.order_by("order", "pk"):
            copy = Theme.objects.create(plan=new, name=theme.name, description=theme.description, order=theme.order)
            for activity in by_theme.get(theme.pk, []):
                _copy_activity(request, activity, copy, new, today, plan)
        audit.log(request, action, new, purpose=f"plannen.plan:{plan.pk}")
    access.forget(request.user)
    return new


def _copy_activity(request, activity: Activity, theme: Theme, plan: Plan, today: date, source: Plan) -> None:
    organisations = list(activity.organisations.all())
    contact_persons = list(activity.contact_persons.all())
    target_groups = list(activity.target_groups.all())
    programmes = list(activity.programmes.all())
    costs = list(activity.costs.all())
    activity.pk = None
    activity.id = None
    activity._state.adding = True
    activity._prefetched_objects_cache = {}  # else set() compares with the source's related rows
    activity.theme = theme
    activity.save()
    activity.organisations.set(organisations)
    activity.contact_persons.set(contact_persons)
    activity.target_groups.set(target_groups)
    activity.programmes.set(programmes)
    StatusChange.objects.create(
        activity=activity,
        status=activity.status,
        date=today,
        note=_("Overgenomen uit %(plan)s") % {"plan": source.title},
        changed_by=request.user,
    )
    for cost in costs:
        first, last = max(cost.year, plan.start_year), min(cost.until_year or cost.year, plan.end_year)
        if first > last:
            continue
        Cost.objects.create(
            activity=activity,
            description=cost.description,
            year=first,
            until_year=last if last != first else None,
            funding_source_id=cost.funding_source_id,
            amount=cost.amount,
        )


# --- themes -------------------------------------------------------------------------------------------------------


def save_theme(actor, theme: Theme, changes: Mapping, *, version: str | Collection[str]) -> Theme:
    request = _request(actor)
    action = "plannen.theme.created" if theme.pk is None else "plannen.theme.updated"
    require_perm(request, CHANGE, action, theme.plan)
    with transaction.atomic():
        check_version(theme, version)
        _save(theme, changes)
        audit.log(request, action, theme)
    return theme


def delete_theme(actor, theme: Theme, *, version: str | Collection[str] | None = None) -> None:
    """Remove a theme without activities (a theme with activities keeps them: move or remove those first)."""
    request = _request(actor)
    action = "plannen.theme.deleted"
    require_perm(request, CHANGE, action, theme.plan)
    with transaction.atomic():
        if version is not None:
            check_version(theme, version)
        if theme.activities.exists():
            raise ThemeNotEmpty
        audit.log(request, action, theme)
        theme.delete()


class ThemeNotEmpty(Exception):
    """A theme with activities is not removed."""


# --- activities ---------------------------------------------------------------------------------------------------


def save_activity(
    actor,
    activity: Activity,
    changes: Mapping,
    *,
    version: str | Collection[str],
    costs: Iterable[Mapping] | None = None,
    status_date: date | None = None,
) -> Activity:
    """Create or change an activity; ``costs`` (when given) become its cost lines: a line with an ``id`` changes that
    line, one without is added, and lines not named are removed. A status different from the stored one is
    recorded in the status history, dated ``status_date`` (default: the done date, or today)."""
    request = _request(actor)
    created = activity.pk is None
    action = "plannen.activity.created" if created else "plannen.activity.updated"
    plan = changes["theme"].plan if "theme" in changes else activity.plan
    require_perm(request, CHANGE, action, plan)
    if "theme" in changes and not created and changes["theme"].plan_id != activity.theme.plan_id:
        audit.log(request, action, activity, outcome=audit.REFUSED)
        raise PermissionDenied  # an activity stays in its plan
    with transaction.atomic():
        check_version(activity, version)
        old_status = None if created else Activity.objects.values_list("status", flat=True).get(pk=activity.pk)
        new_status = changes.get("status", activity.status)
        if new_status == Activity.Status.DONE and not changes.get("done_on", activity.done_on):
            changes = {**changes, "done_on": status_date or timezone.localdate()}
        elif new_status != Activity.Status.DONE and "status" in changes:
            changes = {**changes, "done_on": None}
        _save(activity, changes)
        if costs is not None:
            _sync_costs(activity, costs)
        if old_status != activity.status:
            when = status_date or activity.done_on or timezone.localdate()
            StatusChange.objects.create(activity=activity, status=activity.status, date=when, changed_by=request.user)
        audit.log(request, action, activity)
    return activity


def _sync_costs(activity: Activity, costs: Iterable[Mapping]) -> None:
    existing = {cost.pk: cost for cost in activity.costs.all()}
    kept = set()
    for line in costs:
        line = dict(line)
        pk = line.pop("id", None)
        cost = existing.get(pk) if pk else None
        if cost is None:
            cost = Cost(activity=activity)
        values = {name: line.get(name) for name in COST_FIELDS if name in line}
        values.setdefault("description", "")
        if values.get("description") is None:
            values["description"] = ""
        changed = cost.pk is None or any(getattr(cost, name) != value for name, value in values.items())
        if changed:
            for name, value in values.items():
                setattr(cost, name, value)
            cost.full_clean(exclude=["activity"])
            cost.save()
        kept.add(cost.pk)
    for pk, cost in existing.items():
        if pk not in kept:
            cost.delete()


def change_status(
    actor,
    activity: Activity,
    *,
    status: str,
    on: date,
    note: str = "",
    version: str | Collection[str],
) -> Activity:
    """A dated status change: appended to the history; 'gereed' keeps ``on`` as the done date."""
    request = _request(actor)
    action = "plannen.activity.status_changed"
    require_perm(request, CHANGE, action, activity.plan)
    with transaction.atomic():
        check_version(activity, version)
        activity.status = status
        activity.done_on = on if status == Activity.Status.DONE else None
        activity.save()
        StatusChange.objects.create(activity=activity, status=status, date=on, note=note, changed_by=request.user)
        audit.log(request, action, activity)
    return activity


def delete_activity(actor, activity: Activity, *, version: str | Collection[str] | None = None) -> None:
    request = _request(actor)
    action = "plannen.activity.deleted"
    require_perm(request, CHANGE, action, activity.plan)
    with transaction.atomic():
        if version is not None:
            check_version(activity, version)
        audit.log(request, action, activity)
        activity.delete()


def import_activities(actor, plan: Plan, rows: list[dict]) -> list[Activity]:
    """Create the (already validated) activities of an import, all or nothing."""
    request = _request(actor)
    action = "plannen.activity.imported"
    require_perm(request, CHANGE, action, plan)
    created = []
    with transaction.atomic():
        for row in rows:
            row = dict(row)
            costs = row.pop("costs", [])
            activity = Activity(theme=row["theme"])
            _save(activity, row)
            for cost in costs:
                Cost.objects.create(activity=activity, **cost)
            StatusChange.objects.create(
                activity=activity,
                status=activity.status,
                date=activity.done_on or timezone.localdate(),
                note=_("Geïmporteerd"),
                changed_by=request.user,
            )
            created.append(activity)
        audit.log(request, action, plan, purpose=f"{len(created)} rows")
    return created


# --- evaluation ---------------------------------------------------------------------------------------------------


def save_moment(actor, moment: EvaluationMoment, changes: Mapping, *, version: str | Collection[str]):
    request = _request(actor)
    action = "plannen.evaluationmoment.created" if moment.pk is None else "plannen.evaluationmoment.updated"
    require_perm(request, CHANGE, action, moment.plan)
    with transaction.atomic():
        check_version(moment, version)
        _save(moment, changes)
        audit.log(request, action, moment)
    return moment


def save_evaluation(actor, evaluation: Evaluation, changes: Mapping, *, version: str | Collection[str]):
    request = _request(actor)
    action = "plannen.evaluation.created" if evaluation.pk is None else "plannen.evaluation.updated"
    require_perm(request, CHANGE, action, evaluation.moment.plan)
    if "activity" in changes and changes["activity"].theme.plan_id != evaluation.moment.plan_id:
        audit.log(request, action, evaluation.moment, outcome=audit.REFUSED)
        raise PermissionDenied
    with transaction.atomic():
        check_version(evaluation, version)
        _save(evaluation, changes)
        audit.log(request, action, evaluation)
    return evaluation


def stored(model: type[models.Model], pk) -> models.Model:
    return model._default_manager.get(pk=pk)
