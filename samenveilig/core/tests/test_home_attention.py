"""The home page gathers what needs the user's attention from every app, overdue first."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from samenveilig.core import attention
from samenveilig.core.attention import AttentionItem
from samenveilig.sociale_kaart.tests.factories import OrganisationEntryFactory

pytestmark = pytest.mark.django_db

LONG_AGO = date.today() - timedelta(days=4000)


def test_the_aandachtsfunctionaris_is_told_their_entry_needs_checking(client, login, personas):
    OrganisationEntryFactory(organisation=personas.af.memberships.get().organisation, last_verified=LONG_AGO)
    login(client, personas.af)
    response = client.get(reverse("core:home"))
    assert "Aandacht nodig" in response.content.decode()
    assert reverse("sociale_kaart:stale_list") in response.content.decode()


def test_a_professional_is_not_asked_to_check_the_map(client, login, personas):
    OrganisationEntryFactory(organisation=personas.professional.memberships.get().organisation, last_verified=LONG_AGO)
    login(client, personas.professional)
    response = client.get(reverse("core:home"))
    assert reverse("sociale_kaart:stale_list") not in response.content.decode()


def test_overdue_items_come_first_then_by_due_date(rf, personas, monkeypatch):
    monkeypatch.setattr(attention, "_providers", {})
    today = date.today()
    attention.register(
        "test",
        lambda request: [
            AttentionItem("zonder datum", "/a/"),
            AttentionItem("later", "/b/", today + timedelta(days=9)),
            AttentionItem("te laat", "/c/", today - timedelta(days=1)),
            AttentionItem("binnenkort", "/d/", today + timedelta(days=1)),
        ],
    )
    request = rf.get("/")
    request.user = personas.af
    request.membership = personas.af.memberships.get()
    assert [str(item.text) for item in attention.items_for(request)] == [
        "te laat",
        "binnenkort",
        "later",
        "zonder datum",
    ]
