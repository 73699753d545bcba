"""Test personas shared by every app (STYLE.md §15).

``personas`` gives a professional, a colleague in the same school, the school's aandachtsfunctionaris, a
professional of another organisation, a coordinator of the municipality, a Veilig Thuis worker and a functioneel
beheerder. ``login(client, user)`` logs in with a second factor passed, as a real session would be after MFA.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from samenveilig.accounts.models import Sector, User
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@dataclass
class Personas:
    professional: User
    colleague: User
    af: User
    outsider: User
    coordinator: User
    veiligthuis: User
    beheerder: User

    def all(self) -> dict[str, User]:
        return dict(self.__dict__)


@pytest.fixture(autouse=True)
def dutch_first():
    """Every test starts in Dutch, the default language: a test that switched to English leaks nothing into the next
    one run by the same worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def personas(db) -> Personas:
    school = OrganisationFactory(name="Testschool De Linde", sector=Sector.ONDERWIJS)
    youth = OrganisationFactory(name="Testjongerenwerk", sector=Sector.WELZIJN)
    municipality = OrganisationFactory(name="Testgemeente", sector=Sector.GEMEENTE)
    vt = OrganisationFactory(name="Veilig Thuis Testregio", sector=Sector.VEILIG_THUIS)

    def person(username, organisation, role):
        return MembershipFactory(user=UserFactory(username=username), organisation=organisation, role=role).user

    return Personas(
        professional=person("t_professional", school, Role.PROFESSIONAL),
        colleague=person("t_colleague", school, Role.PROFESSIONAL),
        af=person("t_af", school, Role.AANDACHTSFUNCTIONARIS),
        outsider=person("t_outsider", youth, Role.PROFESSIONAL),
        coordinator=person("t_coordinator", municipality, Role.COORDINATOR),
        veiligthuis=person("t_veiligthuis", vt, Role.VEILIG_THUIS),
        beheerder=person("t_beheerder", municipality, Role.BEHEERDER),
    )


def _login_with_mfa(client, user):
    """Log in as after password + second factor: allauth's authentication records include 'mfa'."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    client.force_login(user)
    session = client.session
    request = HttpRequest()
    request.session = session
    record_authentication(request, user, "password", username=user.username)
    record_authentication(request, user, "mfa", type="totp")
    session.save()
    return client


@pytest.fixture
def login():
    return _login_with_mfa


def restore_migrated_reference_data() -> None:
    """Put back what data migrations load: the CBS rows, the managed lists of the sociale kaart, the Meldcode
    checklists, the programmes and funding sources of the plans."""
    import importlib

    from samenveilig.regio.loader import load_cbs
    from samenveilig.sociale_kaart.models import TargetGroup, Theme

    load_cbs(2024)
    seed = importlib.import_module("samenveilig.sociale_kaart.migrations.0002_seed_target_groups_and_themes")
    for model, terms in ((TargetGroup, seed.TARGET_GROUPS), (Theme, seed.THEMES)):
        for order, (code, name) in enumerate(terms, start=1):
            model.objects.update_or_create(code=code, defaults={"name": name, "order": order * 10})
    from samenveilig.meldcode import checklists
    from samenveilig.plannen import reference

    checklists.restore()
    reference.restore_terms()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test flushes every table, the data of data migrations included. After all its fixtures
    are torn down (the flush among them), put that data back, so that no later test in the same worker depends on
    the order tests run in."""
    yield
    if nextitem is None:
        return  # the last test: the session's teardown has dropped the test database already, and no test follows
    marker = item.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or "transactional_db" in item.fixturenames):
        return
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        restore_migrated_reference_data()
