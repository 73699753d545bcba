"""The Verwijsindex: who is involved with which young person, never why.

A young person is known only by a keyed hash of their BSN (:class:`Jongere`). A :class:`Signaal` says that one
professional of a connected organisation is involved with them, with that professional's contact details. When
signals of two or more organisations concern the same young person there is a :class:`Match`. A removed signal
leaves a :class:`Signaalhistorie` (which organisation, when, why removed) that is kept for a legal term. See
``docs/verwijsindex.md``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.models import Sector
from samenveilig.accounts.roles import Role
from samenveilig.lib.crypto import EncryptedTextField, HashedKeyMixin

#: The roles that may register signals (when their organisation is meldingsbevoegd) and keep their own.
SIGNALLING_ROLES = frozenset({Role.PROFESSIONAL, Role.AANDACHTSFUNCTIONARIS, Role.VEILIG_THUIS})


class AangeslotenOrganisatie(models.Model):
    """An organisation's connection to the Verwijsindex, kept by the functioneel beheerder."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="verwijsindex_aansluiting",
        verbose_name=_("organisatie"),
    )
    meldingsbevoegd = models.BooleanField(
        _("meldingsbevoegd"),
        default=False,
        help_text=_("Professionals van deze organisatie mogen signalen afgeven in de Verwijsindex."),
    )
    criteria = models.TextField(
        _("meldcriteria"),
        blank=True,
        help_text=_("De in de regio afgesproken criteria om te signaleren; getoond bij het afgeven van een signaal."),
    )
    updated = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("aangesloten organisatie")
        verbose_name_plural = _("aangesloten organisaties")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)


class KoppelingQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked__isnull=True)


class Koppeling(HashedKeyMixin, models.Model):
    """An organisation API credential: a connected organisation's own client system registers, lists and ends the
    organisation's signals and reads their matches (``Authorization: Token svk_…``, Verwijsindex API only).

    Only a SHA-256 hash is stored; the key is shown once when the functioneel beheerder makes it. Signals made
    through any credential of an organisation belong to that organisation's systems together (``professional`` is
    empty), so revoking one credential and making a new one loses nothing. See ``docs/verwijsindex.md``.
    """

    PREFIX = "svk_"

    aansluiting = models.ForeignKey(
        AangeslotenOrganisatie, on_delete=models.CASCADE, related_name="koppelingen", verbose_name=_("aansluiting")
    )
    name = models.CharField(_("naam van het systeem"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_hint = models.CharField(_("herkenning"), max_length=12, editable=False)
    created = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    objects = KoppelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_hint}…)"

    @classmethod
    def generate(cls, *, aansluiting, name: str, created_by=None) -> tuple[Koppeling, str]:
        key, key_hash, hint = cls.new_key()
        koppeling = cls.objects.create(
            aansluiting=aansluiting, name=name, key_hash=key_hash, key_hint=hint, created_by=created_by
        )
        return koppeling, key


def is_system(user) -> bool:
    """Whether the caller is a connected organisation's client system (an organisation API credential)."""
    return getattr(user, "koppeling", None) is not None


def owns(user, signal, membership=None) -> bool:
    """Whether ``signal`` is the caller's own: made by this professional for the organisation they act for, or, for a
    client system, made by the systems of its organisation."""
    membership = membership or getattr(user, "active_membership", None)
    if membership is None or signal is None or signal.organisation_id != membership.organisation_id:
        return False
    if is_system(user):
        return signal.professional_id is None
    return signal.professional_id is not None and signal.professional_id == getattr(user, "pk", None)


class Jongere(models.Model):
    """One young person in the index, known only by a keyed hash of their BSN. Never shown to anyone.

    The row is the lock that makes matching correct under concurrency: every registration for the same person
    locks it (``select_for_update``) before it looks at the other signals.
    """

    bsn_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_id = models.CharField(max_length=16, editable=False)
    deceased_on = models.DateField(_("overlijden vastgelegd op"), null=True, blank=True)
    created = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")

    def __str__(self) -> str:
        return f"#{self.pk}"


class SignaalQuerySet(models.QuerySet):
    def visible_to(self, user, membership=None):
        """Only the registering professional sees a signal, while acting for the organisation that made it.

        Colleagues, the aandachtsfunctionaris, coordinators, Veilig Thuis (unless they registered it) and the
        functioneel beheerder see nothing. The other parties of a match see contact details only, through
        :meth:`match_parties`, never the signal itself. A connected organisation's client system sees the signals
        made by its organisation's systems, not those its professionals made by hand.
        """
        if not getattr(user, "is_authenticated", False) or not settings.SAMENVEILIG_VERWIJSINDEX_ENABLED:
            return self.none()
        membership = membership or getattr(user, "active_membership", None)
        if membership is not None and is_system(user):
            return self.filter(professional__isnull=True, organisation_id=membership.organisation_id)
        if membership is None or membership.role not in SIGNALLING_ROLES:
            return self.none()
        return self.filter(professional=user, organisation_id=membership.organisation_id)

    def match_parties(self, signals, *, with_id: bool = False) -> dict[int, list[dict]]:
        """For each of ``signals`` (already visible to the reader): the other organisations' signals on the same
        young person, as the fields a party may see — organisation, name, phone, e-mail, signal date. One query.
        ``with_id`` adds the party's id (its signal's), which the coordinator needs to hand the regie over.
        """
        signals = list(signals)
        if not signals:
            return {}
        rows = (
            self.filter(jongere_id__in={s.jongere_id for s in signals})
            .order_by("created", "pk")
            .values(
                "pk",
                "jongere_id",
                "organisation_id",
                "organisation__name",
                "contact_name",
                "contact_phone",
                "contact_email",
                "created",
            )
        )
        by_person: dict[int, list[dict]] = {}
        for row in rows:
            by_person.setdefault(row["jongere_id"], []).append(row)
        parties = {}
        for signal in signals:
            others = [r for r in by_person.get(signal.jongere_id, []) if r["organisation_id"] != signal.organisation_id]
            parties[signal.pk] = [
                {
                    **({"id": r["pk"]} if with_id else {}),
                    "organisation": r["organisation__name"],
                    "name": r["contact_name"],
                    "phone": r["contact_phone"],
                    "email": r["contact_email"],
                    "date": r["created"],
                }
                for r in others
            ]
        return parties


class Signaal(models.Model):
    """A professional's registration that they are involved with a young person out of concern.

    Holds no content, no reason and no free text about the concern. The optional label is the professional's own
    reminder of who this is, encrypted, and shown to them only.
    """

    class Informed(models.TextChoices):
        INFORMED = "geinformeerd", _("De jongere en/of de ouders zijn geïnformeerd over dit signaal")
        NOT_SAFETY = "niet_veiligheid", _("Niet geïnformeerd: dat zou de veiligheid van iemand in gevaar brengen")
        # Only through the API: a client system that keeps this in its own file need not send it.
        NOT_RECORDED = "niet_vastgelegd", _("Niet vastgelegd in de Verwijsindex (afgegeven via de API)")

    jongere = models.ForeignKey(Jongere, on_delete=models.PROTECT, related_name="signalen", editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verwijsindex_signalen",
        verbose_name=_("professional"),
        help_text=_("Leeg voor een signaal van het cliëntsysteem van de organisatie (een koppeling)."),
    )
    koppeling = models.ForeignKey(
        Koppeling,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("afgegeven via koppeling"),
    )
    contact_name = models.CharField(_("naam contactpersoon"), max_length=150)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30)
    contact_email = models.EmailField(_("e-mail contactpersoon"))
    start_date = models.DateField(_("betrokken sinds"))
    created = models.DateTimeField(_("afgegeven op"), default=timezone.now)
    remove_on = models.DateField(_("uiterlijk verwijderd op"), db_index=True, editable=False)
    informed = models.CharField(_("informeren"), max_length=20, choices=Informed.choices)
    label = EncryptedTextField(_("eigen kenmerk"), blank=True)
    reminded_on = models.DateField(_("herinnerd op"), null=True, blank=True, editable=False)

    objects = SignaalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jongere", "organisation", "professional"], name="verwijsindex_one_signal_per_professional"
            ),
            models.UniqueConstraint(
                fields=["jongere", "organisation"],
                condition=models.Q(professional__isnull=True),
                name="verwijsindex_one_system_signal_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Signaal')} #{self.pk}"


class Outcome(models.TextChoices):
    """What the coordinator of a match records about the coordination."""

    PLANNED = "gepland", _("Afstemming gepland")
    DONE = "afgestemd", _("Afgestemd")
    NO_ACTION = "geen_actie", _("Geen actie nodig")


class Match(models.Model):
    """Signals of two or more organisations on the same young person. Exists while that holds.

    ``coordinator`` is the signal whose professional has the matchregie: chosen by the priority rules
    (``coordinator_by`` "regel") or handed over by the previous coordinator ("overdracht").
    """

    class ChosenBy(models.TextChoices):
        RULE = "regel", _("Volgens de regels")
        HANDOVER = "overdracht", _("Overgedragen")

    jongere = models.OneToOneField(Jongere, on_delete=models.CASCADE, related_name="match", editable=False)
    created = models.DateTimeField(_("ontstaan op"), default=timezone.now)
    coordinator = models.ForeignKey(
        "Signaal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regisseur"),
    )
    coordinator_by = models.CharField(
        _("regie bepaald"), max_length=12, choices=ChosenBy.choices, default=ChosenBy.RULE
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{_('Match')} #{self.pk}"


class RemovalReason(models.TextChoices):
    NOT_JUSTIFIED = "niet_terecht", _("Het signaal was niet terecht")
    RISK_GONE = "risico_weg", _("Het risico is niet meer aanwezig")
    TERM = "termijn", _("Twee jaar na het afgeven (wettelijke termijn)")
    AGE = "leeftijd", _("De jongere is 23 geworden")
    DECEASED = "overleden", _("De jongere is overleden")


class Signaalhistorie(models.Model):
    """What remains of a removed signal: which organisation was involved, from when to when, and why it ended.

    A new registration mentions that such history exists; a professional sees it only on request with a logged
    reason. Removed by the expiry job on ``keep_until``.
    """

    jongere = models.ForeignKey(Jongere, on_delete=models.CASCADE, related_name="historie", editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    registered_on = models.DateField(_("afgegeven op"))
    removed_on = models.DateField(_("verwijderd op"))
    reason = models.CharField(_("reden van verwijderen"), max_length=20, choices=RemovalReason.choices)
    keep_until = models.DateField(_("bewaard tot"), db_index=True)

    class Meta:
        verbose_name = _("signaalhistorie")
        verbose_name_plural = _("signaalhistorie")
        ordering = ["-removed_on", "-pk"]

    def __str__(self) -> str:
        return f"{_('Signaalhistorie')} #{self.pk}"


# --- matchregie ----------------------------------------------------------------------------------------------------


class Regieprioriteit(models.Model):
    """One organisation type (sector) in the order the functioneel beheerder set for matchregie: rank 1 first.

    Of the parties of a match, the one whose organisation type ranks highest becomes coordinator; a type without a
    rank comes after every ranked one; ties go to the earliest signal. See :mod:`samenveilig.verwijsindex.regie`.
    """

    sector = models.CharField(_("soort organisatie"), max_length=30, choices=Sector.choices, unique=True)
    rank = models.PositiveSmallIntegerField(_("volgorde"))

    class Meta:
        verbose_name = _("regieprioriteit")
        verbose_name_plural = _("regieprioriteiten")
        ordering = ["rank", "sector"]

    def __str__(self) -> str:
        return f"{self.rank}. {self.get_sector_display()}"


class Regiestap(models.Model):
    """The history of a match's coordination, appended and never edited: who got it (by the rule or a hand-over)
    and each outcome the coordinator recorded. Goes with the match; the figures keep counts in :class:`FigureEvent`.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "toegewezen", _("Regie toegewezen volgens de regels")
        HANDED_OVER = "overgedragen", _("Regie overgedragen")
        OUTCOME = "uitkomst", _("Uitkomst vastgelegd")

    match = models.ForeignKey("Match", on_delete=models.CASCADE, related_name="regiestappen", editable=False)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie met regie")
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    day = models.DateField(_("datum"))
    recorded = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("regiestap")
        verbose_name_plural = _("regiestappen")
        ordering = ["-recorded", "-pk"]

    def __str__(self) -> str:
        return f"{_('Regiestap')} #{self.pk}"


class FigureEvent(models.Model):
    """A count for the figures, kept after the signal or match it counts is gone: no young person, no professional.

    One row per registered signal, per organisation that became party to a match, and per recorded outcome; the
    organisation (and its type at that moment) places it in a municipality and a sector. ``match_ref`` lets a match
    be counted once across its parties; ``days`` is the time from the match to its first "afgestemd".
    """

    class Kind(models.TextChoices):
        SIGNAL = "signaal", _("Signaal afgegeven")
        MATCH = "match", _("Match")
        OUTCOME = "uitkomst", _("Uitkomst matchregie")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField(db_index=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+")
    sector = models.CharField(max_length=30, choices=Sector.choices)
    match_ref = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    days = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("telling")
        verbose_name_plural = _("tellingen")
        indexes = [models.Index(fields=["organisation", "kind", "day"], name="verwijsindex_figure_org_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.day}"
