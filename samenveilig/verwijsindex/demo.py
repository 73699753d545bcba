"""Demo signals: wholly synthetic, with BSNs from the range reserved for testing (9999…) that pass the eleven-test.

``load(users, organisations)`` takes the demo users and organisations by key (see ``samenveilig/core/demo.py``),
connects the school, the youth work and the local team, and registers a few signals — with one match between the
school's teacher and the youth worker, in which the school has the matchregie (the demo order of organisation
types). Idempotent: registering again returns the existing signals.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from samenveilig.accounts.models import Membership, Sector
from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Regieprioriteit

CRITERIA = (
    "Geef een signaal af bij een redelijk vermoeden dat de jongere een risico loopt dat de Jeugdwet noemt "
    "(geweld of verwaarlozing, schoolverzuim, verslaving, problemen thuis), nadat u het met uw "
    "aandachtsfunctionaris hebt besproken. (Demo-afspraak.)"
)
CONNECTED = ("school", "jongerenwerk", "lokaal_team")
# The order of organisation types for matchregie, as the example (a demo agreement, set when none exists).
PRIORITY = (
    Sector.GI,
    Sector.VEILIG_THUIS,
    Sector.LOKAAL_TEAM,
    Sector.JEUGDHULP,
    Sector.JGZ,
    Sector.ONDERWIJS,
    Sector.KINDEROPVANG,
    Sector.WELZIJN,
)
# (user key, synthetic BSN, date of birth, start date as days before today): relative to today, so the demo
# never holds signals past their legal end, whenever it is loaded.
SIGNALS = [
    ("professional", "999990019", date(2014, 4, 2), 85),  # school …
    ("professional2", "999990019", date(2014, 4, 2), 50),  # … and youth work: a match
    ("professional", "999990032", date(2015, 11, 20), 22),
    ("wijkcoach", "999990044", date(2009, 7, 14), 162),
]


def _acting(user):
    membership = Membership.objects.active().filter(user=user).select_related("organisation").first()
    request = RequestFactory().post("/")
    user.active_membership = membership
    request.user, request.membership, request.request_id = user, membership, ""
    return request


@transaction.atomic
def load(users: dict, organisations: dict) -> dict[str, int]:
    for key in CONNECTED:
        AangeslotenOrganisatie.objects.update_or_create(
            organisation=organisations[key], defaults={"meldingsbevoegd": True, "criteria": CRITERIA}
        )
    if not Regieprioriteit.objects.exists():
        Regieprioriteit.objects.bulk_create(
            Regieprioriteit(sector=sector, rank=rank) for rank, sector in enumerate(PRIORITY, start=1)
        )
    made = 0
    today = timezone.localdate()
    for user_key, bsn, birth_date, days_ago in SIGNALS:
        user = users[user_key]
        start_date = today - timedelta(days=days_ago)
        result = services.register(
            _acting(user),
            bsn=bsn,
            birth_date=birth_date,
            start_date=start_date,
            contact_name=user.get_full_name(),
            contact_phone=user.phone or "0348-000000",
            contact_email=user.email,
            informed="geinformeerd",
        )
        made += int(result.created)
    return {"verwijsindex_connected": len(CONNECTED), "verwijsindex_signals": made}
