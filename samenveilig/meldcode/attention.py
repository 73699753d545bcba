"""The Meldcode on the home page: follow-ups falling due, Veilig Thuis feedback expected, dossiers to accept.

Texts name a dossier by the professional's own local reference (as their dossier list does), never a client.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenveilig.core.attention import AttentionItem


def items(request):
    user, membership = request.user, request.membership
    if not user.has_perm("meldcode.view_own_dossiers"):
        return []
    from samenveilig.meldcode import followups, services_vt, transfers

    found = []
    for followup in followups.open_followups(user, membership):
        text = _("%(kind)s — dossier %(reference)s") % {
            "kind": followup.get_kind_display(),
            "reference": followup.dossier.local_reference,
        }
        found.append(
            AttentionItem(text, reverse("meldcode:dossier_detail", args=[followup.dossier_id]), followup.due_on)
        )
    for melding in services_vt.open_followups(user, membership):
        text = _("Terugkoppeling van Veilig Thuis verwacht — dossier %(reference)s") % {
            "reference": melding.dossier.local_reference
        }
        found.append(
            AttentionItem(text, reverse("meldcode:dossier_detail", args=[melding.dossier_id]), melding.feedback_due_on)
        )
    waiting = transfers.pending_for(user, membership).count()
    if waiting:
        text = ngettext(
            "%(count)s dossier wacht tot u het overneemt", "%(count)s dossiers wachten tot u ze overneemt", waiting
        ) % {"count": waiting}
        found.append(AttentionItem(text, reverse("meldcode:transfers")))
    return found
