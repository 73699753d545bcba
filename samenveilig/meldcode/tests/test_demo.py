"""The demo loader makes dossiers at every step for the demo school, through the services, idempotently."""

import pytest

from samenveilig.meldcode import demo
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.workflow import Status

pytestmark = pytest.mark.django_db


def test_demo_has_a_dossier_at_every_step_and_can_be_loaded_twice(personas, school):
    users = {"professional": personas.professional, "af": personas.af, "leerkracht2": personas.colleague}
    assert demo.load(users, {"school": school}) == {"meldcode_dossiers": 9}
    assert demo.load(users, {"school": school}) == {"meldcode_dossiers": 9}
    dossiers = Dossier.objects.filter(organisation=school)
    assert dossiers.count() == 9
    open_steps = set(dossiers.filter(status=Status.OPEN).values_list("step", flat=True))
    assert open_steps == {1, 2, 3, 4}
    assert set(dossiers.values_list("status", flat=True)) == set(Status.values)
    reporting = dossiers.get(status=Status.MELDEN)
    assert reporting.members.filter(user=personas.af).exists()
