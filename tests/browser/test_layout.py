"""The layout holds up for people who do not use a mouse on a big screen: phones, keyboards, no JavaScript."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import _base_url, click_and_wait, log_in, reauthenticate_if_asked, skip_without_browser

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360


def test_pages_fit_a_phone_screen(browser, live_server, professional_with_totp):
    context = browser.new_context(
        base_url=_base_url(live_server), locale="nl-NL", viewport={"width": PHONE_WIDTH, "height": 800}
    )
    page = context.new_page()
    log_in(page, professional_with_totp)
    page.goto("/mijn-account/api-tokens/")
    page.get_by_label("Naam", exact=True).fill("Koppeling met het registratiesysteem van de school")
    click_and_wait(page, page.get_by_role("button", name="Token maken"))

    too_wide = {}
    organisation = professional_with_totp.user.memberships.get().organisation
    for path in [
        "/",
        "/organisaties/",
        f"/organisaties/{organisation.pk}/",
        f"/gebruikers/{professional_with_totp.user.pk}/",
        "/mijn-account/api-tokens/",
        "/accounts/2fa/",
        "/accounts/logout/",
    ]:
        page.goto(path)
        reauthenticate_if_asked(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[path] = width
    context.close()
    assert too_wide == {}, f"pages wider than a {PHONE_WIDTH}px phone screen: {too_wide}"


def test_login_and_api_tokens_work_without_javascript(browser, live_server, professional_with_totp):
    context = browser.new_context(base_url=_base_url(live_server), locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    log_in(page, professional_with_totp)
    assert "Testschool De Linde" in page.locator("main").inner_text()

    page.goto("/mijn-account/api-tokens/")
    page.get_by_label("Naam", exact=True).fill("Koppeling registratiesysteem")
    click_and_wait(page, page.get_by_role("button", name="Token maken"))
    assert page.locator("#sv-new-key").input_value().startswith("sv_")
    assert not page.get_by_role("button", name="Kopieer token").is_visible(), "a copy button that cannot work"

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/accounts/login/")
    context.close()


def test_skip_link_is_the_first_stop_and_leads_to_the_content(context, db):
    page = context.new_page()
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    assert skip_link.evaluate("link => link === document.activeElement")
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0, "the skip link is not visible on focus"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
