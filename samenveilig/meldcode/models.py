"""Meldcode dossiers (zorgdossiers): one per concern, owned by a professional within their organisation.

A :class:`Dossier` names the person(s) concerned (:class:`PersonConcerned`, identifying details encrypted) and keeps
what each step recorded: signals (:class:`SignalEntry`, with :class:`ChecklistItem` s picked from managed lists),
the kindcheck, consultations, the conversation, the weighing and the assessments of the afwegingskader. Those
records are append-only: a correction or a re-assessment is a new record, never an edit. Every free text is
encrypted at rest (:class:`~samenveilig.lib.crypto.EncryptedTextField`); the dossier and its persons keep a change
history (django-simple-history: its tables hold the same ciphertext, never the plain text).

Who may see a dossier is decided once, in :meth:`DossierQuerySet.visible_to`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samenveilig.accounts.roles import Role
from samenveilig.lib.crypto import EncryptedTextField
from samenveilig.meldcode.afwegingskader import Answer, Outcome
from samenveilig.meldcode.steps import ConversationSkipReason, Step, YesNoUnknown
from samenveilig.meldcode.workflow import Status

# Roles that work with dossiers at all; everyone else (coordinator, Veilig Thuis, beheerder) sees none.
DOSSIER_ROLES = (Role.PROFESSIONAL, Role.AANDACHTSFUNCTIONARIS)


class Concern(models.TextChoices):
    """Kinds of concern, after the categories Veilig Thuis registers (CBS 84850NED) and the meldcode's own."""

    KINDERMISHANDELING = "kindermishandeling", _("Kindermishandeling")
    PARTNERGEWELD = "partnergeweld", _("(Ex-)partnergeweld")
    OUDERENMISHANDELING = "ouderenmishandeling", _("Ouderenmishandeling")
    EERGERELATEERD = "eergerelateerd_geweld", _("Eergerelateerd geweld (ook huwelijksdwang)")
    VGV = "vrouwelijke_genitale_verminking", _("Vrouwelijke genitale verminking")
    GEWELD_TEGEN_OUDERS = "geweld_tegen_ouders", _("Geweld tegen ouders")
    UITBUITING = "uitbuiting", _("Mensenhandel of uitbuiting")
    OVERIG = "overig_huiselijk_geweld", _("Overig huiselijk geweld")


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user, membership=None):
        """The dossiers ``user`` may see while acting for ``membership`` (default: their active membership).

        The owner, explicitly added colleagues and the organisation's aandachtsfunctionaris — and only while acting
        for the dossier's organisation. Nobody else: not a coordinator, not Veilig Thuis, not a beheerder.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        membership = membership or getattr(user, "active_membership", None)
        if membership is None or membership.role not in DOSSIER_ROLES:
            return self.none()
        own_organisation = self.filter(organisation_id=membership.organisation_id)
        if membership.role == Role.AANDACHTSFUNCTIONARIS:
            return own_organisation
        return own_organisation.filter(
            models.Q(owner=user) | models.Q(pk__in=DossierMember.objects.filter(user=user).values("dossier_id"))
        )

    def open(self):
        return self.exclude(status=Status.GESLOTEN)


class Dossier(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="meldcode_dossiers",
        verbose_name=_("organisatie"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meldcode_dossiers", verbose_name=_("eigenaar")
    )
    local_reference = models.CharField(
        _("kenmerk"),
        max_length=40,
        help_text=_(
            "Het eigen kenmerk van uw organisatie, bijvoorbeeld een leerling- of cliëntnummer. Geen naam of BSN."
        ),
    )
    concern = models.CharField(_("soort zorg"), max_length=40, choices=Concern.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    step = models.PositiveSmallIntegerField(_("huidige stap"), choices=Step.choices, default=Step.SIGNALEN)
    afweging_step = models.PositiveSmallIntegerField(
        _("stap van de afwegingsvragen"),
        default=5,
        help_text=_("Stap 4 of 5, volgens de meldcode van de beroepsgroep bij het openen van het dossier."),
    )
    opened_on = models.DateField(_("geopend op"), default=timezone.localdate)
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    closing_note = EncryptedTextField(_("toelichting bij het sluiten"), blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_activity = models.DateTimeField(_("laatste activiteit"), default=timezone.now)
    version = models.PositiveIntegerField(_("versie"), default=1)

    history = HistoricalRecords()
    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("meldcodedossier")
        verbose_name_plural = _("meldcodedossiers")
        ordering = ["-last_activity"]
        constraints = [
            models.UniqueConstraint(
                Lower("local_reference"), "organisation", name="meldcode_dossier_reference_unique_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="meldcode_dossier_org_status")]

    def __str__(self) -> str:
        return str(_("Dossier %(reference)s") % {"reference": self.local_reference})

    @property
    def is_closed(self) -> bool:
        return self.status == Status.GESLOTEN

    def progress(self):
        """Which steps are done, counted from the records (five small queries)."""
        from samenveilig.meldcode.workflow import progress

        return progress(
            signals=self.signals.count(),
            consultations=self.consultations.count(),
            conversations=self.conversations.count(),
            weighings=self.weighings.count(),
            assessments=self.assessments.count(),
            afweging_step=self.afweging_step,
        )

    def idle_days(self, today=None) -> int:
        today = today or timezone.localdate()
        return max(0, (today - timezone.localtime(self.last_activity).date()).days)


class PersonConcerned(models.Model):
    class Kind(models.TextChoices):
        KIND = "kind", _("Kind (jonger dan 18)")
        VOLWASSENE = "volwassene", _("Volwassene")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="persons", verbose_name=_("dossier"))
    kind = models.CharField(_("kind of volwassene"), max_length=20, choices=Kind.choices)
    local_reference = models.CharField(_("eigen kenmerk"), max_length=40, blank=True)
    # Identifying details: optional, encrypted. A report to Veilig Thuis carries them; an advice request never does.
    name = EncryptedTextField(_("naam"), blank=True)
    date_of_birth = EncryptedTextField(
        _("geboortedatum"), blank=True, help_text=_("Versleuteld opgeslagen (JJJJ-MM-DD).")
    )
    address = EncryptedTextField(_("adres"), blank=True)
    bsn = EncryptedTextField(_("BSN"), blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How the dossier names the person: the local reference, else the kind and a number."""
        if self.local_reference:
            return f"{self.get_kind_display()} {self.local_reference}"
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def birth_date(self):
        from datetime import date

        try:
            return date.fromisoformat(self.date_of_birth) if self.date_of_birth else None
        except ValueError:
            return None


class DossierMember(models.Model):
    """A colleague explicitly added to a dossier, or the aandachtsfunctionaris added to support."""

    class Kind(models.TextChoices):
        COLLEGA = "collega", _("Collega")
        AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", _("Aandachtsfunctionaris (ondersteunt)")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="members", verbose_name=_("dossier"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldcode_memberships",
        verbose_name=_("collega"),
    )
    kind = models.CharField(_("rol in het dossier"), max_length=30, choices=Kind.choices, default=Kind.COLLEGA)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    added = models.DateTimeField(_("toegevoegd"), auto_now_add=True)

    class Meta:
        verbose_name = _("lid van een dossier")
        verbose_name_plural = _("leden van dossiers")
        ordering = ["added"]
        constraints = [models.UniqueConstraint(fields=["dossier", "user"], name="meldcode_member_once_per_dossier")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class ChecklistItem(models.Model):
    """A signal to pick from, on a managed list. Without organisation it is for everyone; else for that one only.

    An organisation adapts its lists with :mod:`samenveilig.meldcode.checklists`: its own items, and shared items
    hidden for it (``hidden_for``).
    """

    class ListName(models.TextChoices):
        KIND_0_4 = "kind_0_4", _("Signalen bij kinderen van 0 tot 4 jaar")
        KIND_4_12 = "kind_4_12", _("Signalen bij kinderen van 4 tot 12 jaar")
        KIND_12_18 = "kind_12_18", _("Signalen bij jongeren van 12 tot 18 jaar")
        OUDER = "ouder", _("Signalen bij ouders")
        PARTNERGEWELD = "partnergeweld", _("Signalen van partnergeweld")
        OUDERENMISHANDELING = "ouderenmishandeling", _("Signalen van ouderenmishandeling")

    list_name = models.CharField(_("lijst"), max_length=30, choices=ListName.choices)
    code = models.SlugField(_("code"), max_length=60)
    text = models.CharField(_("signaal"), max_length=200)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meldcode_checklist_items",
        verbose_name=_("alleen voor organisatie"),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    # A shared item an organisation does not want on its signal form (the item stays for everyone else).
    hidden_for = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="meldcode_hidden_checklist_items",
        verbose_name=_("verborgen voor organisaties"),
    )

    class Meta:
        verbose_name = _("signaal op een lijst")
        verbose_name_plural = _("signalenlijsten")
        ordering = ["list_name", "order", "text"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="meldcode_checklist_code_per_organisation"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(organisation__isnull=True), name="meldcode_checklist_code_shared"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} is append-only: add a new record instead")


class AppendOnly(models.Model):
    """A record that is added and never changed: corrections and re-assessments are new records."""

    created = models.DateTimeField(_("vastgelegd"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created", "pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError(f"{type(self).__name__} is append-only: add a new record instead")
        super().save(*args, **kwargs)


class SignalEntry(AppendOnly):
    """Step 1: what was observed (fact) kept apart from what the professional thinks it means (interpretation)."""

    class Source(models.TextChoices):
        ZELF = "zelf", _("Zelf gezien of gehoord")
        KIND = "kind", _("Verteld door het kind")
        OUDER = "ouder", _("Verteld door een ouder")
        BETROKKENE = "betrokkene", _("Verteld door de betrokkene")
        ANDER = "ander", _("Verteld door een ander")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="signals", verbose_name=_("dossier"))
    observed_on = models.DateField(_("datum"))
    person = models.ForeignKey(
        PersonConcerned, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("over")
    )
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices, default=Source.ZELF)
    fact = EncryptedTextField(_("feit: wat u zag of hoorde"))
    interpretation = EncryptedTextField(_("interpretatie: wat u denkt dat het betekent"), blank=True)
    checklist_items = models.ManyToManyField(
        ChecklistItem, blank=True, related_name="+", verbose_name=_("signalen van de lijsten")
    )

    class Meta(AppendOnly.Meta):
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["observed_on", "created", "pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class Kindcheck(AppendOnly):
    """Step 1 for an adult: are there children in their care (or a pregnancy), and what was done."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="kindchecks", verbose_name=_("dossier"))
    person = models.ForeignKey(
        PersonConcerned, on_delete=models.CASCADE, related_name="kindchecks", verbose_name=_("volwassene")
    )
    checked_on = models.DateField(_("datum"))
    children_in_care = models.CharField(
        _("zorgt de volwassene voor kinderen?"), max_length=10, choices=YesNoUnknown.choices
    )
    pregnancy = models.CharField(_("is er een zwangerschap?"), max_length=10, choices=YesNoUnknown.choices)
    number_of_children = models.PositiveSmallIntegerField(_("aantal kinderen"), null=True, blank=True)
    ages = EncryptedTextField(_("leeftijden"), blank=True)
    action_taken = EncryptedTextField(_("wat is er gedaan"), blank=True)

    class Meta(AppendOnly.Meta):
        verbose_name = _("kindcheck")
        verbose_name_plural = _("kindchecks")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class Consultation(AppendOnly):
    """Step 2: with whom (from the sociale kaart where possible), the question and the advice."""

    class Kind(models.TextChoices):
        COLLEGA = "collega", _("Collega")
        AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", _("Aandachtsfunctionaris")
        VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis (advies)")
        LETSELEXPERT = "letselexpert", _("Deskundige op het gebied van letsel")

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("dossier")
    )
    consulted_on = models.DateField(_("datum"))
    kind = models.CharField(_("met wie (soort)"), max_length=30, choices=Kind.choices)
    contact_person = models.ForeignKey(
        "sociale_kaart.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactpersoon op de sociale kaart"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie op de sociale kaart"),
    )
    with_whom = EncryptedTextField(_("met wie (naam of functie)"), blank=True)
    question = EncryptedTextField(_("vraag"))
    advice = EncryptedTextField(_("advies"))

    class Meta(AppendOnly.Meta):
        verbose_name = _("consultatie")
        verbose_name_plural = _("consultaties")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class Conversation(AppendOnly):
    """Step 3: the conversation held, or the recorded reason it was not (only the two the law allows)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="conversations", verbose_name=_("dossier")
    )
    held = models.BooleanField(_("gesprek gevoerd"))
    held_on = models.DateField(_("datum"))
    participants = EncryptedTextField(_("met wie"), blank=True)
    said = EncryptedTextField(_("wat is besproken"), blank=True)
    reaction = EncryptedTextField(_("reactie van de betrokkene"), blank=True)
    skip_reason = models.CharField(
        _("reden om het gesprek niet te voeren"), max_length=30, choices=ConversationSkipReason.choices, blank=True
    )
    skip_explanation = EncryptedTextField(_("toelichting"), blank=True)

    class Meta(AppendOnly.Meta):
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(held=True, skip_reason="")
                | models.Q(held=False, skip_reason__in=ConversationSkipReason.values),
                name="meldcode_conversation_held_or_allowed_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class Weighing(AppendOnly):
    """Step 4 when the afwegingsvragen sit in step 5: the weighing of risk, nature and severity."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="weighings", verbose_name=_("dossier"))
    weighed_on = models.DateField(_("datum"))
    instrument = models.CharField(
        _("instrument"), max_length=100, blank=True, help_text=_("Bijvoorbeeld LIRIK, als u een instrument gebruikte.")
    )
    note = EncryptedTextField(_("weging"))

    class Meta(AppendOnly.Meta):
        verbose_name = _("weging")
        verbose_name_plural = _("wegingen")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


def _answer_field(number: int):
    return models.CharField(
        format_lazy("{} {}", _("antwoord op vraag"), number), max_length=10, choices=Answer.choices, blank=True
    )


def _reason_field(number: int):
    return EncryptedTextField(format_lazy("{} {}", _("toelichting bij vraag"), number), blank=True)


class Assessment(AppendOnly):
    """The afwegingskader: five answers with reasons, the outcome they allow, a decision note. Never edited."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("dossier")
    )
    step = models.PositiveSmallIntegerField(_("stap"), choices=Step.choices)
    answer_1 = _answer_field(1)
    reason_1 = _reason_field(1)
    answer_2 = _answer_field(2)
    reason_2 = _reason_field(2)
    answer_3 = _answer_field(3)
    reason_3 = _reason_field(3)
    answer_4 = _answer_field(4)
    reason_4 = _reason_field(4)
    answer_5 = _answer_field(5)
    reason_5 = _reason_field(5)
    with_veilig_thuis = models.BooleanField(_("vragen 3 tot en met 5 samen met Veilig Thuis beantwoord"), default=False)
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=Outcome.choices)
    decision_note = EncryptedTextField(_("toelichting bij het besluit"), blank=True)

    class Meta(AppendOnly.Meta):
        verbose_name = _("afweging")
        verbose_name_plural = _("afwegingen")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def answers(self) -> tuple:
        return tuple(getattr(self, f"answer_{n}") or None for n in range(1, 6))

    def rows(self) -> list[dict]:
        from samenveilig.meldcode.afwegingskader import QUESTIONS

        rows = []
        for question in QUESTIONS:
            answer = getattr(self, f"answer_{question.number}")
            if answer:
                rows.append(
                    {
                        "question": question,
                        "answer": Answer(answer).label,
                        "reason": getattr(self, f"reason_{question.number}"),
                    }
                )
        return rows


from samenveilig.meldcode.models_af import DeletionRecord, DossierTransfer, FollowUp, IdleReminder  # noqa: E402, F401
from samenveilig.meldcode.models_vt import IdentityDisclosure, Melding, MeldingEvent  # noqa: E402, F401
