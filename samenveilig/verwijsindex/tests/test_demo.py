"""The demo signals: a match between the demo school and the demo youth work, idempotent."""

import pytest

from samenveilig.accounts.models import Organisation, User
from samenveilig.core import demo as core_demo
from samenveilig.verwijsindex import demo
from samenveilig.verwijsindex.bsn import is_valid
from samenveilig.verwijsindex.models import Match, Signaal

pytestmark = pytest.mark.django_db


def test_demo_has_a_match_between_school_and_youth_work():
    assert core_demo.load(password="demo-password-1234")["verwijsindex_signals"] == 4
    users = {u.username: u for u in User.objects.all()}
    organisations = {
        key: Organisation.objects.get(name=name) for key, (name, _s, _c) in core_demo.ORGANISATIONS.items()
    }
    assert demo.load(users, organisations)["verwijsindex_signals"] == 0
    assert Signaal.objects.count() == 4
    match = Match.objects.get()
    names = set(Signaal.objects.filter(jongere=match.jongere).values_list("organisation__name", flat=True))
    assert names == {core_demo.ORGANISATIONS["school"][0], core_demo.ORGANISATIONS["jongerenwerk"][0]}
    assert all(is_valid(bsn) and bsn.startswith("9999") for _u, bsn, _b, _s in demo.SIGNALS)
