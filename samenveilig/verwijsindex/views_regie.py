"""Pages of the second slice: the matchregie of a match, the information letter for the family, the figures for
coordinators, and the beheer page with the order of organisation types for matchregie.

Same rules as :mod:`views`: 404 when switched off, the permission first (refusals audited), personal data read through
``Signaal.objects.visible_to`` and written through ``regie`` / ``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.lib import xlsx
from samenveilig.lib.exports import csv_stream
from samenveilig.lib.pdf import pdf_response, render_pdf
from samenveilig.verwijsindex import figures, regie, terms
from samenveilig.verwijsindex.forms import FiguresForm, HandOverForm, LetterForm, OutcomeForm, PriorityForm
from samenveilig.verwijsindex.models import Match, Regiestap, Signaal
from samenveilig.verwijsindex.views import index_enabled

# --- matchregie ----------------------------------------------------------------------------------------------------


def _own_signal(request, pk: int, purpose: str) -> Signaal:
    return get_visible_or_404(
        request,
        Signaal.objects.select_related("organisation"),
        action="verwijsindex.signaal.viewed",
        purpose=purpose,
        pk=pk,
    )


def _match_of(signal: Signaal) -> Match | None:
    return (
        Match.objects.select_related("coordinator__organisation", "coordinator__professional")
        .filter(jongere_id=signal.jongere_id)
        .first()
    )


def _regie_page(request, signal, match, *, hand_over_form=None, outcome_form=None, status=200):
    parties = Signaal.objects.match_parties([signal], with_id=True)[signal.pk]
    if parties:
        audit.log(request, "verwijsindex.match.viewed", signal, purpose="matchregie")
    steps = list(match.regiestappen.select_related("organisation")) if match else []
    is_coordinator = bool(match) and request.user.has_perm("verwijsindex.coordinate_match", match)
    if is_coordinator:
        hand_over_form = hand_over_form or HandOverForm(parties=parties)
        outcome_form = outcome_form or OutcomeForm(initial={"day": timezone.localdate()})
    return render(
        request,
        "verwijsindex/matchregie.html",
        {
            "signal": signal,
            "match": match if parties else None,
            "parties": parties,
            "steps": steps,
            "is_coordinator": is_coordinator,
            "hand_over_form": hand_over_form,
            "outcome_form": outcome_form,
            "kinds": Regiestap.Kind,
        },
        status=status,
    )


@index_enabled
@never_cache
@require_GET
def matchregie(request, pk: int):
    signal = _own_signal(request, pk, "matchregie")
    return _regie_page(request, signal, _match_of(signal))


@index_enabled
@require_POST
def matchregie_hand_over(request, pk: int):
    signal = _own_signal(request, pk, "matchregie overdragen")
    match = _match_of(signal)
    if match is None:
        return redirect("verwijsindex:matchregie", pk=signal.pk)
    require_perm(request, "verwijsindex.coordinate_match", "verwijsindex.matchregie.handed_over", match)
    parties = Signaal.objects.match_parties([signal], with_id=True)[signal.pk]
    form = HandOverForm(request.POST, parties=parties)
    if form.is_valid():
        try:
            target = regie.hand_over(request, match, form.cleaned_data["to"])
        except regie.RegieRefused as refusal:
            form.add_error("to", str(refusal))
        else:
            messages.success(
                request,
                _("De matchregie is overgedragen aan %(organisation)s.") % {"organisation": target.organisation.name},
            )
            return redirect("verwijsindex:matchregie", pk=signal.pk)
    return _regie_page(request, signal, match, hand_over_form=form, status=400)


@index_enabled
@require_POST
def matchregie_outcome(request, pk: int):
    signal = _own_signal(request, pk, "matchregie uitkomst")
    match = _match_of(signal)
    if match is None:
        return redirect("verwijsindex:matchregie", pk=signal.pk)
    require_perm(request, "verwijsindex.coordinate_match", "verwijsindex.matchregie.outcome_recorded", match)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            regie.record_outcome(request, match, form.cleaned_data["outcome"], form.cleaned_data["day"])
        except regie.RegieRefused as refusal:
            form.add_error("day", str(refusal))
        else:
            messages.success(request, _("De uitkomst van de matchregie is vastgelegd."))
            return redirect("verwijsindex:matchregie", pk=signal.pk)
    return _regie_page(request, signal, match, outcome_form=form, status=400)


# --- the information letter ------------------------------------------------------------------------------------------


@index_enabled
@never_cache
def information_letter(request, pk: int):
    """A letter for the family about the signal (GDPR art. 14), with the professional's contact details. The name
    for the salutation exists only in this request: never stored, logged or audited."""
    signal = _own_signal(request, pk, "informatiebrief")
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = render_pdf(
            "verwijsindex/pdf/information_letter.html",
            {
                "signal": signal,
                "name": form.cleaned_data["name"],
                "max_years": terms.SIGNAL_MAX_YEARS,
                "max_age": terms.MAX_AGE,
            },
        )
        audit.log(request, "verwijsindex.informatiebrief.created", signal, purpose="informeren gezin")
        return pdf_response(content, _("informatiebrief-verwijsindex"))
    return render(request, "verwijsindex/information_letter.html", {"signal": signal, "form": form})


# --- figures ---------------------------------------------------------------------------------------------------------

#: ``tabel=organisaties`` with ``formaat=csv``: the use per organisation instead of the table per organisation type.
ORGANISATIONS_TABLE = "organisaties"


def figures_request(request):
    """The validated filters (CBS code, period) or None with the bound form, for the page and the API."""
    gemeenten = figures.gemeente_choices(getattr(request, "membership", None))
    periods = [(key, str(label)) for key, (label, _trunc) in figures.PERIODS.items()]
    data = request.GET.copy()
    if not data.get("gemeente") and gemeenten:
        data["gemeente"] = gemeenten[0][0]
    data.setdefault("periode", "kwartaal")
    form = FiguresForm(data, gemeenten=gemeenten, periods=periods)
    return form, (form.cleaned_data if form.is_valid() else None)


@index_enabled
@never_cache
@require_GET
def figures_page(request):
    """The figures per organisation type and the use per connected organisation; ``formaat=xlsx`` downloads both
    (one sheet each), ``formaat=csv`` the table per organisation type, or with ``tabel=organisaties`` the use per
    organisation. Every download is audited, and keeps the "< 5" of the page."""
    action = "verwijsindex.figures.viewed"
    require_perm(request, "verwijsindex.view_figures", action, object_type="verwijsindex.figureevent")
    form, data = figures_request(request)
    if data is None:
        return _figures_page(request, form, "kwartaal", [], [])
    gemeente, period = data["gemeente"], data["periode"] or "kwartaal"
    purpose = f"gemeente={gemeente} periode={period}"
    kind = request.GET.get("formaat", "")
    if kind == "csv" and request.GET.get("tabel") == ORGANISATIONS_TABLE:
        _audit_export(request, f"csv export {ORGANISATIONS_TABLE} {purpose}")
        rows = figures.use_per_organisation(gemeente, period)
        header, body = figures.organisation_header(period), figures.organisation_export_rows(rows, period)
        return _csv_response(f"verwijsindex-gebruik-per-organisatie-{gemeente}", header, body)
    rows = figures.compute(gemeente, period)
    if kind == "csv":
        _audit_export(request, f"csv export {purpose}")
        return _csv_response(
            f"verwijsindex-cijfers-{gemeente}", figures.header(period), figures.export_rows(rows, period)
        )
    organisation_rows = figures.use_per_organisation(gemeente, period)
    if kind == "xlsx":
        _audit_export(request, f"xlsx export soorten en {ORGANISATIONS_TABLE} {purpose}")
        sheets = [
            xlsx.Sheet(_("Verwijsindex"), figures.header(period), figures.export_rows(rows, period)),
            xlsx.Sheet(
                _("Gebruik per organisatie"),
                figures.organisation_header(period),
                figures.organisation_export_rows(organisation_rows, period),
            ),
        ]
        return xlsx.xlsx_response(f"verwijsindex-cijfers-{gemeente}", sheets)
    audit.log(request, action, object_type="verwijsindex.figureevent", purpose=purpose)
    return _figures_page(request, form, period, rows, organisation_rows)


def _audit_export(request, purpose: str) -> None:
    audit.log(request, "verwijsindex.figures.exported", object_type="verwijsindex.figureevent", purpose=purpose)


def _csv_response(stem: str, header, body) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_stream(header, body, bom=True), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{xlsx.filename(stem, "csv")}"'
    return response


def _figures_page(request, form, period: str, rows, organisation_rows):
    query = request.GET.copy()
    for key in ("formaat", "tabel"):
        query.pop(key, None)
    return render(
        request,
        "verwijsindex/figures.html",
        {
            "form": form,
            "valid": form.is_valid(),
            "rows": [
                (figures.period_label(r.period, period), r, [r.shown(k) for k, _l in figures.MEASURES]) for r in rows
            ],
            "measures": [label for _k, label in figures.MEASURES],
            "organisation_rows": [(figures.period_label(r.period, period), r) for r in organisation_rows],
            "query": query.urlencode(),
            "organisations_table": ORGANISATIONS_TABLE,
        },
    )


# --- beheer: the order of organisation types -------------------------------------------------------------------------


@index_enabled
def beheer_matchregie(request):
    action = "verwijsindex.regieprioriteit.updated"
    require_perm(request, "verwijsindex.manage_matchregie", action, object_type="verwijsindex.regieprioriteit")
    form = PriorityForm(request.POST or None, ranks=regie.ranks())
    if request.method == "POST" and form.is_valid():
        regie.save_priority(request, form.order())
        messages.success(request, _("De volgorde voor de matchregie is opgeslagen."))
        return redirect("verwijsindex:beheer_matchregie")
    audit.log(request, "verwijsindex.regieprioriteit.viewed", object_type="verwijsindex.regieprioriteit")
    return render(request, "verwijsindex/beheer_matchregie.html", {"form": form})
