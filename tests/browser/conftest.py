"""Real Chromium for the browser tests (marker ``browser``), driven by Playwright's sync API.

Chromium comes from Debian (``apt-get install chromium``), never from ``playwright install``. Without it the tests skip,
unless ``SAMENVEILIG_REQUIRE_BROWSER=1`` (as in CI): then a missing browser is a failure, not a silent skip.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

# live_server runs Django in a thread next to Playwright's event loop; Django would otherwise refuse the ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_REQUIRED = os.environ.get("SAMENVEILIG_REQUIRE_BROWSER") == "1"
BROWSER_MISSING_REASON = f"{CHROMIUM} is missing (apt-get install chromium); set SAMENVEILIG_REQUIRE_BROWSER=1 to fail"

# For the test modules: ``pytestmark = [pytest.mark.browser, skip_without_browser]``.
skip_without_browser = pytest.mark.skipif(not CHROMIUM.exists() and not BROWSER_REQUIRED, reason=BROWSER_MISSING_REASON)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if BROWSER_REQUIRED:
            pytest.fail(f"{CHROMIUM} is missing and SAMENVEILIG_REQUIRE_BROWSER=1")
        pytest.skip(BROWSER_MISSING_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile under the real CSP, on ``localhost`` (an IP address cannot be a WebAuthn site)."""
    ctx = browser.new_context(base_url=_base_url(live_server), locale="nl-NL")
    yield ctx
    ctx.close()


@pytest.fixture
def axe_context(browser, live_server):
    """A browser profile that ignores the CSP, only so axe-core can be injected. Never use it to check the CSP."""
    ctx = browser.new_context(base_url=_base_url(live_server), locale="nl-NL", bypass_csp=True)
    yield ctx
    ctx.close()


def _base_url(live_server) -> str:
    return live_server.url.replace("127.0.0.1", "localhost")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth remembers used TOTP codes and login rate limits in the (in-process) cache that live_server shares.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class MfaUser:
    user: object
    secret: str

    @property
    def username(self) -> str:
        return self.user.username


def with_totp(user) -> MfaUser:
    """``user`` with an authenticator app (and recovery codes), as after setting up two-step verification."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return MfaUser(user, secret)


@pytest.fixture
def professional_with_totp(personas) -> MfaUser:
    """The professional persona with an authenticator app, as after setting up two-step verification."""
    return with_totp(personas.professional)


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, computed with allauth's own helpers.

    allauth accepts only the current 30-second window; a code computed in the last seconds of a window could reach
    the server in the next one. So near the end of a window, wait for the next one first.
    """
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def click_and_wait(page, locator) -> None:
    """Click something that loads a new page (a link, a form's button) and wait until that page has loaded."""
    with page.expect_navigation():
        locator.click()


def log_in_with_password(page, username: str) -> None:
    """Fill in and submit the real login form."""
    from samenveilig.accounts.tests.factories import TEST_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam of e-mail", exact=True).fill(username)
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Inloggen", exact=True))


def log_in(page, mfa_user: MfaUser) -> None:
    """Password, then the authenticator code: a real login with a second factor, ending on the home page."""
    log_in_with_password(page, mfa_user.username)
    assert urlparse(page.url).path == "/accounts/2fa/authenticate/", page.url
    page.get_by_label("Code", exact=True).fill(totp_code(mfa_user.secret))
    click_and_wait(page, page.get_by_role("button", name="Aanmelden", exact=True))
    assert urlparse(page.url).path == "/", page.locator("main").inner_text()


def run_axe(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; return the violations."""
    source = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text()
    page.evaluate(source)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend("        " + line for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


def reauthenticate_if_asked(page) -> None:
    """allauth asks for the password again before two-factor settings change (even right after login)."""
    from samenveilig.accounts.tests.factories import TEST_PASSWORD

    if urlparse(page.url).path == "/accounts/reauthenticate/":
        page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
        click_and_wait(page, page.get_by_role("button", name="Bevestigen"))


def assert_accessible(page, what: str) -> None:
    """Zero axe violations (WCAG 2.1 A and AA) on ``page``, or a failure listing them."""
    violations = run_axe(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {what} ({page.url}):\n" + format_violations(
        violations
    )
