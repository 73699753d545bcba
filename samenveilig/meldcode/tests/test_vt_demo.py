"""The demo holds a report in the Veilig Thuis inbox with the feedback given, and an advice request."""

import pytest

from samenveilig.accounts.models import Organisation
from samenveilig.meldcode import demo, demo_vt
from samenveilig.meldcode.models_vt import Melding, MeldingEvent

pytestmark = pytest.mark.django_db


def test_demo_has_a_report_with_feedback_and_an_advice_request(personas, school):
    users = {
        "professional": personas.professional,
        "af": personas.af,
        "leerkracht2": personas.colleague,
        "veiligthuis": personas.veiligthuis,
    }
    organisations = {"school": school, "veilig_thuis": Organisation.objects.get(name="Veilig Thuis Testregio")}
    demo.load(users, organisations)
    assert demo_vt.load_vt(users, organisations) == {"meldcode_veilig_thuis": 2}
    assert demo_vt.load_vt(users, organisations) == {"meldcode_veilig_thuis": 2}  # idempotent
    report = Melding.objects.get(kind="melding")
    assert report.status == "veiligheidsbeoordeling"
    feedback = MeldingEvent.objects.get(melding=report, is_feedback=True)
    assert feedback.safety_conditions and feedback.monitoring_agreements and feedback.handed_to == "lokaal_team"
    advice = Melding.objects.get(kind="adviesvraag")
    assert "Demo Kind Drie" not in advice.content and advice.status == "ontvangen"
