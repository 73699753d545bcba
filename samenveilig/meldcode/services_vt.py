"""The write paths of advice requests and reports to Veilig Thuis, and of Veilig Thuis' handling of them.

Like :mod:`samenveilig.meldcode.services`: each function takes the actor, checks the permission (a refusal is
audited before any transaction starts), checks the state machine (:mod:`samenveilig.meldcode.vt_workflow`), writes
inside a transaction with the row locked, audits with ids only, and notifies the sender — with the date of what
was sent and a link, never a name, reference or case detail (the e-mail goes out after commit, see ``notify``).

Which Veilig Thuis: the active organisations of the Veilig Thuis sector that work in one of the sending
organisation's municipalities, directly or through a Veilig Thuis region (``regio.Regio`` of that kind) they share;
when no municipality links them and the installation has exactly one Veilig Thuis, that one (one installation
serves one region). When several qualify, the professional chooses.
"""

from __future__ import annotations

import base64
import datetime
import json
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenveilig import audit
from samenveilig.accounts.models import Organisation, Sector
from samenveilig.lib.pdf import render_pdf
from samenveilig.meldcode import feedback, vt_workflow
from samenveilig.meldcode.models import (
    Concern,
    Consultation,
    Conversation,
    Dossier,
    PersonConcerned,
    SignalEntry,
)
from samenveilig.meldcode.models_vt import IdentityDisclosure, Melding, MeldingEvent
from samenveilig.meldcode.services import ConcurrentChange, _locked, _membership, _touch, _user, require
from samenveilig.meldcode.steps import ConversationSkipReason
from samenveilig.meldcode.vt_workflow import FINAL, Soort, VtAction, VtStatus
from samenveilig.regio.models import Gemeente, Regio

PDF_TEMPLATE = "meldcode/pdf/melding.html"
ANONYMITY_MESSAGE = gettext_lazy(
    "Een adviesvraag is anoniem, maar deze tekst noemt gegevens waarmee een betrokkene te herkennen is (naam, BSN, "
    "adres, geboortedatum of kenmerk). Haal ze weg, of kies dit onderdeel niet."
)


# --- which Veilig Thuis ---------------------------------------------------------------------------------------------


def veilig_thuis_for(organisation: Organisation) -> list[Organisation]:
    """The Veilig Thuis organisations that serve ``organisation``'s municipalities (see the module's docstring)."""
    all_vt = Organisation.objects.filter(sector=Sector.VEILIG_THUIS, is_active=True)
    gemeenten = organisation.gemeenten.values("pk")
    regions = Regio.objects.filter(kind=Regio.Kind.VEILIG_THUIS, gemeenten__in=gemeenten).values("pk")
    in_regions = Gemeente.objects.filter(regios__in=regions).values("pk")
    found = list(all_vt.filter(Q(gemeenten__in=gemeenten) | Q(gemeenten__in=in_regions)).distinct().order_by("name"))
    if not found:
        only = list(all_vt[:2])
        found = only if len(only) == 1 else []
    return found


def other_veilig_thuis(melding: Melding):
    """Where Veilig Thuis may forward a message: every other active Veilig Thuis organisation."""
    return Organisation.objects.filter(sector=Sector.VEILIG_THUIS, is_active=True).exclude(
        pk=melding.vt_organisation_id
    )


# --- composing ------------------------------------------------------------------------------------------------------


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _age(person: PersonConcerned, on: datetime.date) -> int | None:
    born = person.birth_date
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _records(dossier, model, ids):
    ids = {int(pk) for pk in ids or ()}
    records = model.objects.filter(dossier=dossier, pk__in=ids).order_by("created", "pk")
    if model is SignalEntry:
        records = records.prefetch_related("checklist_items").order_by("observed_on", "created", "pk")
    records = list(records)
    if len(records) != len(ids):
        raise ValidationError(_("Kies alleen onderdelen van dit dossier."))
    return records


def build_content(
    dossier: Dossier,
    *,
    kind: str,
    question: str,
    signals=(),
    consultations=(),
    conversations=(),
    sender,
    organisation: Organisation,
    vt_organisation: Organisation,
    identity_disclosure: str = "",
    nondisclosure_reason: str = "",
    sent_at: datetime.datetime | None = None,
) -> dict:
    """The snapshot of what is sent. Facts only: a signal's interpretation never goes along.

    An advice request names the persons only as "Kind 1", "Volwassene 1" with an age: no name, BSN, address, date
    of birth or local reference. A report carries those details and the reporter's identity.
    """
    sent_at = sent_at or timezone.now()
    today = timezone.localtime(sent_at).date()
    report = kind == Soort.MELDING
    persons = list(dossier.persons.all())
    counters: dict[str, int] = {}
    labels: dict[int, str] = {}
    person_rows = []
    for person in persons:
        counters[person.kind] = counters.get(person.kind, 0) + 1
        anonymous = f"{PersonConcerned.Kind(person.kind).label.split(' (')[0]} {counters[person.kind]}"
        row = {"label": anonymous, "kind": person.kind, "age": _age(person, today)}
        if report:
            row.update(
                local_reference=person.local_reference,
                name=person.name,
                date_of_birth=person.date_of_birth,
                address=person.address,
                bsn=person.bsn,
            )
        labels[person.pk] = anonymous
        person_rows.append(row)
    sources = dict(SignalEntry.Source.choices)
    consultation_kinds = dict(Consultation.Kind.choices)
    skip_reasons = dict(ConversationSkipReason.choices)
    reporter = {
        "name": sender.get_full_name() or sender.username,
        "job_title": sender.job_title,
        "email": sender.email,
        "phone": sender.phone,
    }
    return {
        "kind": kind,
        "kind_label": str(Soort(kind).label),
        "concern": dossier.concern,
        "concern_label": str(dict(Concern.choices).get(dossier.concern, dossier.concern)),
        "question": question.strip(),
        "organisation": organisation.name,
        "sector": organisation.get_sector_display(),
        "vt_organisation": vt_organisation.name,
        "sent_at": sent_at.isoformat(),
        "persons": person_rows,
        "signals": [
            {
                "observed_on": _iso(signal.observed_on),
                "source": str(sources.get(signal.source, signal.source)),
                "about": labels.get(signal.person_id, ""),
                "fact": signal.fact,
                "items": [item.text for item in signal.checklist_items.all()],
            }
            for signal in signals
        ],
        "consultations": [
            {
                "consulted_on": _iso(c.consulted_on),
                "kind": str(consultation_kinds.get(c.kind, c.kind)),
                "question": c.question,
                "advice": c.advice,
            }
            for c in consultations
        ],
        "conversations": [
            {
                "held": c.held,
                "held_on": _iso(c.held_on),
                "participants": c.participants if report else "",
                "said": c.said,
                "reaction": c.reaction,
                "skip_reason": str(skip_reasons.get(c.skip_reason, "")) if c.skip_reason else "",
                "skip_explanation": c.skip_explanation,
            }
            for c in conversations
        ],
        "reporter": reporter,
        "identity_disclosure": identity_disclosure if report else "",
        "identity_disclosure_label": str(IdentityDisclosure(identity_disclosure).label)
        if report and identity_disclosure
        else "",
        "nondisclosure_reason": nondisclosure_reason.strip() if report else "",
    }


def identifying_values(dossier: Dossier) -> list[str]:
    """What could identify a person of the dossier: names (and their longer parts), BSN, address, birth dates and
    references, in the forms they are usually written."""
    values = [dossier.local_reference]
    for person in dossier.persons.all():
        values += [person.name, person.bsn, person.address, person.local_reference, person.date_of_birth]
        values += [part for part in re.split(r"[\s,]+", person.name or "") if len(part) >= 3]
        if born := person.birth_date:
            values += [born.strftime("%d-%m-%Y"), f"{born.day}-{born.month}-{born.year}", born.strftime("%d/%m/%Y")]
    return [value.strip() for value in values if value and value.strip()]


def _mentions(text: str, values) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) for value in values)


def free_texts(content: dict) -> list[str]:
    texts = [content.get("question", "")]
    for signal in content.get("signals", []):
        texts.append(signal["fact"])
    for consultation in content.get("consultations", []):
        texts += [consultation["question"], consultation["advice"]]
    for conversation in content.get("conversations", []):
        texts += [conversation["said"], conversation["reaction"], conversation["skip_explanation"]]
    return texts


def check_anonymous(dossier: Dossier, texts, field: str = "question") -> None:
    if _mentions("\n".join(texts), identifying_values(dossier)):
        raise ValidationError({field: ANONYMITY_MESSAGE})


def _choose_vt(organisation: Organisation, vt_organisation: Organisation | None) -> Organisation:
    candidates = veilig_thuis_for(organisation)
    if vt_organisation is not None:
        if vt_organisation not in candidates:
            raise ValidationError({"vt_organisation": _("Deze Veilig Thuis-organisatie werkt niet in uw regio.")})
        return vt_organisation
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValidationError(_("Er is geen Veilig Thuis voor uw regio in Samen Veilig. Bel Veilig Thuis: 0800-2000."))
    raise ValidationError({"vt_organisation": _("Kies de Veilig Thuis-organisatie.")})


def compose(
    actor,
    dossier: Dossier,
    *,
    kind: str,
    question: str,
    signal_ids=(),
    consultation_ids=(),
    conversation_ids=(),
    vt_organisation: Organisation | None = None,
    identity_disclosure: str = "",
    nondisclosure_reason: str = "",
    sent_at=None,
) -> tuple[dict, Organisation]:
    """Check the choices and build the content (nothing is written): the preview, and the first half of sending."""
    require(actor, "meldcode.send_to_veilig_thuis", "meldcode.melding.composed", dossier)
    try:
        vt_workflow.check_dossier_may_send(dossier.status)
    except vt_workflow.VtTransitionNotAllowed as error:
        raise ValidationError(error.message) from None
    errors: dict[str, str] = {}
    if kind not in Soort.values:
        errors["kind"] = _("Kies: adviesvraag of melding.")
    if not (question or "").strip():
        errors["question"] = _("Schrijf uw vraag of een samenvatting van uw zorg.")
    if kind == Soort.MELDING:
        if not signal_ids:
            errors["signals"] = _("Kies ten minste één feit uit de signalen.")
        if identity_disclosure not in IdentityDisclosure.values:
            errors["identity_disclosure"] = _("Geef aan of uw identiteit aan het gezin bekend mag worden gemaakt.")
        elif identity_disclosure == IdentityDisclosure.NEE_GEVAAR and not nondisclosure_reason.strip():
            errors["nondisclosure_reason"] = _("Licht toe wie er in gevaar komt, en waarom.")
    if errors:
        raise ValidationError(errors)
    membership = _membership(actor)
    organisation = dossier.organisation
    vt = _choose_vt(organisation, vt_organisation)
    content = build_content(
        dossier,
        kind=kind,
        question=question,
        signals=_records(dossier, SignalEntry, signal_ids),
        consultations=_records(dossier, Consultation, consultation_ids),
        conversations=_records(dossier, Conversation, conversation_ids),
        sender=_user(actor),
        organisation=membership.organisation if membership else organisation,
        vt_organisation=vt,
        identity_disclosure=identity_disclosure,
        nondisclosure_reason=nondisclosure_reason,
        sent_at=sent_at,
    )
    if kind == Soort.ADVIESVRAAG:
        check_anonymous(dossier, free_texts(content))
    return content, vt


def render_copy(content: dict, *, number: int | None = None) -> bytes:
    return render_pdf(PDF_TEMPLATE, {"content": content, "number": number, "kinds": dict(Soort.choices)})


def send(actor, dossier: Dossier, **choices) -> Melding:
    """Send an advice request or report: freeze the content, store the PDF copy, expect feedback."""
    action = "meldcode.melding.sent"
    require(actor, "meldcode.send_to_veilig_thuis", action, dossier)
    sent_at = timezone.now()
    content, vt = compose(actor, dossier, sent_at=sent_at, **choices)
    pdf = render_copy(content)
    kind = content["kind"]
    with transaction.atomic():
        current = _locked(dossier)
        try:
            vt_workflow.check_dossier_may_send(current.status)
        except vt_workflow.VtTransitionNotAllowed as error:
            raise ValidationError(error.message) from None
        melding = Melding.objects.create(
            dossier=current,
            kind=kind,
            organisation=current.organisation,
            sender=_user(actor),
            vt_organisation=vt,
            sent_at=sent_at,
            content=json.dumps(content, ensure_ascii=False),
            pdf=base64.b64encode(pdf).decode("ascii"),
            identity_disclosure=content["identity_disclosure"],
            feedback_due_on=feedback.feedback_due(kind, timezone.localtime(sent_at).date()),
            last_change=sent_at,
        )
        MeldingEvent.objects.create(
            melding=melding,
            kind=MeldingEvent.Kind.VERZONDEN,
            organisation=current.organisation,
            to_status=VtStatus.VERZONDEN,
            created_by=_user(actor),
        )
        _touch(current)
        audit.log(actor, action, melding, purpose=kind)
    return melding


# --- after sending: the sender ---------------------------------------------------------------------------------------


def _locked_melding(melding: Melding, version: int | None) -> Melding:
    current = Melding.objects.select_for_update().select_related("dossier").get(pk=melding.pk)
    if version is not None and int(version) != current.version:
        raise ConcurrentChange
    return current


def _check(status: str, action: str) -> None:
    try:
        vt_workflow.check_action(status, action)
    except vt_workflow.VtTransitionNotAllowed as error:
        raise ValidationError(error.message) from None


def _save(melding: Melding, *fields: str) -> None:
    melding.version += 1
    melding.last_change = timezone.now()
    melding.save(update_fields=[*fields, "version", "last_change"])


def _event(actor, melding: Melding, kind: str, *, old: str = "", new: str = "", **fields) -> MeldingEvent:
    membership = _membership(actor)
    return MeldingEvent.objects.create(
        melding=melding,
        kind=kind,
        organisation=membership.organisation if membership else None,
        from_status=old,
        to_status=new,
        created_by=_user(actor),
        **fields,
    )


def add_addendum(actor, melding: Melding, *, text: str) -> MeldingEvent:
    """A dated correction or addition to what was sent; the sent content itself never changes."""
    action = "meldcode.melding.addendum_added"
    require(actor, "meldcode.add_addendum", action, melding)
    if not text.strip():
        raise ValidationError({"text": _("Schrijf de aanvulling of correctie.")})
    if melding.kind == Soort.ADVIESVRAAG:
        check_anonymous(melding.dossier, [text], field="text")
    with transaction.atomic():
        current = _locked_melding(melding, None)
        _check(current.status, VtAction.ADDENDUM)
        event = _event(actor, current, MeldingEvent.Kind.AANVULLING, message=text.strip())
        _save(current)
        audit.log(actor, action, event)
    return event


def withdraw(actor, melding: Melding, *, reason: str, version: int | None = None) -> Melding:
    """The sender withdraws what was sent in error. Veilig Thuis then no longer sees its content."""
    action = "meldcode.melding.withdrawn"
    require(actor, "meldcode.withdraw_melding", action, melding)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden waarom u het intrekt.")})
    with transaction.atomic():
        current = _locked_melding(melding, version)
        _check(current.status, VtAction.WITHDRAW)
        old = current.status
        current.status, current.feedback_due_on = VtStatus.INGETROKKEN, None
        _save(current, "status", "feedback_due_on")
        _event(actor, current, MeldingEvent.Kind.INGETROKKEN, old=old, new=current.status, message=reason.strip())
        audit.log(actor, action, current)
    return current


# --- Veilig Thuis ---------------------------------------------------------------------------------------------------


def _when(melding: Melding) -> str:
    return formats.date_format(timezone.localtime(melding.sent_at).date(), "j F Y")


def _notify_sender(actor, melding: Melding, subject: str, body: str) -> None:
    """Tell the sender (and the dossier's owner) — the date and the state only, and a link to the dossier."""
    from samenveilig.notifications.services import notify

    url = reverse("meldcode:dossier_detail", args=[melding.dossier_id]) + "#veilig-thuis"
    recipients = {melding.sender_id: melding.sender, melding.dossier.owner_id: melding.dossier.owner}
    for user in recipients.values():
        if user.is_active:
            notify(
                user,
                kind="meldcode.veilig_thuis_feedback",
                subject=subject,
                body=body,
                url=url,
                organisation=melding.organisation,
                actor=actor,
            )


def _what(melding: Melding) -> str:
    if melding.kind == Soort.MELDING:
        return _("uw melding van %(date)s") % {"date": _when(melding)}
    return _("uw adviesvraag van %(date)s") % {"date": _when(melding)}


def _handle(actor, melding: Melding, action: str) -> None:
    require(actor, "meldcode.handle_melding", action, melding)


def acknowledge(actor, melding: Melding, *, version: int | None = None) -> Melding:
    action = "meldcode.melding.acknowledged"
    _handle(actor, melding, action)
    with transaction.atomic():
        current = _locked_melding(melding, version)
        _check(current.status, VtAction.ACKNOWLEDGE)
        current.status, current.acknowledged_at = VtStatus.ONTVANGEN, timezone.now()
        _save(current, "status", "acknowledged_at")
        _event(actor, current, MeldingEvent.Kind.ONTVANGST, old=VtStatus.VERZONDEN, new=current.status)
        audit.log(actor, action, current)
        _notify_sender(
            actor,
            current,
            _("Veilig Thuis heeft %(what)s ontvangen") % {"what": _what(current)},
            _("Open het dossier om de status te volgen."),
        )
    return current


FEEDBACK_FIELDS = (
    "follow_up_started",
    "handed_to",
    "reporter_has_role",
    "safety_conditions",
    "monitoring_agreements",
    "investigation_outcome",
)


def update_status(actor, melding: Melding, *, status: str, message: str, version: int | None = None, **data):
    """Move the state on with a feedback message; at the legal moments the structured feedback is required."""
    action = "meldcode.melding.status_changed"
    _handle(actor, melding, action)
    with transaction.atomic():
        current = _locked_melding(melding, version)
        old = current.status
        try:
            vt_workflow.check_update(current.kind, old, status)
        except vt_workflow.VtTransitionNotAllowed as error:
            raise ValidationError({"status": error.message}) from None
        errors = feedback.check_feedback(current.kind, old, status, {"message": message, **data})
        if errors:
            raise ValidationError(errors)
        fields = {}
        for name in FEEDBACK_FIELDS:
            value = data.get(name)
            if value is not None and value != "":
                fields[name] = value.strip() if isinstance(value, str) else value
        if not fields.get("reporter_has_role"):
            fields.pop("safety_conditions", None)
            fields.pop("monitoring_agreements", None)
        current.status = status
        current.feedback_due_on = feedback.due_after_update(
            current.kind, status, timezone.localdate(), current.feedback_due_on
        )
        _save(current, "status", "feedback_due_on")
        event = _event(
            actor,
            current,
            MeldingEvent.Kind.STATUS,
            old=old,
            new=status,
            message=message.strip(),
            is_feedback=feedback.is_legal_feedback(current.kind, old, status),
            **fields,
        )
        audit.log(actor, action, event)
        _notify_sender(
            actor,
            current,
            _("Terugkoppeling van Veilig Thuis op %(what)s") % {"what": _what(current)},
            _("Nieuwe status: %(status)s. Open het dossier om de terugkoppeling te lezen.")
            % {"status": VtStatus(status).label},
        )
    return current


def return_to_sender(actor, melding: Melding, *, reason: str, version: int | None = None) -> Melding:
    action = "meldcode.melding.returned"
    _handle(actor, melding, action)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden waarom u het terugstuurt.")})
    with transaction.atomic():
        current = _locked_melding(melding, version)
        _check(current.status, VtAction.RETURN)
        old = current.status
        current.status, current.feedback_due_on = VtStatus.TERUGGESTUURD, None
        _save(current, "status", "feedback_due_on")
        _event(actor, current, MeldingEvent.Kind.TERUGGESTUURD, old=old, new=current.status, message=reason.strip())
        audit.log(actor, action, current)
        _notify_sender(
            actor,
            current,
            _("Veilig Thuis heeft %(what)s teruggestuurd") % {"what": _what(current)},
            _("Open het dossier om de reden te lezen."),
        )
    return current


def forward(actor, melding: Melding, *, to: Organisation, reason: str, version: int | None = None) -> Melding:
    """Hand it to the Veilig Thuis of another region; it arrives there as sent, and leaves this inbox."""
    action = "meldcode.melding.forwarded"
    _handle(actor, melding, action)
    errors = {}
    if to is None or not other_veilig_thuis(melding).filter(pk=to.pk).exists():
        errors["to"] = _("Kies een andere Veilig Thuis-organisatie.")
    if not reason.strip():
        errors["reason"] = _("Geef de reden waarom u het doorstuurt.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked_melding(melding, version)
        _check(current.status, VtAction.FORWARD)
        old = current.status
        current.status, current.vt_organisation, current.acknowledged_at = VtStatus.VERZONDEN, to, None
        _save(current, "status", "vt_organisation", "acknowledged_at")
        _event(
            actor,
            current,
            MeldingEvent.Kind.DOORGESTUURD,
            old=old,
            new=current.status,
            message=reason.strip(),
            forwarded_to=to,
        )
        audit.log(actor, action, current)
        _notify_sender(
            actor,
            current,
            _("Veilig Thuis heeft %(what)s doorgestuurd") % {"what": _what(current)},
            _("Het is doorgestuurd naar %(organisation)s.") % {"organisation": to.name},
        )
    return current


# --- follow-ups ------------------------------------------------------------------------------------------------------


def open_followups(user, membership=None):
    """'Terugkoppeling verwacht': what was sent from the dossiers ``user`` works in (owner or added) and still awaits
    Veilig Thuis' feedback, soonest due first, with ``overdue`` annotated. For the home page."""
    today = timezone.localdate()
    dossiers = Dossier.objects.visible_to(user, membership).filter(Q(owner=user) | Q(members__user=user))
    return (
        Melding.objects.filter(dossier__in=dossiers.values("pk"), feedback_due_on__isnull=False)
        .exclude(status__in=FINAL)
        .select_related("dossier", "vt_organisation")
        .annotate(overdue=ExpressionWrapper(Q(feedback_due_on__lt=today), output_field=BooleanField()))
        .order_by("feedback_due_on", "pk")
    )
