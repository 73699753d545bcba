"""The pages that record something in a dossier: persons, the steps, the afweging, colleagues, closing.

Each page: the dossier through ``get_visible_or_404`` (404 for who may not know it), then the permission to work in
it (403, audited), then the workflow (a closed dossier takes nothing). The write goes through ``services``; its
errors land at the fields, with the input kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig.core.access import require_perm
from samenveilig.meldcode import afwegingskader, forms, services, workflow
from samenveilig.meldcode.afwegingskader import QUESTIONS
from samenveilig.meldcode.steps import GUIDES, Step
from samenveilig.meldcode.views import dossier_or_404
from samenveilig.meldcode.workflow import Action

CHANGE = "meldcode.change_dossier"


def _detail(dossier, anchor: str = ""):
    url = reverse("meldcode:dossier_detail", args=[dossier.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _open_for(request, pk: int, *, action: str, audit_action: str, perm: str = CHANGE):
    """The dossier if the user may do ``action`` in it now; else a refusal (404/403) or a redirect with a message."""
    dossier = dossier_or_404(request, pk, purpose="formulier")
    require_perm(request, perm, audit_action, dossier)
    try:
        workflow.check_action(dossier.status, action)
    except workflow.TransitionNotAllowed as error:
        messages.error(request, error.message)
        return dossier, _detail(dossier)
    return dossier, None


def _form_page(
    request,
    pk,
    *,
    form_class,
    action,
    audit_action,
    title,
    intro,
    save,
    anchor,
    template=None,
    form_kwargs=None,
    success,
    perm=CHANGE,
    initial=None,
):
    dossier, refused = _open_for(request, pk, action=action, audit_action=audit_action, perm=perm)
    if refused:
        return refused
    kwargs = form_kwargs(dossier) if form_kwargs else {}
    form = form_class(request.POST or None, initial=initial(dossier) if initial else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(request, dossier, form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        except services.ConcurrentChange as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return _detail(dossier, anchor)
    return render(
        request,
        template or "meldcode/step_form.html",
        {"dossier": dossier, "form": form, "title": title, "intro": intro, "anchor": anchor},
    )


def _today(_dossier):
    return {
        field: timezone.localdate() for field in ("observed_on", "checked_on", "consulted_on", "held_on", "weighed_on")
    }


# --- persons -------------------------------------------------------------------------------------------------------


def person_add(request, pk: int):
    return _form_page(
        request,
        pk,
        form_class=forms.PersonForm,
        action=Action.ADD_PERSON,
        audit_action="meldcode.person.added",
        title=_("Betrokkene toevoegen"),
        intro=forms.PersonForm.IDENTIFYING_HELP,
        save=lambda request, dossier, data: services.add_person(
            request, dossier, person={f: data.get(f) for f in services.PERSON_FIELDS}
        ),
        anchor="betrokkenen",
        success=_("De betrokkene is toegevoegd."),
    )


def person_edit(request, pk: int, person_pk: int):
    dossier, refused = _open_for(request, pk, action=Action.EDIT_PERSON, audit_action="meldcode.person.changed")
    if refused:
        return refused
    person = get_object_or_404(dossier.persons, pk=person_pk)
    initial = {
        "kind": person.kind,
        "local_reference": person.local_reference,
        "name": person.name,
        "date_of_birth": person.birth_date,
        "address": person.address,
        "bsn": person.bsn,
        "version": dossier.version,
    }
    form = forms.PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_person(
                request, person, data={f: data.get(f) for f in services.PERSON_FIELDS}, version=data["version"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        except services.ConcurrentChange as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De gegevens van de betrokkene zijn opgeslagen."))
            return _detail(dossier, "betrokkenen")
    return render(
        request,
        "meldcode/step_form.html",
        {
            "dossier": dossier,
            "form": form,
            "title": _("Betrokkene wijzigen"),
            "intro": forms.PersonForm.IDENTIFYING_HELP,
            "anchor": "betrokkenen",
        },
    )


# --- step 1 --------------------------------------------------------------------------------------------------------


def signal_add(request, pk: int):
    return _form_page(
        request,
        pk,
        form_class=forms.SignalForm,
        form_kwargs=lambda dossier: {"dossier": dossier},
        initial=_today,
        action=Action.ADD_SIGNAL,
        audit_action="meldcode.signal.added",
        title=_("Signaal vastleggen"),
        intro=GUIDES[Step.SIGNALEN].guidance,
        template="meldcode/signal_form.html",
        save=lambda request, dossier, data: services.add_signal(
            request,
            dossier,
            observed_on=data["observed_on"],
            fact=data["fact"],
            interpretation=data.get("interpretation") or "",
            source=data["source"],
            person=data.get("person"),
            checklist_items=data.get("checklist_items") or (),
        ),
        anchor="stap-1",
        success=_("Het signaal is vastgelegd."),
    )


def kindcheck_add(request, pk: int):
    return _form_page(
        request,
        pk,
        form_class=forms.KindcheckForm,
        form_kwargs=lambda dossier: {"dossier": dossier},
        initial=_today,
        action=Action.ADD_KINDCHECK,
        audit_action="meldcode.kindcheck.added",
        title=_("Kindcheck vastleggen"),
        intro=_(
            "Werkt u met een volwassene van wie de situatie de zorg voor kinderen kan bedreigen (bijvoorbeeld "
            "verslaving, psychische problemen of geweld)? Ga dan na of er kinderen van deze volwassene afhankelijk "
            "zijn, en wat u daarmee doet."
        ),
        save=lambda request, dossier, data: services.add_kindcheck(
            request,
            dossier,
            person=data["person"],
            checked_on=data["checked_on"],
            children_in_care=data["children_in_care"],
            pregnancy=data["pregnancy"],
            number_of_children=data.get("number_of_children"),
            ages=data.get("ages") or "",
            action_taken=data.get("action_taken") or "",
        ),
        anchor="stap-1",
        success=_("De kindcheck is vastgelegd."),
    )


# --- steps 2 to 4 --------------------------------------------------------------------------------------------------


def consultation_add(request, pk: int):
    def save(request, dossier, data):
        contact = data.get("contact_person")
        return services.add_consultation(
            request,
            dossier,
            consulted_on=data["consulted_on"],
            kind=data["kind"],
            contact_person=contact,
            organisation=contact.organisation if contact else None,
            with_whom=data.get("with_whom") or "",
            question=data["question"],
            advice=data["advice"],
        )

    return _form_page(
        request,
        pk,
        form_class=forms.ConsultationForm,
        initial=_today,
        action=Action.ADD_CONSULTATION,
        audit_action="meldcode.consultation.added",
        title=_("Consultatie vastleggen"),
        intro=GUIDES[Step.CONSULTATIE].guidance,
        save=save,
        anchor="stap-2",
        success=_("De consultatie is vastgelegd."),
    )


def conversation_add(request, pk: int):
    return _form_page(
        request,
        pk,
        form_class=forms.ConversationForm,
        initial=_today,
        action=Action.ADD_CONVERSATION,
        audit_action="meldcode.conversation.added",
        title=_("Gesprek vastleggen"),
        intro=GUIDES[Step.GESPREK].guidance,
        template="meldcode/conversation_form.html",
        save=lambda request, dossier, data: services.add_conversation(
            request,
            dossier,
            held=data["held"],
            held_on=data["held_on"],
            participants=data.get("participants") or "",
            said=data.get("said") or "",
            reaction=data.get("reaction") or "",
            skip_reason=data.get("skip_reason") or "",
            skip_explanation=data.get("skip_explanation") or "",
        ),
        anchor="stap-3",
        success=_("Het gesprek is vastgelegd."),
    )


def weighing_add(request, pk: int):
    return _form_page(
        request,
        pk,
        form_class=forms.WeighingForm,
        initial=_today,
        action=Action.ADD_WEIGHING,
        audit_action="meldcode.weighing.added",
        title=_("Weging vastleggen"),
        intro=GUIDES[Step.WEGEN].guidance,
        save=lambda request, dossier, data: services.add_weighing(
            request, dossier, weighed_on=data["weighed_on"], note=data["note"], instrument=data.get("instrument") or ""
        ),
        anchor="stap-4",
        success=_("De weging is vastgelegd."),
    )


# --- the afweging --------------------------------------------------------------------------------------------------


def assessment_add(request, pk: int):
    """The five questions; 'Bekijk de uitkomst' shows the outcomes the answers allow, 'Vastleggen' saves one."""
    dossier, refused = _open_for(request, pk, action=Action.ASSESS, audit_action="meldcode.assessment.added")
    if refused:
        return refused
    progress = dossier.progress()
    form = forms.AssessmentForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        answers, reasons = form.answers(), form.reasons()
        data = form.cleaned_data
        if request.POST.get("intent") == "save":
            try:
                services.assess(
                    request,
                    dossier,
                    answers=answers,
                    reasons=reasons,
                    outcome=data.get("outcome") or "",
                    decision_note=data.get("decision_note") or "",
                    version=data["version"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            except services.ConcurrentChange as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("De afweging is vastgelegd."))
                return _detail(dossier, f"stap-{dossier.afweging_step}")
        else:
            try:
                services.validate_assessment(answers, reasons, outcome="", check_outcome=False)
            except ValidationError as error:
                form.add_service_error(error)
        form.allowed = _allowed(answers)
        if form.allowed and data.get("outcome") not in form.allowed and not form.errors:
            # The advised outcome is chosen; the professional may pick another one the answers allow.
            post = request.POST.copy()
            post["outcome"] = form.allowed[0]
            form = forms.AssessmentForm(post, initial={"version": dossier.version})
            form.is_valid()
            form.allowed = _allowed(answers)
    return render(
        request,
        "meldcode/assessment_form.html",
        {
            "dossier": dossier,
            "form": form,
            "progress": progress,
            "missing": progress.missing_before_assessment,
            "questions": QUESTIONS,
            "step_title": GUIDES[dossier.afweging_step].title,
            "advised": form.allowed[0] if form.allowed else "",
        },
    )


def _allowed(answers) -> tuple[str, ...]:
    try:
        return afwegingskader.allowed_outcomes(answers)
    except afwegingskader.AnswersNotAllowed:
        return ()


# --- colleagues and closing ----------------------------------------------------------------------------------------


def member_add(request, pk: int):
    return _form_page(
        request,
        pk,
        form_class=forms.MemberForm,
        form_kwargs=lambda dossier: {"dossier": dossier},
        action=Action.ADD_MEMBER,
        audit_action="meldcode.member.added",
        perm="meldcode.add_member",
        title=_("Collega toevoegen"),
        intro=_("Een collega die u toevoegt, ziet het dossier en kan erin werken."),
        save=lambda request, dossier, data: services.add_member(request, dossier, user=data["user"]),
        anchor="betrokkenen",
        success=_("De collega is toegevoegd."),
    )


@require_POST
def support(request, pk: int):
    """The aandachtsfunctionaris adds themselves to support the owner."""
    dossier, refused = _open_for(
        request,
        pk,
        action=Action.ADD_MEMBER,
        audit_action="meldcode.member.support_added",
        perm="meldcode.support_dossier",
    )
    if refused:
        return refused
    try:
        services.support(request, dossier)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("U ondersteunt nu in dit dossier."))
    return _detail(dossier)


def close(request, pk: int):
    dossier, refused = _open_for(request, pk, action=Action.CLOSE, audit_action="meldcode.dossier.closed")
    if refused:
        return refused
    form = forms.CloseForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.close(request, dossier, note=form.cleaned_data["note"], version=form.cleaned_data["version"])
        except ValidationError as error:
            form.add_service_error(error)
        except services.ConcurrentChange as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Het dossier is gesloten."))
            return _detail(dossier)
    return render(
        request,
        "meldcode/step_form.html",
        {
            "dossier": dossier,
            "form": form,
            "title": _("Dossier sluiten"),
            "intro": _("Een gesloten dossier kan niet meer worden gewijzigd."),
            "anchor": "",
        },
    )
