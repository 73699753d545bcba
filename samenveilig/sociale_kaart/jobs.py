"""Keeping the sociale kaart fresh: which entries are stale, and the daily job that reminds their owners.

An organisation's entry (or the lack of one) and a service are *stale* when nobody verified them for
``SAMENVEILIG_KAART_STALE_DAYS`` days (see ``models.FreshnessQuerySet``). Only active organisations and active
services count. The list is ``/sociale-kaart/verouderd/`` (``views_stale``).

Who is reminded, per stale item:

1. its **owner**, while that owner may still edit it: an active user with an active membership as coordinator, or as
   aandachtsfunctionaris of the item's organisation;
2. otherwise the organisation's active **aandachtsfunctionarissen**;
3. otherwise the **coordinators** of the municipalities the organisation works in (``Organisation.gemeenten``);
4. otherwise nobody: the item stays on the coordinators' list and is counted in the job's summary as unassigned.

Each recipient gets **one** notification (in the app and by e-mail) with the number of their stale items and a link
to the list — at most once per ``SAMENVEILIG_KAART_REMINDER_DAYS``. The notifications themselves are the record of
that: a rerun on the same day finds them and sends nothing. The texts are about organisations and services only, so
the e-mail may repeat them (``sensitive=False``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from samenveilig.accounts.models import Membership, Organisation
from samenveilig.accounts.roles import Role
from samenveilig.core.jobs import periodic_job
from samenveilig.sociale_kaart.models import Service, stale_before

REMINDER_KIND = "sociale_kaart.stale_reminder"


def stale_organisations(today=None):
    """Active organisations whose map entry is stale or missing altogether."""
    cutoff = stale_before(today)
    return Organisation.objects.filter(is_active=True).filter(
        Q(kaart__isnull=True) | Q(kaart__last_verified__isnull=True) | Q(kaart__last_verified__lt=cutoff)
    )


def stale_services(today=None):
    """Active services of active organisations that are stale."""
    return Service.objects.stale(today).filter(is_active=True, organisation__is_active=True)


def _stale_items(today) -> list[tuple[int, int | None]]:
    """(organisation id, owner id) for every stale entry and service: two queries."""
    items = list(stale_organisations(today).values_list("pk", "kaart__owner_id"))
    items += list(stale_services(today).values_list("organisation_id", "owner_id"))
    return items


def recipients_for_stale_items(today=None) -> tuple[dict[int, dict], int]:
    """Who is reminded of how many items: ``{user id: {"count": n, "organisation_id": id}}``, and the unassigned count.

    A fixed number of queries, however many items: the stale items, the relevant memberships, the municipalities.
    """
    items = _stale_items(today)
    if not items:
        return {}, 0
    organisation_ids = {organisation_id for organisation_id, _ in items}
    memberships = Membership.objects.active().filter(user__is_active=True)
    af_of: dict[int, list[int]] = defaultdict(list)
    for user_id, organisation_id in memberships.filter(
        role=Role.AANDACHTSFUNCTIONARIS, organisation_id__in=organisation_ids
    ).values_list("user_id", "organisation_id"):
        af_of[organisation_id].append(user_id)
    coordinator_organisation: dict[int, int] = {}  # coordinator -> the organisation they coordinate for
    coordinators_of_gemeente: dict[int, set[int]] = defaultdict(set)
    for user_id, organisation_id, gemeente_id in memberships.filter(role=Role.COORDINATOR).values_list(
        "user_id", "organisation_id", "organisation__gemeenten"
    ):
        coordinator_organisation.setdefault(user_id, organisation_id)
        if gemeente_id:
            coordinators_of_gemeente[gemeente_id].add(user_id)
    gemeenten_of: dict[int, set[int]] = defaultdict(set)
    for organisation_id, gemeente_id in Organisation.gemeenten.through.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("organisation_id", "gemeente_id"):
        gemeenten_of[organisation_id].add(gemeente_id)

    reminders: dict[int, dict] = {}
    unassigned = 0
    for organisation_id, owner_id in items:
        if owner_id is not None and owner_id in af_of.get(organisation_id, ()):
            targets = {owner_id: organisation_id}
        elif owner_id is not None and owner_id in coordinator_organisation:
            targets = {owner_id: coordinator_organisation[owner_id]}
        elif af_of.get(organisation_id):
            targets = dict.fromkeys(af_of[organisation_id], organisation_id)
        else:
            coordinators = set().union(*(coordinators_of_gemeente[g] for g in gemeenten_of.get(organisation_id, ())))
            targets = {user_id: coordinator_organisation[user_id] for user_id in coordinators}
        if not targets:
            unassigned += 1
        for user_id, acting_for in targets.items():
            reminder = reminders.setdefault(user_id, {"count": 0, "organisation_id": acting_for})
            reminder["count"] += 1
    return reminders, unassigned


@periodic_job("sociale_kaart.stale_reminders", every=timedelta(days=1))
def stale_reminders(now):
    """Remind the owners of stale sociale kaart entries (one notification each, at most once per period)."""
    from samenveilig.accounts.models import User
    from samenveilig.notifications.models import Notification
    from samenveilig.notifications.services import notify

    today = timezone.localdate(now)
    reminders, unassigned = recipients_for_stale_items(today)
    recently = set(
        Notification.objects.filter(
            kind=REMINDER_KIND,
            recipient_id__in=reminders,
            created__gt=now - timedelta(days=settings.SAMENVEILIG_KAART_REMINDER_DAYS),
        ).values_list("recipient_id", flat=True)
    )
    due = {user_id: reminder for user_id, reminder in reminders.items() if user_id not in recently}
    url = reverse("sociale_kaart:stale_list")
    days = settings.SAMENVEILIG_KAART_STALE_DAYS
    organisations = Organisation.objects.in_bulk({reminder["organisation_id"] for reminder in due.values()})
    sent = 0
    # Stored texts are in the default language (Dutch), like every e-mail the system sends on its own.
    with translation.override(settings.LANGUAGE_CODE):
        for user in User.objects.filter(pk__in=due, is_active=True).order_by("pk"):
            count = due[user.pk]["count"]
            notify(
                user,
                kind=REMINDER_KIND,
                subject=gettext("Gegevens in de sociale kaart controleren"),
                body=ngettext(
                    "%(count)d onderdeel in de sociale kaart is langer dan %(days)d dagen niet gecontroleerd. "
                    "Controleer of het nog klopt.",
                    "%(count)d onderdelen in de sociale kaart zijn langer dan %(days)d dagen niet gecontroleerd. "
                    "Controleer of ze nog kloppen.",
                    count,
                )
                % {"count": count, "days": days},
                url=url,
                organisation=organisations.get(due[user.pk]["organisation_id"]),
                sensitive=False,
            )
            sent += 1
    return f"{sent} reminders sent, {len(recently)} already reminded, {unassigned} stale items without anyone to remind"
