"""The write paths of the Meldcode: one function per action.

Each takes the actor (a request, or a user acting for ``user.active_membership``), checks the permission (a refusal
is audited before any transaction starts), checks the workflow, writes inside a transaction with the dossier row
locked, bumps the dossier's ``version`` and last activity, and audits — ids only, never a personal value.

Decisions and edits carry the ``version`` the user saw: when someone else changed the dossier in between,
:class:`ConcurrentChange` is raised and nothing is written. Appending a record (a signal, a consultation…) never
overwrites anything, so it needs no version.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig import audit
from samenveilig.meldcode import afwegingskader, workflow
from samenveilig.meldcode.models import (
    DOSSIER_ROLES,
    Assessment,
    Consultation,
    Conversation,
    Dossier,
    DossierMember,
    Kindcheck,
    PersonConcerned,
    SignalEntry,
    Weighing,
)
from samenveilig.meldcode.steps import ConversationSkipReason
from samenveilig.meldcode.validators import validate_bsn
from samenveilig.meldcode.workflow import Action, Status

CHANGE = "meldcode.change_dossier"
CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit dossier gewijzigd nadat u het formulier opende. Uw wijziging is niet opgeslagen. "
    "Bekijk het dossier opnieuw en breng uw wijziging daarna aan."
)
DUPLICATE_MESSAGE = _(
    "Uw organisatie heeft al een dossier met dit kenmerk. Maak geen tweede aan: vraag de eigenaar of de "
    "aandachtsfunctionaris om u aan dat dossier toe te voegen."
)
PERSON_FIELDS = ("kind", "local_reference", "name", "date_of_birth", "address", "bsn")


class ConcurrentChange(Exception):
    """The dossier changed after the user opened the form."""

    message = CONFLICT_MESSAGE


class DuplicateReference(Exception):
    """The organisation already has a dossier with this local reference."""

    message = DUPLICATE_MESSAGE

    def __init__(self, existing: Dossier | None):
        super().__init__("duplicate local reference")
        self.existing = existing


# --- helpers -------------------------------------------------------------------------------------------------------


def _user(actor):
    return actor.user if hasattr(actor, "user") and hasattr(actor, "META") else actor


def _membership(actor):
    return getattr(actor, "membership", None) or getattr(_user(actor), "active_membership", None)


def require(actor, perm: str, action: str, obj=None, *, object_type: str = "") -> None:
    """Refuse (and audit the refusal) unless the actor has ``perm`` (on ``obj``)."""
    if not _user(actor).has_perm(perm, obj):
        audit.log(actor, action, obj, object_type=object_type, outcome=audit.REFUSED)
        raise PermissionDenied


def _locked(dossier: Dossier, version: int | None = None) -> Dossier:
    current = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if version is not None and int(version) != current.version:
        raise ConcurrentChange
    return current


def _touch(dossier: Dossier) -> None:
    """After a write: the current step from what was recorded, a new version, the time of the last activity."""
    dossier.step = dossier.progress().current
    dossier.version += 1
    dossier.last_activity = timezone.now()
    dossier.save()


def _start(dossier: Dossier, action: str, version: int | None = None) -> Dossier:
    """Inside the caller's transaction: lock the dossier, check the version and the workflow."""
    current = _locked(dossier, version)
    try:
        workflow.check_action(current.status, action)
    except workflow.TransitionNotAllowed as error:
        raise ValidationError(error.message) from None
    return current


def clean_person(data: dict) -> dict:
    """Normalise and check a person's details (the BSN's elfproef); identifying details are optional."""
    person = {field: (data.get(field) or "") for field in PERSON_FIELDS}
    for field in ("local_reference", "name", "address", "bsn"):
        person[field] = str(person[field]).strip()
    if isinstance(person["date_of_birth"], date):
        person["date_of_birth"] = person["date_of_birth"].isoformat()
    if person["kind"] not in PersonConcerned.Kind.values:
        raise ValidationError({"kind": _("Kies kind of volwassene.")})
    if person["bsn"]:
        try:
            validate_bsn(person["bsn"])
        except ValidationError as error:
            raise ValidationError({"bsn": error.messages}) from None
    return person


# --- the dossier ---------------------------------------------------------------------------------------------------


def find_duplicate(organisation_id: int, local_reference: str) -> Dossier | None:
    """The organisation's own dossier with this local reference (any case), if there is one."""
    return Dossier.objects.filter(
        organisation_id=organisation_id, local_reference__iexact=local_reference.strip()
    ).first()


def create_dossier(actor, *, concern: str, local_reference: str, person: dict) -> Dossier:
    """Open a dossier for the organisation the actor acts for, with its first person concerned.

    Refused with :class:`DuplicateReference` when the organisation already has a dossier with this reference.
    """
    action = "meldcode.dossier.created"
    require(actor, "meldcode.create_dossier", action, object_type="meldcode.dossier")
    membership = _membership(actor)
    person = clean_person(person)
    reference = local_reference.strip()
    existing = find_duplicate(membership.organisation_id, reference)
    if existing is not None:
        audit.log(actor, "meldcode.dossier.duplicate_refused", existing, purpose="duplicate check")
        raise DuplicateReference(existing)
    step = afwegingskader.afweging_step(membership.organisation.sector)
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                organisation_id=membership.organisation_id,
                owner=_user(actor),
                concern=concern,
                local_reference=reference,
                afweging_step=step,
            )
            PersonConcerned.objects.create(dossier=dossier, **person)
            audit.log(actor, action, dossier)
    except IntegrityError:
        # Two colleagues opened the same reference at the same moment: the database's constraint decides.
        raise DuplicateReference(find_duplicate(membership.organisation_id, reference)) from None
    return dossier


def add_person(actor, dossier: Dossier, *, person: dict) -> PersonConcerned:
    action = "meldcode.person.added"
    require(actor, CHANGE, action, dossier)
    person = clean_person(person)
    with transaction.atomic():
        current = _start(dossier, Action.ADD_PERSON)
        created = PersonConcerned.objects.create(dossier=current, **person)
        _touch(current)
        audit.log(actor, action, created)
    return created


def edit_person(actor, person: PersonConcerned, *, data: dict, version: int) -> PersonConcerned:
    action = "meldcode.person.changed"
    require(actor, CHANGE, action, person.dossier)
    data = clean_person(data)
    with transaction.atomic():
        current = _start(person.dossier, Action.EDIT_PERSON, version)
        person = PersonConcerned.objects.select_for_update().get(pk=person.pk, dossier=current)
        for field, value in data.items():
            setattr(person, field, value)
        person.save()
        _touch(current)
        audit.log(actor, action, person)
    return person


# --- step 1 --------------------------------------------------------------------------------------------------------


def _own_person(dossier: Dossier, person: PersonConcerned | None) -> PersonConcerned | None:
    if person is not None and person.dossier_id != dossier.pk:
        raise ValidationError({"person": _("Deze betrokkene hoort niet bij dit dossier.")})
    return person


def add_signal(
    actor,
    dossier: Dossier,
    *,
    observed_on: date,
    fact: str,
    interpretation: str = "",
    source: str = SignalEntry.Source.ZELF,
    person: PersonConcerned | None = None,
    checklist_items=(),
) -> SignalEntry:
    action = "meldcode.signal.added"
    require(actor, CHANGE, action, dossier)
    if not fact.strip():
        raise ValidationError({"fact": _("Beschrijf wat u zag of hoorde.")})
    items = list(checklist_items)
    from samenveilig.meldcode.checklists import available_for

    offered = set(
        available_for(dossier.organisation_id).filter(pk__in=[item.pk for item in items]).values_list("pk", flat=True)
    )
    if any(item.pk not in offered for item in items):
        raise ValidationError({"checklist_items": _("Kies signalen van de lijsten van uw organisatie.")})
    with transaction.atomic():
        current = _start(dossier, Action.ADD_SIGNAL)
        entry = SignalEntry.objects.create(
            dossier=current,
            observed_on=observed_on,
            person=_own_person(current, person),
            source=source,
            fact=fact.strip(),
            interpretation=interpretation.strip(),
            created_by=_user(actor),
        )
        if items:
            entry.checklist_items.set(items)
        _touch(current)
        audit.log(actor, action, entry)
    return entry


def add_kindcheck(actor, dossier: Dossier, *, person: PersonConcerned, **fields) -> Kindcheck:
    action = "meldcode.kindcheck.added"
    require(actor, CHANGE, action, dossier)
    if person.kind != PersonConcerned.Kind.VOLWASSENE:
        raise ValidationError({"person": _("De kindcheck is voor een volwassene.")})
    with transaction.atomic():
        current = _start(dossier, Action.ADD_KINDCHECK)
        check = Kindcheck.objects.create(
            dossier=current, person=_own_person(current, person), created_by=_user(actor), **fields
        )
        _touch(current)
        audit.log(actor, action, check)
    return check


# --- steps 2 to 4 --------------------------------------------------------------------------------------------------


def add_consultation(actor, dossier: Dossier, **fields) -> Consultation:
    action = "meldcode.consultation.added"
    require(actor, CHANGE, action, dossier)
    if not (fields.get("contact_person") or fields.get("organisation") or (fields.get("with_whom") or "").strip()):
        raise ValidationError({"with_whom": _("Kies iemand van de sociale kaart of vul in met wie u overlegde.")})
    with transaction.atomic():
        current = _start(dossier, Action.ADD_CONSULTATION)
        consultation = Consultation.objects.create(dossier=current, created_by=_user(actor), **fields)
        _touch(current)
        audit.log(actor, action, consultation)
    return consultation


def add_conversation(
    actor,
    dossier: Dossier,
    *,
    held: bool,
    held_on: date,
    participants: str = "",
    said: str = "",
    reaction: str = "",
    skip_reason: str = "",
    skip_explanation: str = "",
) -> Conversation:
    """Step 3: a conversation held (what was said, the reaction), or not held for one of the two lawful reasons."""
    action = "meldcode.conversation.added"
    require(actor, CHANGE, action, dossier)
    if held:
        errors = {}
        if not said.strip():
            errors["said"] = _("Beschrijf wat u besprak.")
        if not reaction.strip():
            errors["reaction"] = _("Beschrijf hoe de betrokkene reageerde.")
        if errors:
            raise ValidationError(errors)
        skip_reason, skip_explanation = "", ""
    else:
        if skip_reason not in ConversationSkipReason.values:
            raise ValidationError(
                {"skip_reason": _("Het gesprek mag alleen worden overgeslagen om een van deze twee redenen.")}
            )
        if not skip_explanation.strip():
            raise ValidationError({"skip_explanation": _("Licht toe waarom deze reden hier geldt.")})
    with transaction.atomic():
        current = _start(dossier, Action.ADD_CONVERSATION)
        conversation = Conversation.objects.create(
            dossier=current,
            held=held,
            held_on=held_on,
            participants=participants.strip(),
            said=said.strip(),
            reaction=reaction.strip(),
            skip_reason=skip_reason,
            skip_explanation=skip_explanation.strip(),
            created_by=_user(actor),
        )
        _touch(current)
        audit.log(actor, action, conversation)
    return conversation


def add_weighing(actor, dossier: Dossier, *, weighed_on: date, note: str, instrument: str = "") -> Weighing:
    action = "meldcode.weighing.added"
    require(actor, CHANGE, action, dossier)
    if not note.strip():
        raise ValidationError({"note": _("Beschrijf uw weging.")})
    with transaction.atomic():
        current = _start(dossier, Action.ADD_WEIGHING)
        weighing = Weighing.objects.create(
            dossier=current,
            weighed_on=weighed_on,
            note=note.strip(),
            instrument=instrument.strip(),
            created_by=_user(actor),
        )
        _touch(current)
        audit.log(actor, action, weighing)
    return weighing


# --- the afweging (step 4 or 5) ------------------------------------------------------------------------------------


def validate_assessment(
    answers, reasons, outcome: str, decision_note: str = "", *, check_outcome: bool = True
) -> tuple[str, ...]:
    """Field errors (``answer_N``, ``reason_N``, ``outcome``, ``decision_note``) unless the assessment is allowed.

    Returns the allowed outcomes. The outcome must be one the rule table allows for these answers.
    """
    answers = tuple(answer or None for answer in answers)
    errors: dict[str, list] = {}
    try:
        allowed = afwegingskader.allowed_outcomes(answers)
    except afwegingskader.AnswersNotAllowed as error:
        for number, message in error.errors.items():
            errors[f"answer_{number}"] = [message]
        allowed = ()
    for number, (answer, reason) in enumerate(zip(answers, reasons, strict=True), start=1):
        if answer and not (reason or "").strip():
            errors.setdefault(f"reason_{number}", []).append(_("Geef een toelichting bij uw antwoord."))
    if check_outcome and allowed and outcome and outcome not in allowed:
        errors["outcome"] = [_("Deze uitkomst past niet bij uw antwoorden.")]
    elif check_outcome and allowed and not outcome:
        errors["outcome"] = [_("Kies de uitkomst.")]
    if check_outcome and outcome in afwegingskader.NOTE_REQUIRED and not (decision_note or "").strip():
        errors["decision_note"] = [_("Leg de afspraken over monitoring vast: wat, door wie en tot wanneer.")]
    if errors:
        raise ValidationError(errors)
    return allowed


def assess(
    actor, dossier: Dossier, *, answers, reasons, outcome: str, decision_note: str = "", version: int
) -> Assessment:
    """Record an assessment (a re-assessment adds another) and move the dossier to the state its outcome leads to."""
    action = "meldcode.assessment.added"
    require(actor, CHANGE, action, dossier)
    answers = tuple(answer or None for answer in answers)
    reasons = tuple((reason or "").strip() for reason in reasons)
    validate_assessment(answers, reasons, outcome, decision_note)
    with transaction.atomic():
        current = _locked(dossier, version)
        try:
            workflow.check_may_assess(current.status, current.progress())
        except workflow.TransitionNotAllowed as error:
            raise ValidationError(error.message) from None
        fields = {}
        for number in range(1, 6):
            fields[f"answer_{number}"] = answers[number - 1] or ""
            fields[f"reason_{number}"] = reasons[number - 1] if answers[number - 1] else ""
        assessment = Assessment.objects.create(
            dossier=current,
            step=current.afweging_step,
            with_veilig_thuis=afwegingskader.answered_with_veilig_thuis(answers),
            outcome=outcome,
            decision_note=(decision_note or "").strip(),
            created_by=_user(actor),
            **fields,
        )
        current.status = workflow.STATUS_AFTER_OUTCOME[outcome]
        if current.status == Status.GESLOTEN:
            current.closed_on = timezone.localdate()
        _touch(current)
        audit.log(actor, action, assessment)
    return assessment


# --- people and closing --------------------------------------------------------------------------------------------


def add_member(actor, dossier: Dossier, *, user) -> DossierMember:
    """The owner adds a colleague of the same organisation (a professional or an aandachtsfunctionaris)."""
    action = "meldcode.member.added"
    require(actor, "meldcode.add_member", action, dossier)
    colleague = user.memberships.active().filter(organisation_id=dossier.organisation_id, role__in=DOSSIER_ROLES)
    if not colleague.exists():
        raise ValidationError({"user": _("Kies een collega van uw eigen organisatie.")})
    kind = (
        DossierMember.Kind.AANDACHTSFUNCTIONARIS
        if colleague.filter(role="aandachtsfunctionaris").exists()
        else DossierMember.Kind.COLLEGA
    )
    return _add_member(actor, dossier, user=user, kind=kind, action=action)


def support(actor, dossier: Dossier) -> DossierMember:
    """The organisation's aandachtsfunctionaris adds themselves to the dossier to support."""
    action = "meldcode.member.support_added"
    require(actor, "meldcode.support_dossier", action, dossier)
    return _add_member(actor, dossier, user=_user(actor), kind=DossierMember.Kind.AANDACHTSFUNCTIONARIS, action=action)


def _add_member(actor, dossier, *, user, kind, action) -> DossierMember:
    if user.pk == dossier.owner_id or dossier.members.filter(user=user).exists():
        raise ValidationError({"user": _("Deze collega werkt al in dit dossier.")})
    with transaction.atomic():
        current = _start(dossier, Action.ADD_MEMBER)
        member = DossierMember.objects.create(dossier=current, user=user, kind=kind, added_by=_user(actor))
        _touch(current)
        audit.log(actor, action, member)
    return member


def close(actor, dossier: Dossier, *, note: str, version: int) -> Dossier:
    """Close a dossier whose help or report is done. An open dossier closes through its assessment instead."""
    action = "meldcode.dossier.closed"
    require(actor, CHANGE, action, dossier)
    if not note.strip():
        raise ValidationError({"note": _("Licht toe waarom het dossier gesloten kan worden.")})
    with transaction.atomic():
        current = _start(dossier, Action.CLOSE, version)
        current.status = Status.GESLOTEN
        current.closed_on = timezone.localdate()
        current.closing_note = note.strip()
        _touch(current)
        audit.log(actor, action, current)
    return current
