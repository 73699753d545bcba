"""The monitor's dashboard in real Chromium: the charts draw under the strict CSP (no eval, no inline script or style),
every chart has its table, and the page has zero axe violations.

axe is injected with ``page.evaluate``, which the strict CSP would block, so the axe check opens the page in a context
that bypasses the CSP; the CSP check uses the normal context.
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
def dashboard(personas):
    """Seed 004's table for a made-up municipality the coordinator works in, and a few system figures."""
    import datetime

    from samenveilig.accounts.models import Organisation
    from samenveilig.monitor import services, vt_report
    from samenveilig.monitor.tests.conftest import SEED_004_HEADER, SEED_004_ROWS, workbook
    from samenveilig.regio.tests.factories import GemeenteFactory
    from samenveilig.verwijsindex.models import FigureEvent

    gemeente = GemeenteFactory(code="GM9501", name="Proefstad")
    Organisation.objects.get(name="Testgemeente").gemeenten.add(gemeente)
    school = Organisation.objects.get(name="Testschool De Linde")
    school.gemeenten.add(gemeente)
    for _ in range(3):
        FigureEvent.objects.create(
            kind=FigureEvent.Kind.SIGNAL, day=datetime.date.today(), organisation=school, sector=school.sector
        )
    parsed = vt_report.parse_report(
        workbook(SEED_004_ROWS, SEED_004_HEADER), gemeente_code=gemeente.code, gemeente_name="Proefstad", version="1"
    )
    services.import_parsed(parsed, actor=None)
    return gemeente


def _problems(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    return problems


def test_dashboard_charts_draw_under_the_strict_csp(context, coordinator_with_totp, dashboard):
    page = context.new_page()
    problems = _problems(page)
    log_in(page, coordinator_with_totp)

    page.goto(f"/monitor/{dashboard.code}/")

    page.wait_for_selector(".sv-chart--drawn canvas", timeout=15000)
    charts = page.locator(".sv-chart")
    assert charts.count() == page.locator(".sv-chart--drawn").count() == 6  # 2 indicators × (total + 2 breakdowns)
    assert problems == []
    # every chart has its table alternative right after it
    assert page.locator("figure.sv-monitor-figure + div table").count() == charts.count()
    assert "Het aantal adviezen steeg van 159 in 2019 naar 336 in 2021" in page.locator("main").inner_text()


def test_dashboard_is_accessible(axe_context, coordinator_with_totp, dashboard):
    page = axe_context.new_page()
    log_in(page, coordinator_with_totp)

    page.goto(f"/monitor/{dashboard.code}/")
    page.wait_for_selector(".sv-chart--drawn canvas", timeout=15000)

    assert page.get_by_role("region", name="Adviezen: totaal per periode").count() == 1
    violations = run_axe(page)
    assert violations == [], format_violations(violations)


@pytest.fixture
def woerden(personas):
    """Woerden (whose districts ship with the app), the coordinator works there, with one district figure."""
    from decimal import Decimal

    from samenveilig.accounts.models import Organisation
    from samenveilig.monitor.models import Dataset, DatasetVersion, Indicator, Observation, RegionKind, Series, Source
    from samenveilig.regio.tests.factories import GemeenteFactory

    gemeente = GemeenteFactory(code="GM0632", name="Woerden")
    Organisation.objects.get(name="Testgemeente").gemeenten.add(gemeente)
    dataset = Dataset.objects.create(source=Source.CBS, identifier="TESTWIJK", title="Testtabel wijken")
    version = DatasetVersion.objects.create(dataset=dataset, label="1", is_current=True)
    indicator = Indicator.objects.create(
        code="vt-adviezen-wijk", name="Adviezen per wijk", definition="Adviezen.", source=Source.CBS, dataset=dataset
    )
    series = Series.objects.create(
        dataset=dataset, indicator=indicator, region_kind=RegionKind.GEMEENTE, region_code="WK063201"
    )
    Observation.objects.create(series=series, version=version, period="2023", value=Decimal(25))
    return gemeente


def test_district_map_draws_under_the_strict_csp(context, coordinator_with_totp, woerden):
    page = context.new_page()
    problems = _problems(page)
    log_in(page, coordinator_with_totp)

    page.goto(f"/monitor/{woerden.code}/wijken/")

    page.wait_for_selector("#sv-district-map path.leaflet-interactive", timeout=15000)
    assert page.locator("#sv-district-map path.leaflet-interactive").count() >= 2  # one shape per district
    assert problems == []
    assert page.get_by_role("region", name="Cijfers per wijk van Woerden").count() == 1


def test_district_map_is_accessible(axe_context, coordinator_with_totp, woerden):
    page = axe_context.new_page()
    log_in(page, coordinator_with_totp)

    page.goto(f"/monitor/{woerden.code}/wijken/")
    page.wait_for_selector("#sv-district-map path.leaflet-interactive", timeout=15000)

    violations = run_axe(page)
    assert violations == [], format_violations(violations)
