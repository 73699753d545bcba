"""A session ends after 30 minutes without activity; activity keeps it alive (SESSION_SAVE_EVERY_REQUEST)."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone


def is_logged_in(response) -> bool:
    return response.status_code == 200


def test_session_age_is_thirty_minutes_and_renewed_on_every_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_session_expires_after_thirty_minutes_of_inactivity(client, personas, login):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, personas.professional)
        assert is_logged_in(client.get("/"))

    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_session_just_within_the_limit_is_still_logged_in(client, personas, login):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, personas.professional)
        client.get("/")

    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert is_logged_in(client.get("/"))


def test_activity_keeps_the_session_alive(client, personas, login):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, personas.professional)
        client.get("/")

    # Every request renews the expiry: 3 × 20 minutes is an hour logged in, never 30 minutes idle.
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert is_logged_in(client.get("/")), minutes


def test_expired_session_also_closes_the_api(client, personas, login):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, personas.professional)
        assert client.get("/api/v1/me/").status_code == 200

    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get("/api/v1/me/")

    assert response.status_code in (401, 403)


def test_expired_session_is_not_revived_by_the_stored_row(client, personas, login):
    """The database row outlives the expiry until clearsessions runs; it must not count as a login."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, personas.professional)
        client.get("/")
    session_key = client.session.session_key

    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert Session.objects.filter(session_key=session_key).exists()
        assert client.get("/").status_code == 302
