"""Dutch is the default whatever the browser asks; English is a choice the user makes."""

import pytest

pytestmark = pytest.mark.django_db


def test_dutch_even_for_an_english_browser(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


def test_the_switcher_chooses_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


def test_an_unknown_language_falls_back_to_dutch(client):
    client.cookies["django_language"] = "xx"
    assert client.get("/accounts/login/")["Content-Language"] == "nl"


def test_english_dates_put_the_day_first_and_use_a_24_hour_clock():
    import datetime

    from django.utils import formats, translation

    moment = datetime.datetime(2026, 3, 4, 15, 30)
    with translation.override("en"):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "4-3-2026 15:30"
    with translation.override("nl"):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "4-3-2026 15:30"
