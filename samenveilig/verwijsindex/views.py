"""Pages of the Verwijsindex: my signals, register, a signal, end it, its history; beheer of connected organisations
and of a recorded death.

Every page answers 404 when the Verwijsindex is switched off. Each view checks its permission first (refusals
audited), reads through ``Signaal.objects.visible_to`` (``get_visible_or_404``) and writes through ``services``.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.accounts.models import Organisation
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.forms import (
    ConnectionForm,
    DeathForm,
    EndSignalForm,
    HistoryRequestForm,
    KoppelingForm,
    SignalForm,
)
from samenveilig.verwijsindex.models import AangeslotenOrganisatie, Koppeling, Match, RemovalReason, Signaal

PAGE_SIZE = 25


def index_enabled(view):
    """404 for every page while the region has switched the Verwijsindex off."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.SAMENVEILIG_VERWIJSINDEX_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _connection(request):
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    return AangeslotenOrganisatie.objects.filter(organisation_id=membership.organisation_id).first()


# --- the professional's pages --------------------------------------------------------------------------------------


@index_enabled
def signal_list(request):
    action = "verwijsindex.signaal.listed"
    require_perm(request, "verwijsindex.view_own_signals", action, object_type="verwijsindex.signaal")
    signals = Signaal.objects.visible_to(request.user, request.membership).select_related("organisation")
    page = Paginator(signals, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = list(page.object_list)
    parties = Signaal.objects.match_parties(rows)
    audit.log(request, action, object_type="verwijsindex.signaal", purpose="eigen signalen")
    for signal in rows:
        if parties.get(signal.pk):
            audit.log(request, "verwijsindex.match.viewed", signal, purpose="contactgegevens matchpartijen")
    return render(
        request,
        "verwijsindex/signal_list.html",
        {
            "page": page,
            "rows": [(signal, parties.get(signal.pk, [])) for signal in rows],
            "can_register": request.user.has_perm("verwijsindex.register_signal"),
        },
    )


@index_enabled
def signal_create(request):
    action = "verwijsindex.signaal.created"
    require_perm(request, "verwijsindex.register_signal", action, object_type="verwijsindex.signaal")
    connection = _connection(request)
    user = request.user
    initial = {"contact_name": user.get_full_name(), "contact_phone": user.phone, "contact_email": user.email}
    form = SignalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.register(
                request,
                bsn=data["bsn"],
                birth_date=data["birth_date"],
                start_date=data["start_date"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                informed=data["informed"],
                label=data["label"],
            )
        except services.RegistrationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if not result.created:
                messages.info(request, _("U had al een signaal over deze jongere. Dit is uw bestaande signaal."))
            elif result.matched:
                messages.success(
                    request,
                    _("Het signaal is afgegeven. Er is een match: hieronder ziet u wie er nog meer betrokken is."),
                )
            else:
                messages.success(request, _("Het signaal is afgegeven. U hoort het als er een match ontstaat."))
            if result.created and data["informed"] == Signaal.Informed.INFORMED:
                messages.info(
                    request,
                    _("Wilt u het gezin een brief geven? Onder het signaal kunt u een informatiebrief maken (PDF)."),
                )
            if result.has_history:
                messages.info(
                    request,
                    _(
                        "Over deze jongere zijn eerder signalen afgegeven die inmiddels zijn verwijderd. U kunt die "
                        "geschiedenis opvragen als dat nodig is; het opvragen wordt vastgelegd."
                    ),
                )
            return redirect("verwijsindex:signal", pk=result.signal.pk)
    return render(request, "verwijsindex/signal_form.html", {"form": form, "connection": connection})


@index_enabled
def signal_detail(request, pk: int):
    signal = get_visible_or_404(
        request,
        Signaal.objects.select_related("organisation"),
        action="verwijsindex.signaal.viewed",
        purpose="eigen signaal",
        pk=pk,
    )
    parties = Signaal.objects.match_parties([signal])[signal.pk]
    if parties:
        audit.log(request, "verwijsindex.match.viewed", signal, purpose="contactgegevens matchpartijen")
    return render(
        request,
        "verwijsindex/signal_detail.html",
        {
            "signal": signal,
            "parties": parties,
            "match": Match.objects.select_related("coordinator").filter(jongere_id=signal.jongere_id).first()
            if parties
            else None,
            "end_form": EndSignalForm(),
            "history_form": HistoryRequestForm(),
        },
    )


@index_enabled
@require_POST
def signal_end(request, pk: int):
    signal = get_visible_or_404(
        request, Signaal.objects.all(), action="verwijsindex.signaal.viewed", purpose="beëindigen", pk=pk
    )
    form = EndSignalForm(request.POST)
    if not form.is_valid():
        parties = Signaal.objects.match_parties([signal])[signal.pk]
        return render(
            request,
            "verwijsindex/signal_detail.html",
            {"signal": signal, "parties": parties, "end_form": form, "history_form": HistoryRequestForm()},
            status=400,
        )
    services.end_signal(request, signal, RemovalReason(form.cleaned_data["reason"]))
    messages.success(request, _("Het signaal is verwijderd uit de Verwijsindex."))
    return redirect("verwijsindex:signal_list")


@index_enabled
@require_POST
def signal_history(request, pk: int):
    signal = get_visible_or_404(
        request, Signaal.objects.all(), action="verwijsindex.signaal.viewed", purpose="historie opvragen", pk=pk
    )
    form = HistoryRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies waarom u de geschiedenis opvraagt."))
        return redirect("verwijsindex:signal", pk=signal.pk)
    rows = services.request_history(request, signal, form.cleaned_data["purpose"])
    return render(
        request,
        "verwijsindex/signal_history.html",
        {"signal": signal, "rows": rows, "reasons": dict(RemovalReason.choices)},
    )


# --- beheer --------------------------------------------------------------------------------------------------------


@index_enabled
def beheer_connections(request):
    action = "verwijsindex.aangeslotenorganisatie.listed"
    require_perm(request, "verwijsindex.manage_connections", action, object_type="verwijsindex.aangeslotenorganisatie")
    organisations = Organisation.objects.filter(is_active=True).select_related("verwijsindex_aansluiting")
    page = Paginator(organisations, 50).get_page(request.GET.get("pagina"))
    audit.log(request, action, object_type="verwijsindex.aangeslotenorganisatie")
    return render(request, "verwijsindex/beheer_connections.html", {"page": page})


@index_enabled
def beheer_connection_edit(request, pk: int):
    action = "verwijsindex.aangeslotenorganisatie.updated"
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, "verwijsindex.manage_connections", action, organisation)
    connection = AangeslotenOrganisatie.objects.filter(organisation=organisation).first()
    initial = {
        "meldingsbevoegd": bool(connection and connection.meldingsbevoegd),
        "criteria": getattr(connection, "criteria", ""),
    }
    form = ConnectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_connection(request, organisation, **form.cleaned_data)
        messages.success(request, _("De aansluiting van %(name)s is opgeslagen.") % {"name": organisation.name})
        return redirect("verwijsindex:beheer_connections")
    return render(request, "verwijsindex/beheer_connection_form.html", {"form": form, "organisation": organisation})


NEW_KEY_SESSION_KEY = "verwijsindex_new_koppeling_key"


@index_enabled
@never_cache
def beheer_koppelingen(request, pk: int):
    """A connected organisation's API credentials: make one (its key shown once, after a redirect, so a reload
    cannot make a second), see when each was last used, revoke."""
    action = "verwijsindex.koppeling.listed"
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, "verwijsindex.manage_connections", action, organisation)
    connection = AangeslotenOrganisatie.objects.filter(organisation=organisation).first()
    form = KoppelingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _koppeling, key = services.create_koppeling(request, organisation, form.cleaned_data["name"])
        except services.RegistrationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session[NEW_KEY_SESSION_KEY] = key
            return redirect("verwijsindex:beheer_koppelingen", pk=organisation.pk)
    koppelingen = Koppeling.objects.filter(aansluiting=connection).select_related("created_by") if connection else []
    audit.log(request, action, organisation, purpose="koppelingen")
    return render(
        request,
        "verwijsindex/beheer_koppelingen.html",
        {
            "organisation": organisation,
            "connection": connection,
            "koppelingen": koppelingen,
            "form": form,
            "new_key": request.session.pop(NEW_KEY_SESSION_KEY, None),
        },
    )


@index_enabled
@require_POST
def beheer_koppeling_revoke(request, pk: int):
    koppeling = get_object_or_404(Koppeling.objects.select_related("aansluiting__organisation"), pk=pk)
    services.revoke_koppeling(request, koppeling)
    messages.success(request, _("De koppeling %(name)s is ingetrokken.") % {"name": koppeling.name})
    return redirect("verwijsindex:beheer_koppelingen", pk=koppeling.aansluiting.organisation_id)


@index_enabled
def beheer_death(request):
    action = "verwijsindex.jongere.death_recorded"
    require_perm(request, "verwijsindex.record_death", action, object_type="verwijsindex.jongere")
    form = DeathForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_death(request, form.cleaned_data["bsn"])
        messages.success(
            request, _("Het overlijden is vastgelegd. Eventuele signalen over deze jongere zijn verwijderd.")
        )
        return redirect("verwijsindex:beheer_death")
    return render(request, "verwijsindex/beheer_death.html", {"form": form})


@index_enabled
def transfer_signals(request, pk: int):
    """The aandachtsfunctionaris (own organisation) or the functioneel beheerder moves a leaving professional's
    signals to a colleague. Shows how many signals each professional has, never the signals themselves."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from samenveilig.verwijsindex.forms import TransferForm
    from samenveilig.verwijsindex.models import SIGNALLING_ROLES

    action = "verwijsindex.signaal.transferred"
    organisation = get_object_or_404(Organisation, pk=pk)
    require_perm(request, "verwijsindex.transfer_signals", action, organisation)
    users = get_user_model().objects.order_by("last_name", "first_name", "username")
    leavers = users.filter(verwijsindex_signalen__organisation=organisation).annotate(
        signal_count=Count("verwijsindex_signalen")
    )
    colleagues = users.filter(
        is_active=True, memberships__organisation=organisation, memberships__role__in=SIGNALLING_ROLES
    ).distinct()
    form = TransferForm(request.POST or None, leavers=leavers, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.transfer_signals(
                request, organisation, form.cleaned_data["leaver"], form.cleaned_data["colleague"]
            )
        except services.RegistrationRefused as refusal:
            form.add_error("colleague", str(refusal))
        else:
            messages.success(
                request,
                _("%(count)s signalen zijn overgedragen. De andere partijen zijn ingelicht.") % {"count": moved},
            )
            return redirect("verwijsindex:transfer_signals", pk=organisation.pk)
    audit.log(request, "verwijsindex.signaal.counted", organisation, purpose="overdracht signalen")
    return render(
        request,
        "verwijsindex/transfer_signals.html",
        {"form": form, "organisation": organisation, "leavers": list(leavers)},
    )
