"""Demo messages to Veilig Thuis: one report with the feedback given, and one advice request. Wholly synthetic.

``load_vt(users, organisations)`` takes the demo users by username (``professional``, ``veiligthuis``) and the demo
organisations by key (``school``) from :mod:`samenveilig.core.demo`, and must run after
:func:`samenveilig.meldcode.demo.load` (it uses the dossiers ``DEMO-2025-06``, whose afweging says report, and
``DEMO-2025-03``). Idempotent: what was sent from those dossiers is removed and sent again. Everything goes through
the services, so the demo follows the same rules as real use.
"""

from __future__ import annotations

from django.db import transaction

from samenveilig.meldcode import services_vt
from samenveilig.meldcode.demo import PREFIX
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.models_vt import Melding
from samenveilig.meldcode.vt_workflow import VtStatus


def _acting(user, organisation):
    user.active_membership = user.memberships.filter(organisation=organisation, is_active=True).first()
    return user


def _everything(dossier) -> dict:
    return {
        "signal_ids": list(dossier.signals.values_list("pk", flat=True)),
        "consultation_ids": list(dossier.consultations.values_list("pk", flat=True)),
        "conversation_ids": list(dossier.conversations.values_list("pk", flat=True)),
    }


@transaction.atomic
def load_vt(users: dict, organisations: dict) -> dict[str, int]:
    school, vt_organisation = organisations["school"], organisations["veilig_thuis"]
    femke = _acting(users["professional"], school)
    noor = _acting(users["veiligthuis"], vt_organisation)
    report_dossier = Dossier.objects.get(organisation=school, local_reference=PREFIX + "2025-06")
    advice_dossier = Dossier.objects.get(organisation=school, local_reference=PREFIX + "2025-03")
    Melding.objects.filter(dossier__in=[report_dossier, advice_dossier]).delete()

    report = services_vt.send(
        femke,
        report_dossier,
        kind="melding",
        question=(
            "Wij zien herhaald letsel en het kind is bang om naar huis te gaan. Vader dreigde eerder de moeder iets "
            "aan te doen als school zou bellen. Wij vragen u de veiligheid te beoordelen."
        ),
        identity_disclosure="nee_gevaar",
        nondisclosure_reason="Vader dreigde de moeder iets aan te doen als school contact zou zoeken.",
        **_everything(report_dossier),
    )
    services_vt.acknowledge(noor, report)
    services_vt.update_status(
        noor,
        Melding.objects.get(pk=report.pk),
        status=VtStatus.VEILIGHEIDSBEOORDELING,
        message=(
            "De veiligheidsbeoordeling is gedaan. Er is een veiligheidsplan gemaakt met moeder; het lokale team "
            "begeleidt het gezin verder."
        ),
        follow_up_started="ja",
        handed_to="lokaal_team",
        reporter_has_role=True,
        safety_conditions="Het kind kan na schooltijd bij de buurvrouw terecht als vader thuis is.",
        monitoring_agreements=(
            "School meldt verzuim of nieuw letsel dezelfde dag aan het lokale team; over zes weken evalueren we "
            "samen met school."
        ),
    )

    advice = services_vt.send(
        femke,
        advice_dossier,
        kind="adviesvraag",
        question=(
            "Een leerling van groep 5 schrikt bij harde geluiden en duikt weg. Wij hebben met de "
            "aandachtsfunctionaris overlegd. Is dit voldoende reden voor een gesprek met de ouders, en hoe pakken "
            "wij dat aan?"
        ),
        signal_ids=list(advice_dossier.signals.values_list("pk", flat=True)),
        consultation_ids=list(advice_dossier.consultations.values_list("pk", flat=True)),
    )
    services_vt.acknowledge(noor, advice)
    return {"meldcode_veilig_thuis": Melding.objects.filter(dossier__organisation=school).count()}
