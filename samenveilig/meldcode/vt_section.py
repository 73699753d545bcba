"""The dossier page's "Veilig Thuis" section: what was sent from the dossier and what Veilig Thuis did with it."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from samenveilig.meldcode import vt_workflow
from samenveilig.meldcode.models_vt import MeldingEvent
from samenveilig.meldcode.workflow import Status


def _events():
    return Prefetch(
        "events",
        queryset=MeldingEvent.objects.select_related("created_by", "organisation", "forwarded_to").order_by(
            "created", "pk"
        ),
        to_attr="timeline",
    )


def dossier_section(request, dossier) -> dict:
    """What was sent, each with its timeline (in a fixed number of queries); whether something can be sent now;
    whether the afweging says report. The dossier's read is audited by the dossier view."""
    meldingen = list(
        dossier.meldingen.select_related("vt_organisation", "sender").prefetch_related(_events()).order_by("-sent_at")
    )
    today = timezone.localdate()
    for melding in meldingen:
        melding.overdue = melding.is_overdue(today) and not melding.is_final
    return {
        "meldingen": meldingen,
        "can_send": dossier.status in vt_workflow.DOSSIER_STATES_FOR_SENDING
        and request.user.has_perm("meldcode.send_to_veilig_thuis", dossier),
        "report_due": dossier.status == Status.MELDEN,
    }
