"""The strict Content Security Policy holds on real pages (nothing blocked, htmx loaded); the language switch works."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import click_and_wait, log_in, reauthenticate_if_asked, skip_without_browser

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


def collect_problems(page) -> list[str]:
    """Console errors and uncaught exceptions of the page, as they happen."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    return problems


def csp_problems(problems: list[str]) -> list[str]:
    return [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p]


def test_home_page_runs_under_the_strict_csp(context, professional_with_totp):
    page = context.new_page()
    problems = collect_problems(page)
    log_in(page, professional_with_totp)

    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("typeof window.htmx") == "object", "htmx did not load"
    assert csp_problems(problems) == []
    assert [p for p in problems if p.startswith("uncaught")] == []


@pytest.mark.parametrize("path", ["/accounts/2fa/", "/accounts/2fa/recovery-codes/", "/mijn-account/api-tokens/"])
def test_account_pages_run_under_the_strict_csp(context, professional_with_totp, path):
    page = context.new_page()
    problems = collect_problems(page)
    log_in(page, professional_with_totp)
    page.goto(path)
    reauthenticate_if_asked(page)
    assert urlparse(page.url).path == path
    page.wait_for_load_state("networkidle")
    assert csp_problems(problems) == []
    assert [p for p in problems if p.startswith("uncaught")] == []


def test_totp_qr_code_shows_under_the_strict_csp(context, personas):
    from tests.browser.conftest import log_in_with_password

    page = context.new_page()
    problems = collect_problems(page)
    log_in_with_password(page, personas.colleague.username)
    page.goto("/accounts/2fa/totp/activate/")
    reauthenticate_if_asked(page)
    qr = page.locator("img.sv-qr")
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code did not load"
    assert csp_problems(problems) == []


def test_language_switch_changes_the_page_language(context, db):
    page = context.new_page()
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "nl"

    click_and_wait(page, page.get_by_role("button", name="English"))

    assert urlparse(page.url).path == "/accounts/login/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Nederlands").is_visible()


def test_new_api_token_can_be_copied_with_the_button(context, professional_with_totp):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems = collect_problems(page)
    log_in(page, professional_with_totp)
    page.goto("/mijn-account/api-tokens/")
    page.get_by_label("Naam", exact=True).fill("Koppeling registratiesysteem")
    click_and_wait(page, page.get_by_role("button", name="Token maken"))

    key = page.locator("#sv-new-key").input_value()
    page.get_by_role("button", name="Kopieer token").click()  # hidden without JavaScript; our script shows it
    page.get_by_text("Gekopieerd").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == key
    assert csp_problems(problems) == []
