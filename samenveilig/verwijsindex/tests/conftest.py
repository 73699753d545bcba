"""Fixtures of the Verwijsindex tests: the school and the youth work connected, and a register helper."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import RequestFactory

from samenveilig.accounts.models import Membership, Organisation, Sector
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.models import AangeslotenOrganisatie

# Synthetic BSNs from the range reserved for testing (9999…), each passing the eleven-test.
BSN = "999990019"
OTHER_BSN = "999990032"
BIRTH = date(2012, 5, 17)


@pytest.fixture
def connected(personas):
    """The school (professional, colleague, af) and the youth work (outsider) are meldingsbevoegd."""
    for name in ("Testschool De Linde", "Testjongerenwerk"):
        AangeslotenOrganisatie.objects.update_or_create(
            organisation=Organisation.objects.get(name=name),
            defaults={"meldingsbevoegd": True, "criteria": "Afgesproken criteria van de testregio."},
        )
    return personas


@pytest.fixture
def third(connected):
    """A professional of a third connected organisation (the local team)."""
    team = OrganisationFactory(name="Testwijkteam", sector=Sector.LOKAAL_TEAM)
    AangeslotenOrganisatie.objects.create(organisation=team, meldingsbevoegd=True)
    return MembershipFactory(user=UserFactory(username="t_wijkcoach"), organisation=team).user


def acting(user, organisation_name: str | None = None):
    """A request of ``user`` acting for their (only, or named) membership, as the middleware would set it up."""
    request = RequestFactory().post("/")
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    if organisation_name:
        memberships = memberships.filter(organisation__name=organisation_name)
    membership = memberships.get()
    user.active_membership = membership
    request.user, request.membership, request.request_id = user, membership, ""
    return request


def register(user, bsn: str = BSN, birth_date: date = BIRTH, **extra):
    data = {
        "bsn": bsn,
        "birth_date": birth_date,
        "start_date": date(2024, 1, 8),
        "contact_name": user.get_full_name() or user.username,
        "contact_phone": "030-1234567",
        "contact_email": user.email,
        "informed": "geinformeerd",
        **extra,
    }
    return services.register(acting(user), **data)


UTRECHT = "GM0344"
NIEUWEGEIN = "GM0356"


def serve(organisation_name: str, code: str = UTRECHT) -> None:
    from samenveilig.regio.models import Gemeente

    gemeente = Gemeente.objects.filter(code=code).order_by("-year").first()
    Organisation.objects.get(name=organisation_name).gemeenten.add(gemeente)


@pytest.fixture
def municipal(connected):
    """The municipality (the coordinator's organisation), the school and the youth work serve Utrecht."""
    for name in ("Testgemeente", "Testschool De Linde", "Testjongerenwerk"):
        serve(name)
    return connected


def set_priority(*sectors: str) -> None:
    from samenveilig.verwijsindex.models import Regieprioriteit

    Regieprioriteit.objects.all().delete()
    for rank, sector in enumerate(sectors, start=1):
        Regieprioriteit.objects.create(sector=sector, rank=rank)
