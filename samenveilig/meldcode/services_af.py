"""The aandachtsfunctionaris' overview, the coordinator's counts, and the reminders about idle dossiers.

- :func:`overview` — the organisation's open dossiers with counts per step, filtered by step and by "idle longer than
  the term" (``SAMENVEILIG_MELDCODE_IDLE_DAYS``), for the aandachtsfunctionaris.
- :func:`counts` — open dossiers per organisation and step for coordinators: numbers only, every count under 5
  (0 included) shown as "< 5", as CBS does. No totals are shown, so no suppressed cell can be worked out by
  subtracting the others.
- :func:`send_idle_reminders` — the daily job: for each open dossier without activity for the term, one
  notification to its owner, and one summary per aandachtsfunctionaris of the organisation, at most once per term
  per dossier. The texts name no person and no reference: the link leads to the page where the recipient, with their
  own permissions, sees the rest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from samenveilig.accounts.models import Membership, Organisation
from samenveilig.accounts.roles import Role
from samenveilig.meldcode.models import Dossier, DossierMember, IdleReminder
from samenveilig.meldcode.steps import Step

THRESHOLD = 5
SUPPRESSED = "< 5"
OWNER_REMINDER = "meldcode.idle_reminder"
AF_REMINDER = "meldcode.idle_reminder_af"


def idle_days_term() -> int:
    return settings.SAMENVEILIG_MELDCODE_IDLE_DAYS


def idle_before(now: datetime | None = None) -> datetime:
    """A dossier whose last activity is before this moment is idle longer than the term."""
    return (now or timezone.now()) - timedelta(days=idle_days_term())


# --- the aandachtsfunctionaris' overview ---------------------------------------------------------------------------


@dataclass
class Overview:
    dossiers: object  # a queryset, paginated by the view
    step_counts: list[dict]
    idle_count: int
    total: int
    count: int  # how many dossiers the filters leave: the paginator need not count again


def overview(user, membership, *, step: int | None = None, idle: bool = False) -> Overview:
    """Open dossiers of the organisation the user acts for (``visible_to``), with counts per step and idle (one
    query for the counts, whatever the filters)."""
    base = Dossier.objects.visible_to(user, membership).open()
    cutoff = idle_before()
    per_step = {
        row["step"]: row
        for row in base.order_by()
        .values("step")
        .annotate(n=Count("pk"), idle=Count("pk", filter=Q(last_activity__lt=cutoff)))
    }
    dossiers = base
    if step:
        dossiers = dossiers.filter(step=step)
    if idle:
        dossiers = dossiers.filter(last_activity__lt=cutoff)
    dossiers = (
        dossiers.select_related("owner")
        .prefetch_related(Prefetch("members", queryset=DossierMember.objects.select_related("user")))
        .order_by("last_activity", "pk")
    )
    key = "idle" if idle else "n"
    rows = [per_step.get(step)] if step else list(per_step.values())
    return Overview(
        dossiers=dossiers,
        step_counts=[{"step": s, "label": s.label, "count": per_step.get(s.value, {}).get("n", 0)} for s in Step],
        idle_count=sum(row["idle"] for row in per_step.values()),
        total=sum(row["n"] for row in per_step.values()),
        count=sum(row[key] for row in rows if row),
    )


# --- the coordinator's counts --------------------------------------------------------------------------------------


def shown(count: int) -> str:
    """A count as shown to a coordinator: under 5 (0 included) it is suppressed."""
    return SUPPRESSED if count < THRESHOLD else str(count)


def counts() -> list[dict]:
    """Open dossiers per organisation and step, suppressed, for every organisation with dossiers (one query).

    Organisations without any dossier are left out: listing them would only show which organisations have none.
    """
    raw: dict[int, dict[int, int]] = defaultdict(dict)
    for organisation_id, step, n in (
        Dossier.objects.open().order_by().values_list("organisation_id", "step").annotate(n=Count("pk"))
    ):
        raw[organisation_id][step] = n
    names = dict(Organisation.objects.filter(pk__in=raw).values_list("pk", "name"))
    rows = []
    for organisation_id, per_step in raw.items():
        rows.append(
            {
                "organisation": names.get(organisation_id, ""),
                "cells": [shown(per_step.get(s.value, 0)) for s in Step],
            }
        )
    return sorted(rows, key=lambda row: row["organisation"])


# --- reminders about idle dossiers ---------------------------------------------------------------------------------


def due_for_reminder(now: datetime):
    """Open dossiers idle longer than the term that had no reminder within the last term (once per term)."""
    cutoff = idle_before(now)
    recent = IdleReminder.objects.filter(dossier=OuterRef("pk"), sent__gt=cutoff)
    return Dossier.objects.open().filter(last_activity__lt=cutoff).exclude(Exists(recent))


def send_idle_reminders(now: datetime) -> str:
    """Remind owners of idle dossiers (one notification per dossier) and each organisation's aandachtsfunctionaris
    (one summary); record each reminder. Safe to run again: a dossier reminded within the term is skipped."""
    from samenveilig.notifications.services import notify

    term = idle_days_term()
    dossiers = list(due_for_reminder(now).select_related("owner", "organisation"))
    if not dossiers:
        return "0 herinneringen"
    organisation_ids = {dossier.organisation_id for dossier in dossiers}
    afs: dict[int, list] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(role=Role.AANDACHTSFUNCTIONARIS, organisation_id__in=organisation_ids, user__is_active=True)
        .select_related("user", "organisation")
    ):
        afs[membership.organisation_id].append(membership)
    per_af: dict[tuple[int, int], list[Dossier]] = defaultdict(list)
    owners = 0
    with translation.override(settings.LANGUAGE_CODE):
        for dossier in dossiers:
            days = dossier.idle_days(timezone.localdate(now))
            with transaction.atomic():
                IdleReminder.objects.create(dossier=dossier, sent=now, idle_days=days)
                notify(
                    dossier.owner,
                    kind=OWNER_REMINDER,
                    subject=gettext("Een meldcodedossier van u staat stil"),
                    body=gettext(
                        "In een van uw meldcodedossiers is al %(days)s dagen niets vastgelegd. Open het dossier en "
                        "leg de volgende stap vast, of sluit het als de zorg voorbij is."
                    )
                    % {"days": days},
                    url=reverse("meldcode:dossier_detail", args=[dossier.pk]),
                    organisation=dossier.organisation,
                )
            owners += 1
            for membership in afs.get(dossier.organisation_id, ()):
                per_af[(membership.user_id, membership.organisation_id)].append(dossier)
        af_users = {m.user_id: m.user for ms in afs.values() for m in ms}
        organisations = {d.organisation_id: d.organisation for d in dossiers}
        for (user_id, organisation_id), idle in per_af.items():
            notify(
                af_users[user_id],
                kind=AF_REMINDER,
                subject=gettext("Meldcodedossiers van uw organisatie staan stil"),
                body=ngettext(
                    "%(count)s open dossier van uw organisatie staat langer dan %(days)s dagen stil.",
                    "%(count)s open dossiers van uw organisatie staan langer dan %(days)s dagen stil.",
                    len(idle),
                )
                % {"count": len(idle), "days": term},
                url=reverse("meldcode:organisation_overview") + "?stil=1",
                organisation=organisations[organisation_id],
            )
    return f"{owners} herinneringen aan eigenaren, {len(per_af)} aan aandachtsfunctionarissen"
