"""The coordinator's prevention matrix in real Chromium: zero axe violations; the wide table scrolls in a region that
the keyboard can reach.

axe is injected with ``page.evaluate``, which the strict CSP would block, so the axe check opens the page in a context
that bypasses the CSP.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import MfaUser, format_violations, log_in, run_axe, skip_without_browser

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, skip_without_browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator_with_totp(personas) -> MfaUser:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(personas.coordinator, secret)
    RecoveryCodes.activate(personas.coordinator)
    return MfaUser(personas.coordinator, secret)


@pytest.fixture
def matrix(personas):
    """A municipality (the coordinator's) with two preventive services; every other cell is a gap."""
    from samenveilig.accounts.models import Organisation, Sector
    from samenveilig.accounts.tests.factories import OrganisationFactory
    from samenveilig.regio.tests.factories import GemeenteFactory
    from samenveilig.sociale_kaart.models import TargetGroup, Theme
    from samenveilig.sociale_kaart.tests.factories import ServiceFactory

    gemeente = GemeenteFactory(code="GM9301", name="Proefdam")
    Organisation.objects.get(name="Testgemeente").gemeenten.add(gemeente)
    # Themes and target groups come from a data migration, which a transactional test flushes: make sure they exist.
    theme_names = [("kindermishandeling", "Kindermishandeling"), ("partnergeweld", "Partnergeweld")]
    theme_names.append(("weerbaarheid", "Weerbaarheid"))
    themes = [
        Theme.objects.get_or_create(code=code, defaults={"name": name, "order": order})[0]
        for order, (code, name) in enumerate(theme_names)
    ]
    groups = [
        TargetGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order})[0]
        for order, (code, name) in enumerate([("ouders", "Ouders"), ("12-18", "12-18 jaar")])
    ]
    team = OrganisationFactory(name="Wijkteam Proefdam", sector=Sector.LOKAAL_TEAM)
    ServiceFactory(
        organisation=team, name="Opvoedcursus", target_groups=[groups[0]], themes=[themes[0]], gemeenten=[gemeente]
    )
    ServiceFactory(
        organisation=team,
        name="Weerbaarheidstraining voor jongeren",
        target_groups=[groups[1]],
        themes=themes[1:],
        gemeenten=[gemeente],
    )
    return gemeente


def test_prevention_matrix_is_accessible(axe_context, coordinator_with_totp, matrix):
    page = axe_context.new_page()
    log_in(page, coordinator_with_totp)

    page.goto("/sociale-kaart/overzichten/preventiematrix/")

    table = page.locator("table.sv-matrix")
    assert table.locator("caption").inner_text().startswith("Preventiematrix Proefdam")
    assert table.get_by_text("Opvoedcursus").count() >= 1
    assert page.locator(".sv-matrix__gap").count() >= 1
    region = page.get_by_role("region", name="Preventiematrix Proefdam", exact=False)
    assert region.get_attribute("tabindex") == "0"
    violations = run_axe(page)
    assert not violations, f"axe found {len(violations)} violation(s) on the prevention matrix:\n" + format_violations(
        violations
    )
