"""Forgotten password: a reset link by e-mail, without revealing which addresses have an account."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from samenveilig.accounts.tests.factories import TEST_PASSWORD

RESET_URL = "/accounts/password/reset/"
NEW_PASSWORD = "a-new-long-passphrase-2024"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_reset_for_a_known_address_sends_one_mail_with_a_link(client, personas, mailoutbox):
    user = personas.professional

    response = client.post(RESET_URL, {"email": user.email})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert reset_link(mailoutbox[0])


def test_reset_for_an_unknown_address_sends_no_mail(client, personas, mailoutbox):
    response = client.post(RESET_URL, {"email": "nobody@example.invalid"})

    assert response.status_code == 302
    assert mailoutbox == []


def test_reset_answers_the_same_for_known_and_unknown_addresses(client, personas, mailoutbox):
    known = client.post(RESET_URL, {"email": personas.professional.email})
    unknown = client.post(RESET_URL, {"email": "nobody@example.invalid"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_reset_mail_holds_no_password_or_username(client, personas, mailoutbox):
    user = personas.professional

    client.post(RESET_URL, {"email": user.email})

    assert TEST_PASSWORD not in mailoutbox[0].body


def test_reset_link_sets_a_new_password(client, personas, mailoutbox):
    user = personas.professional
    client.post(RESET_URL, {"email": user.email})

    response = client.get(reset_link(mailoutbox[0]))
    # allauth moves the key out of the address (so it does not leak via the Referer) and asks for the new password.
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # ACCOUNT_LOGIN_ON_PASSWORD_RESET is off: the new password must still be used to log in (and MFA after that).
    assert "_auth_user_id" not in client.session


def test_reset_link_works_only_once(client, personas, mailoutbox):
    user = personas.professional
    client.post(RESET_URL, {"email": user.email})
    link = reset_link(mailoutbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert "password1" not in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
