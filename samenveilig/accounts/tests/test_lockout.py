"""Password guessing is stopped: after five wrong passwords a username+address pair is locked out (django-axes)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from samenveilig.accounts.adapters import axes_username
from samenveilig.accounts.tests.factories import TEST_PASSWORD

LOGIN_URL = "/accounts/login/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth keeps its own login rate limits in the cache; start every test with none used.
    cache.clear()
    yield
    cache.clear()


def attempt(client, login, password, **extra):
    return client.post(LOGIN_URL, {"login": login, "password": password}, **extra)


def fail_five_times(client, login):
    responses = [attempt(client, login, "wrong-password-123") for _ in range(settings.AXES_FAILURE_LIMIT)]
    # allauth's own per-login rate limit (kept in the cache) would also stop a sixth try. Forget it, so that these
    # tests show the lock kept in the database by axes, which holds across processes and restarts.
    cache.clear()
    return responses


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_locked_out_after_five_wrong_passwords(client, personas):
    responses = fail_five_times(client, personas.professional.username)
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    # The fifth failure already answers with the lockout page.
    assert responses[-1].status_code == 429

    response = attempt(client, personas.professional.username, TEST_PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_lockout_is_recorded_for_the_username_and_address(client, personas):
    fail_five_times(client, personas.professional.username)

    record = AccessAttempt.objects.get()
    assert record.username == personas.professional.username
    assert record.ip_address == "127.0.0.1"
    assert record.failures_since_start == settings.AXES_FAILURE_LIMIT


def test_lockout_ignores_the_case_of_the_username(client, personas):
    username = personas.professional.username
    for login in (username, username.upper(), username.title(), username, username.upper()):
        attempt(client, login, "wrong-password-123")
    cache.clear()

    response = attempt(client, username, TEST_PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_lockout_of_one_user_leaves_a_colleague_on_the_same_address_alone(client, personas):
    fail_five_times(client, personas.professional.username)

    response = attempt(client, personas.colleague.username, TEST_PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_lockout_from_one_address_leaves_the_user_free_elsewhere(client, personas):
    fail_five_times(client, personas.professional.username)

    response = attempt(client, personas.professional.username, TEST_PASSWORD, REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 302
    assert is_logged_in(client)


def test_lockout_ends_after_the_cool_off_time(client, personas):
    fail_five_times(client, personas.professional.username)

    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        response = attempt(client, personas.professional.username, TEST_PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_successful_login_resets_the_failure_count(client, personas):
    username = personas.professional.username
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, username, "wrong-password-123")
    assert attempt(client, username, TEST_PASSWORD).status_code == 302
    client.logout()
    cache.clear()

    response = attempt(client, username, "wrong-password-123")

    assert response.status_code == 200
    assert not AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).exists()


def test_without_axes_allauth_still_stops_the_sixth_guess(client, personas):
    """Defence in depth: allauth's own rate limit refuses too, even when the axes lock is gone."""
    username = personas.professional.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, username, "wrong-password-123")
    AccessAttempt.objects.all().delete()

    response = attempt(client, username, TEST_PASSWORD)

    assert not is_logged_in(client)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("credentials", "expected"),
    [
        ({"login": "Jan"}, "jan"),
        ({"username": " Jan "}, "jan"),
        ({"email": "Jan@Example.invalid"}, "jan@example.invalid"),
        ({"password": "x"}, None),
        (None, None),
    ],
)
def test_axes_reads_the_login_name_from_allauth_credentials(rf, credentials, expected):
    assert axes_username(rf.post(LOGIN_URL), credentials) == expected


def test_axes_falls_back_to_the_login_form_field(rf):
    assert axes_username(rf.post(LOGIN_URL, {"login": "Piet"}), None) == "piet"


def test_lockout_leaves_a_refused_audit_entry_without_the_username(client, personas):
    from samenveilig.audit.models import AuditEntry

    fail_five_times(client, personas.professional.username)

    entry = AuditEntry.objects.get(action="accounts.login.locked_out")
    assert entry.outcome == "refused"
    assert personas.professional.username not in (entry.actor_username, entry.object_id, entry.purpose)
