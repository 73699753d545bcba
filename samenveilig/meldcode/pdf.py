"""The whole dossier as a PDF: every step, every assessment (the history of the afweging), the people who work in it,
and what was sent to Veilig Thuis (kind, date, the content as sent, every status change and feedback).

The persons' identifying details (name, date of birth, address, BSN) are in it only when ``identifying`` is true;
otherwise a person is named by their kind and own reference — also in what a report sent to Veilig Thuis, where
they are named by their label ("Kind 1") and age. Free text is printed as recorded: what the
professional wrote there is theirs to keep free of names. The caller audits the export.
"""

from __future__ import annotations

from django.db.models import Prefetch

from samenveilig.lib.pdf import pdf_response, render_pdf
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.models_vt import MeldingEvent

__all__ = ["dossier_pdf", "pdf_response"]


def _meldingen(dossier: Dossier) -> list:
    """What was sent, oldest first, each with its snapshot (``sent``) and its events (``timeline``)."""
    events = MeldingEvent.objects.select_related("organisation", "forwarded_to").order_by("created", "pk")
    meldingen = list(
        dossier.meldingen.select_related("vt_organisation", "sender")
        .prefetch_related(Prefetch("events", queryset=events, to_attr="timeline"))
        .order_by("sent_at", "pk")
    )
    for melding in meldingen:
        melding.sent = melding.data
    return meldingen


def dossier_pdf(dossier: Dossier, *, identifying: bool, user) -> bytes:
    context = {
        "dossier": dossier,
        "identifying": identifying,
        "user": user,
        "persons": list(dossier.persons.all()),
        "members": list(dossier.members.select_related("user")),
        "signals": list(
            dossier.signals.select_related("person", "created_by").prefetch_related(
                Prefetch("checklist_items", to_attr="items")
            )
        ),
        "kindchecks": list(dossier.kindchecks.select_related("person", "created_by")),
        "consultations": list(
            dossier.consultations.select_related("contact_person__organisation", "organisation", "created_by")
        ),
        "conversations": list(dossier.conversations.select_related("created_by")),
        "weighings": list(dossier.weighings.select_related("created_by")),
        "assessments": list(dossier.assessments.select_related("created_by").order_by("created", "pk")),
        "transfers": list(dossier.transfers.select_related("from_user", "to_user")),
        "followups": list(dossier.followups.all()),
        "meldingen": _meldingen(dossier),
    }
    return render_pdf("meldcode/pdf/dossier.html", context)
