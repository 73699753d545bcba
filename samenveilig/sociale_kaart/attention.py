"""The sociale kaart on the home page: how many entries the user should check (stale or never checked)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from samenveilig.core.attention import AttentionItem


def stale_items(request):
    user = request.user
    if not user.has_perm("sociale_kaart.edit_some_entry"):
        return []
    from samenveilig.sociale_kaart.jobs import stale_organisations, stale_services

    today = timezone.localdate()
    organisations, services = stale_organisations(today), stale_services(today)
    if not user.has_perm("sociale_kaart.view_overviews"):  # an aandachtsfunctionaris: their own organisation
        organisation = request.membership.organisation
        organisations, services = organisations.filter(pk=organisation.pk), services.filter(organisation=organisation)
    count = organisations.count() + services.count()
    if not count:
        return []
    text = ngettext(
        "%(count)s vermelding op de sociale kaart is aan controle toe",
        "%(count)s vermeldingen op de sociale kaart zijn aan controle toe",
        count,
    ) % {"count": count}
    return [AttentionItem(text, reverse("sociale_kaart:stale_list"))]
