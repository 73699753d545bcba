"""The aandachtsfunctionaris' pages (overview, transfers), the coordinator's counts, transfers to accept, follow-ups.

Each page checks its permission first (a refusal is audited); dossiers come from ``visible_to``, so a coordinator
never reaches one: their page shows suppressed counts only. Writes go through ``transfers`` and ``followups``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.meldcode import followups, services_af, transfers
from samenveilig.meldcode.forms_af import FollowUpForm, OverviewFilterForm, TransferForm
from samenveilig.meldcode.models import DossierTransfer, FollowUp
from samenveilig.meldcode.steps import Step
from samenveilig.meldcode.views import PAGE_SIZE, dossier_or_404

TRANSFER_TYPE = "meldcode.dossiertransfer"


def organisation_overview(request):
    """The organisation's open dossiers: counts per step, a list with idle days, owner and members; filters."""
    action = "meldcode.dossier.overview_listed"
    require_perm(request, "meldcode.view_organisation_dossiers", action, object_type="meldcode.dossier")
    filters = OverviewFilterForm(request.GET or None)
    step = idle = None
    if filters.is_valid():
        step, idle = filters.cleaned_data["stap"], filters.cleaned_data["stil"]
    data = services_af.overview(request.user, request.membership, step=step, idle=bool(idle))
    paginator = Paginator(data.dossiers, PAGE_SIZE)
    paginator.count = data.count  # known from the counts per step
    page = paginator.get_page(request.GET.get("pagina"))
    audit.log(request, action, object_type="meldcode.dossier", purpose="aandachtsfunctionaris overzicht")
    user = request.user
    rows = []
    for dossier in page.object_list:
        members = list(dossier.members.all())
        dossier._member_ids = {member.user_id for member in members}
        rows.append(
            {
                "dossier": dossier,
                "members": members,
                "idle_days": dossier.idle_days(),
                "is_idle": dossier.last_activity < services_af.idle_before(),
                "can_support": user.pk != dossier.owner_id and user.pk not in dossier._member_ids,
            }
        )
    return render(
        request,
        "meldcode/organisation_overview.html",
        {
            "page": page,
            "dossiers": page.object_list,
            "rows": rows,
            "overview": data,
            "filters": filters,
            "term": services_af.idle_days_term(),
        },
    )


def counts(request):
    """The coordinator's figures: open dossiers per organisation and step, counts under 5 suppressed."""
    action = "meldcode.dossier.counts_viewed"
    require_perm(request, "meldcode.view_dossier_counts", action, object_type="meldcode.dossier")
    audit.log(request, action, object_type="meldcode.dossier", purpose="aantallen")
    return render(
        request,
        "meldcode/af/counts.html",
        {"rows": services_af.counts(), "steps": list(Step), "suppressed": services_af.SUPPRESSED},
    )


# --- transfers: the aandachtsfunctionaris ---------------------------------------------------------------------------


def transfer_create(request):
    action = "meldcode.transfer.requested"
    require_perm(request, "meldcode.transfer_dossiers", action, object_type=TRANSFER_TYPE)
    organisation_id = request.membership.organisation_id
    initial = {}
    if request.method == "GET" and request.GET.get("van"):
        initial["from_user"] = transfers.owners(organisation_id).filter(pk=request.GET["van"]).first()
    form = TransferForm(request.POST or None, initial=initial, organisation_id=organisation_id)
    if request.method == "POST" and request.POST.get("overdragen") and form.is_valid():
        data = form.cleaned_data
        try:
            made = transfers.request_transfers(
                request, from_user=data["from_user"], to_user=data["to_user"], dossiers=data["dossiers"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(count)s dossiers zijn overgedragen. Ze wachten op acceptatie door de collega.")
                % {"count": len(made)},
            )
            return redirect("meldcode:transfer_overview")
    elif request.method == "POST" and not request.POST.get("overdragen"):
        form.is_valid()
        form.errors.pop("to_user", None)  # step 1 only chose who leaves: no errors about step 2 yet
        form.errors.pop("dossiers", None)
    if form.from_user is not None:
        audit.log(request, "meldcode.dossier.listed", object_type="meldcode.dossier", purpose="overdracht")
    return render(request, "meldcode/af/transfer_form.html", {"form": form, "from_user": form.from_user})


def transfer_overview(request):
    action = "meldcode.transfer.listed"
    require_perm(request, "meldcode.transfer_dossiers", action, object_type=TRANSFER_TYPE)
    items = (
        DossierTransfer.objects.filter(dossier__organisation_id=request.membership.organisation_id)
        .select_related("dossier", "from_user", "to_user", "requested_by")
        .order_by("-requested", "-pk")
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit.log(request, action, object_type=TRANSFER_TYPE, purpose="overdrachten van de organisatie")
    return render(request, "meldcode/af/transfer_overview.html", {"page": page, "transfers": page.object_list})


def _transfer_or_refuse(request, pk: int, perm: str, action: str):
    """The transfer if the user may act on it; else 404 (audited): nobody learns of someone else's transfer."""
    transfer = DossierTransfer.objects.select_related("dossier").filter(pk=pk).first()
    if transfer is None or not request.user.has_perm(perm, transfer):
        audit.log(request, action, object_type=TRANSFER_TYPE, object_id=str(pk), outcome=audit.REFUSED)
        raise Http404
    return transfer


@require_POST
def transfer_cancel(request, pk: int):
    action = "meldcode.transfer.cancelled"
    transfer = _transfer_or_refuse(request, pk, "meldcode.cancel_transfer", action)
    _decide(request, transfers.cancel, transfer, _("De overdracht is ingetrokken."))
    return redirect("meldcode:transfer_overview")


# --- transfers: the colleague who takes over ------------------------------------------------------------------------


def transfer_inbox(request):
    action = "meldcode.transfer.listed"
    require_perm(request, "meldcode.view_transfers", action, object_type=TRANSFER_TYPE)
    pending = list(transfers.pending_for(request.user, request.membership))
    audit.log(request, action, object_type=TRANSFER_TYPE, purpose="overdrachten aan mij")
    return render(request, "meldcode/af/transfer_inbox.html", {"transfers": pending})


def _decide(request, decide, transfer, success: str) -> None:
    try:
        decide(request, transfer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@require_POST
def transfer_accept(request, pk: int):
    transfer = _transfer_or_refuse(request, pk, "meldcode.accept_transfer", "meldcode.transfer.accepted")
    _decide(request, transfers.accept, transfer, _("U bent nu eigenaar van het dossier."))
    transfer.refresh_from_db()
    if transfer.status == DossierTransfer.Status.ACCEPTED:
        return redirect("meldcode:dossier_detail", transfer.dossier_id)
    return redirect("meldcode:transfers")


@require_POST
def transfer_refuse(request, pk: int):
    transfer = _transfer_or_refuse(request, pk, "meldcode.accept_transfer", "meldcode.transfer.refused")
    _decide(
        request,
        transfers.refuse,
        transfer,
        _("U hebt de overdracht geweigerd. De aandachtsfunctionaris is op de hoogte gebracht."),
    )
    return redirect("meldcode:transfers")


# --- follow-ups ----------------------------------------------------------------------------------------------------


def followup_add(request, pk: int):
    dossier = dossier_or_404(request, pk, purpose="formulier")
    require_perm(request, "meldcode.manage_followups", "meldcode.followup.planned", dossier)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            followups.plan(request, dossier, kind=form.cleaned_data["kind"], due_on=form.cleaned_data["due_on"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("De opvolging is gepland."))
            return redirect(reverse("meldcode:followups", args=[dossier.pk]))
    return render(request, "meldcode/af/followup_form.html", {"dossier": dossier, "form": form})


def followup_list(request, pk: int):
    dossier = dossier_or_404(request, pk, purpose="opvolging")
    require_perm(request, "meldcode.manage_followups", "meldcode.followup.listed", dossier)
    items = list(dossier.followups.select_related("created_by", "done_by").order_by("done_at", "due_on", "pk"))
    return render(request, "meldcode/af/followup_list.html", {"dossier": dossier, "followups": items})


@require_POST
def followup_done(request, pk: int, followup_pk: int):
    dossier = dossier_or_404(request, pk, purpose="opvolging")
    require_perm(request, "meldcode.manage_followups", "meldcode.followup.done", dossier)
    followup = get_object_or_404(FollowUp, pk=followup_pk, dossier=dossier)
    followup.dossier = dossier
    try:
        followups.complete(request, followup)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De opvolging is afgerond."))
    return redirect("meldcode:followups", dossier.pk)
