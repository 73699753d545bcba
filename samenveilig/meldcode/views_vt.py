"""Pages of sending to Veilig Thuis (the professional's side) and of the Veilig Thuis inbox.

The professional's side starts from the dossier (``dossier_or_404``: 404 for who may not know it, every read
audited); Veilig Thuis' side from :func:`inbox_or_404`, which finds only what is addressed to the Veilig Thuis
organisation the user acts for. Writes go through :mod:`samenveilig.meldcode.services_vt`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.lib.pdf import pdf_response
from samenveilig.meldcode import services, services_vt, vt_workflow
from samenveilig.meldcode.forms_vt import AddendumForm, ComposeForm, ForwardForm, ReasonForm, StatusForm
from samenveilig.meldcode.models_vt import Melding, MeldingEvent
from samenveilig.meldcode.views import dossier_or_404
from samenveilig.meldcode.vt_workflow import Soort, VtAction, VtStatus

PAGE_SIZE = 25
OBJECT_TYPE = "meldcode.melding"


def compose(request, pk: int):
    """Compose an advice request or report from the dossier, preview it, send it (works without JavaScript)."""
    action = "meldcode.melding.sent"
    dossier = dossier_or_404(request, pk, purpose="adviesvraag of melding opstellen")
    require_perm(request, "meldcode.send_to_veilig_thuis", action, dossier)
    detail = reverse("meldcode:dossier_detail", args=[dossier.pk])
    try:
        vt_workflow.check_dossier_may_send(dossier.status)
    except vt_workflow.VtTransitionNotAllowed as error:
        messages.error(request, error.message)
        return redirect(detail)
    candidates = services_vt.veilig_thuis_for(dossier.organisation)
    initial = {"kind": Soort.MELDING if dossier.status == "melden" else request.GET.get("soort", "")}
    form = ComposeForm(request.POST or None, initial=initial, dossier=dossier, vt_candidates=candidates)
    preview = None
    if request.method == "POST" and form.is_valid():
        choices = form.choices()
        try:
            if request.POST.get("intent") == "send":
                melding = services_vt.send(request, dossier, **choices)
            else:
                preview, _vt = services_vt.compose(request, dossier, **choices)
                audit.log(request, "meldcode.melding.previewed", dossier, purpose=choices["kind"])
        except ValidationError as error:
            form.add_service_error(error)
            preview = None
        else:
            if preview is None:
                what = _("melding") if melding.kind == Soort.MELDING else _("adviesvraag")
                messages.success(
                    request,
                    _("Uw %(what)s is verstuurd naar %(organisation)s. Een kopie (PDF) staat in het dossier.")
                    % {"what": what, "organisation": melding.vt_organisation.name},
                )
                return redirect(f"{detail}#veilig-thuis")
    return render(
        request,
        "meldcode/vt/compose.html",
        {"dossier": dossier, "form": form, "preview": preview, "candidates": candidates},
    )


def _sent_or_404(request, pk: int, melding_pk: int, *, purpose: str):
    queryset = Melding.objects.filter(dossier_id=pk).select_related("dossier", "vt_organisation", "sender")
    return get_visible_or_404(request, queryset, action="meldcode.melding.viewed", purpose=purpose, pk=melding_pk)


def sent_detail(request, pk: int, melding_pk: int):
    melding = _sent_or_404(request, pk, melding_pk, purpose="verzonden bericht")
    events = list(
        MeldingEvent.objects.filter(melding=melding).select_related("created_by", "organisation", "forwarded_to")
    )
    actions = vt_workflow.allowed_actions(melding.status)
    user = request.user
    return render(
        request,
        "meldcode/vt/sent_detail.html",
        {
            "dossier": melding.dossier,
            "melding": melding,
            "content": melding.data,
            "events": events,
            "can_add": VtAction.ADDENDUM in actions and user.has_perm("meldcode.add_addendum", melding),
            "can_withdraw": VtAction.WITHDRAW in actions and user.has_perm("meldcode.withdraw_melding", melding),
        },
    )


def sent_pdf(request, pk: int, melding_pk: int):
    melding = _sent_or_404(request, pk, melding_pk, purpose="PDF-kopie")
    audit.log(request, "meldcode.melding.pdf_downloaded", melding, purpose="PDF-kopie in het dossier")
    return pdf_response(melding.pdf_bytes, f"{melding.kind}-{melding.pk}")


def _sent_form(request, pk, melding_pk, *, perm, audit_action, form_class, title, intro, save, success):
    melding = _sent_or_404(request, pk, melding_pk, purpose="formulier")
    require_perm(request, perm, audit_action, melding)
    form = form_class(request.POST or None, initial={"version": melding.version})
    if request.method == "POST" and form.is_valid():
        try:
            save(melding, form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        except services.ConcurrentChange as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return redirect("meldcode:sent_detail", pk, melding.pk)
    back = reverse("meldcode:sent_detail", args=[pk, melding.pk])
    return render(
        request,
        "meldcode/vt/form.html",
        {"dossier": melding.dossier, "melding": melding, "form": form, "title": title, "intro": intro, "back": back},
    )


def addendum(request, pk: int, melding_pk: int):
    return _sent_form(
        request,
        pk,
        melding_pk,
        perm="meldcode.add_addendum",
        audit_action="meldcode.melding.addendum_added",
        form_class=AddendumForm,
        title=_("Aanvulling sturen"),
        intro=_("Wat u verstuurde, blijft zoals het was. Veilig Thuis ziet de aanvulling met datum erbij."),
        save=lambda melding, data: services_vt.add_addendum(request, melding, text=data["text"]),
        success=_("De aanvulling is verstuurd."),
    )


def withdraw(request, pk: int, melding_pk: int):
    return _sent_form(
        request,
        pk,
        melding_pk,
        perm="meldcode.withdraw_melding",
        audit_action="meldcode.melding.withdrawn",
        form_class=ReasonForm,
        title=_("Intrekken"),
        intro=_(
            "Trek alleen in wat u per vergissing verstuurde. Veilig Thuis ziet daarna alleen nog dat het is "
            "ingetrokken, met uw reden."
        ),
        save=lambda melding, data: services_vt.withdraw(
            request, melding, reason=data["reason"], version=data["version"]
        ),
        success=_("Het bericht is ingetrokken."),
    )


# --- the Veilig Thuis inbox -----------------------------------------------------------------------------------------


def inbox_or_404(request, pk: int, *, purpose: str):
    """What is addressed to the user's Veilig Thuis organisation, or a 404 (audited either way)."""
    action = "meldcode.melding.viewed"
    queryset = Melding.objects.in_inbox_of(request.user, getattr(request, "membership", None)).select_related(
        "vt_organisation", "organisation"
    )
    melding = queryset.filter(pk=pk).first()
    if melding is None:
        audit.log(request, action, object_type=OBJECT_TYPE, object_id=str(pk), purpose=purpose, outcome=audit.REFUSED)
        raise Http404
    audit.log(request, action, melding, purpose=purpose)
    return melding


def inbox(request):
    action = "meldcode.melding.inbox_listed"
    require_perm(request, "meldcode.view_vt_inbox", action, object_type=OBJECT_TYPE)
    status = request.GET.get("status", "")
    meldingen = (
        Melding.objects.in_inbox_of(request.user, request.membership)
        .select_related("organisation")
        .order_by("-sent_at", "-pk")
    )
    if status in VtStatus.values:
        meldingen = meldingen.filter(status=status)
    elif status == "open":
        meldingen = meldingen.exclude(status__in=vt_workflow.FINAL)
    page = Paginator(meldingen, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit.log(request, action, object_type=OBJECT_TYPE, purpose="inbox Veilig Thuis")
    today = timezone.localdate()
    return render(
        request,
        "meldcode/vt/inbox.html",
        {
            "page": page,
            "meldingen": [(m, m.age_days(today)) for m in page.object_list],
            "statuses": VtStatus.choices,
            "status": status,
        },
    )


def inbox_detail(request, pk: int):
    melding = inbox_or_404(request, pk, purpose="inbox Veilig Thuis")
    events = list(
        MeldingEvent.objects.filter(melding=melding).select_related("created_by", "organisation", "forwarded_to")
    )
    actions = vt_workflow.allowed_actions(melding.status)
    return render(
        request,
        "meldcode/vt/inbox_detail.html",
        {
            "melding": melding,
            "content": melding.data if melding.content_visible_to_vt else None,
            "events": events,
            "actions": {str(a) for a in actions},
            "next_statuses": vt_workflow.next_statuses(melding.kind, melding.status),
        },
    )


def inbox_pdf(request, pk: int):
    melding = inbox_or_404(request, pk, purpose="PDF inbox Veilig Thuis")
    if not melding.content_visible_to_vt:
        raise Http404
    audit.log(request, "meldcode.melding.pdf_downloaded", melding, purpose="inbox Veilig Thuis")
    return pdf_response(melding.pdf_bytes, f"{melding.kind}-{melding.pk}")


def _inbox_redirect(melding):
    return redirect("meldcode:inbox_detail", melding.pk)


@require_POST
def acknowledge(request, pk: int):
    melding = inbox_or_404(request, pk, purpose="ontvangst bevestigen")
    require_perm(request, "meldcode.handle_melding", "meldcode.melding.acknowledged", melding)
    try:
        services_vt.acknowledge(request, melding, version=request.POST.get("version") or None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except services.ConcurrentChange as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De ontvangst is bevestigd; de afzender ziet het in het dossier."))
    return _inbox_redirect(melding)


def _inbox_form(request, melding, *, audit_action, form_class, title, intro, save, success, form_kwargs=None):
    require_perm(request, "meldcode.handle_melding", audit_action, melding)
    form = form_class(request.POST or None, initial={"version": melding.version}, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            save(melding, form)
        except ValidationError as error:
            form.add_service_error(error)
        except services.ConcurrentChange as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return _inbox_redirect(melding)
    return render(
        request,
        "meldcode/vt/form.html",
        {
            "melding": melding,
            "form": form,
            "title": title,
            "intro": intro,
            "back": reverse("meldcode:inbox_detail", args=[melding.pk]),
        },
    )


def update_status(request, pk: int):
    def save(melding, form):
        data = form.feedback_data()
        message = data.pop("message")
        services_vt.update_status(
            request,
            melding,
            status=form.cleaned_data["status"],
            message=message,
            version=form.cleaned_data["version"],
            **data,
        )

    melding = inbox_or_404(request, pk, purpose="status bijwerken")
    if not vt_workflow.next_statuses(melding.kind, melding.status):
        messages.error(request, _("De status kan nu niet worden bijgewerkt."))
        return _inbox_redirect(melding)
    return _inbox_form(
        request,
        melding,
        audit_action="meldcode.melding.status_changed",
        form_class=StatusForm,
        form_kwargs={"melding": melding},
        title=_("Status bijwerken en terugkoppelen"),
        intro=_(
            "De wet vraagt terugkoppeling aan de melder ten minste na de veiligheidsbeoordeling en na een onderzoek: "
            "of er een vervolg is ingezet, aan wie is overgedragen, en de veiligheidsvoorwaarden en afspraken over "
            "monitoring waarin de melder een rol heeft (Wmo 2015, art. 4.1.1)."
        ),
        save=save,
        success=_("De status is bijgewerkt; de melder is op de hoogte gebracht."),
    )


def return_to_sender(request, pk: int):
    melding = inbox_or_404(request, pk, purpose="terugsturen")
    return _inbox_form(
        request,
        melding,
        audit_action="meldcode.melding.returned",
        form_class=ReasonForm,
        title=_("Terugsturen naar de afzender"),
        intro=_("De afzender ziet uw reden in het dossier. U ziet de inhoud daarna niet meer."),
        save=lambda melding, form: services_vt.return_to_sender(
            request, melding, reason=form.cleaned_data["reason"], version=form.cleaned_data["version"]
        ),
        success=_("Het bericht is teruggestuurd."),
    )


def forward(request, pk: int):
    melding = inbox_or_404(request, pk, purpose="doorsturen")
    return _inbox_form(
        request,
        melding,
        audit_action="meldcode.melding.forwarded",
        form_class=ForwardForm,
        form_kwargs={"targets": services_vt.other_veilig_thuis(melding)},
        title=_("Doorsturen naar een andere regio"),
        intro=_("Het bericht verdwijnt daarna uit uw inbox en komt binnen bij de Veilig Thuis die u kiest."),
        save=lambda melding, form: services_vt.forward(
            request,
            melding,
            to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        ),
        success=_("Het bericht is doorgestuurd."),
    )
