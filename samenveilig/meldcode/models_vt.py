"""What a professional sent to Veilig Thuis from a dossier, and everything that happened to it since.

A :class:`Melding` is one sent advice request or report: a frozen, encrypted snapshot of its content (the chosen
facts, consultations and conversations, the question, and for a report the identifying details and the reporter),
its PDF copy (encrypted bytes), sender, organisation, the Veilig Thuis organisation it is addressed to, when it was
sent, its state (:mod:`samenveilig.meldcode.vt_workflow`) and the follow-up "terugkoppeling verwacht". The content
never changes: a correction is an addendum. Every acknowledgement, status change with feedback, return, forward,
withdrawal and addendum is a :class:`MeldingEvent`, append-only.

Who sees what is decided in :class:`MeldingQuerySet`: the sender's side through the dossier
(``visible_to``), Veilig Thuis through its inbox (``in_inbox_of``).
"""

from __future__ import annotations

import base64
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.roles import Role
from samenveilig.lib.crypto import EncryptedTextField
from samenveilig.meldcode.feedback import JaNee, Onderzoeksuitkomst, Overdracht
from samenveilig.meldcode.models import AppendOnly, Dossier
from samenveilig.meldcode.vt_workflow import CONTENT_HIDDEN, FINAL, Soort, VtStatus

# The fields of a sent record that never change after sending.
FROZEN_FIELDS = frozenset(
    {"dossier", "kind", "organisation", "sender", "sent_at", "content", "pdf", "identity_disclosure"}
)


class IdentityDisclosure(models.TextChoices):
    """May Veilig Thuis tell the family who reported? (DOMAIN: yes, unless that endangers someone.)"""

    JA = "ja", _("Ja, mijn identiteit mag aan het gezin bekend worden gemaakt")
    NEE_GEVAAR = "nee_gevaar", _("Nee, want dat brengt iemand in gevaar")


class MeldingQuerySet(models.QuerySet):
    def visible_to(self, user, membership=None):
        """The sender's side: what was sent from the dossiers ``user`` may see (same rule as the dossier)."""
        return self.filter(dossier__in=Dossier.objects.visible_to(user, membership).values("pk"))

    def in_inbox_of(self, user, membership=None):
        """Veilig Thuis' side: only what is addressed to the Veilig Thuis organisation the user acts for."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        membership = membership or getattr(user, "active_membership", None)
        if membership is None or membership.role != Role.VEILIG_THUIS:
            return self.none()
        return self.filter(vt_organisation_id=membership.organisation_id)

    def update(self, **kwargs):
        if FROZEN_FIELDS & set(kwargs):
            raise TypeError("A sent Melding is frozen: send an addendum instead")
        return super().update(**kwargs)


class Melding(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="meldingen", verbose_name=_("dossier"))
    kind = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verzonden door organisatie"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("afzender")
    )
    vt_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="meldcode_inbox",
        verbose_name=_("Veilig Thuis"),
    )
    sent_at = models.DateTimeField(_("verzonden op"), default=timezone.now)
    content = EncryptedTextField(_("inhoud"))
    pdf = EncryptedTextField(_("PDF-kopie"), blank=True)
    identity_disclosure = models.CharField(
        _("identiteit bekend maken aan het gezin"), max_length=20, choices=IdentityDisclosure.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=30, choices=VtStatus.choices, default=VtStatus.VERZONDEN)
    acknowledged_at = models.DateTimeField(_("ontvangst bevestigd op"), null=True, blank=True)
    feedback_due_on = models.DateField(_("terugkoppeling verwacht op"), null=True, blank=True)
    last_change = models.DateTimeField(_("laatste wijziging"), default=timezone.now)
    version = models.PositiveIntegerField(_("versie"), default=1)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht aan Veilig Thuis")
        verbose_name_plural = _("berichten aan Veilig Thuis")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["vt_organisation", "status"], name="meldcode_melding_inbox"),
            models.Index(fields=["feedback_due_on"], name="meldcode_melding_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or FROZEN_FIELDS & set(fields):
                raise TypeError("A sent Melding is frozen: send an addendum instead")
        super().save(*args, **kwargs)

    @property
    def data(self) -> dict:
        return json.loads(self.content) if self.content else {}

    @property
    def pdf_bytes(self) -> bytes:
        return base64.b64decode(self.pdf) if self.pdf else b""

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def content_visible_to_vt(self) -> bool:
        return self.status not in CONTENT_HIDDEN

    @property
    def is_report(self) -> bool:
        return self.kind == Soort.MELDING

    def age_days(self, today=None) -> int:
        today = today or timezone.localdate()
        return max(0, (today - timezone.localtime(self.sent_at).date()).days)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.feedback_due_on is not None and self.feedback_due_on < today


class MeldingEvent(AppendOnly):
    """Something that happened to a sent record: never changed, never removed (except with its dossier)."""

    class Kind(models.TextChoices):
        VERZONDEN = "verzonden", _("Verzonden")
        ONTVANGST = "ontvangst", _("Ontvangst bevestigd")
        STATUS = "status", _("Status bijgewerkt")
        TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")
        DOORGESTUURD = "doorgestuurd", _("Doorgestuurd naar een andere regio")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")
        AANVULLING = "aanvulling", _("Aanvulling")

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="events", verbose_name=_("bericht"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("namens organisatie"),
    )
    from_status = models.CharField(_("van status"), max_length=30, choices=VtStatus.choices, blank=True)
    to_status = models.CharField(_("naar status"), max_length=30, choices=VtStatus.choices, blank=True)
    message = EncryptedTextField(_("bericht"), blank=True)
    forwarded_to = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doorgestuurd naar"),
    )
    is_feedback = models.BooleanField(_("wettelijke terugkoppeling"), default=False)
    follow_up_started = models.CharField(_("vervolg ingezet"), max_length=5, choices=JaNee.choices, blank=True)
    handed_to = models.CharField(_("overgedragen aan"), max_length=20, choices=Overdracht.choices, blank=True)
    reporter_has_role = models.BooleanField(_("melder heeft een rol"), null=True, blank=True)
    safety_conditions = EncryptedTextField(_("veiligheidsvoorwaarden"), blank=True)
    monitoring_agreements = EncryptedTextField(_("afspraken over monitoring"), blank=True)
    investigation_outcome = models.CharField(
        _("uitkomst van het onderzoek"), max_length=20, choices=Onderzoeksuitkomst.choices, blank=True
    )

    class Meta(AppendOnly.Meta):
        verbose_name = _("gebeurtenis bij een bericht aan Veilig Thuis")
        verbose_name_plural = _("gebeurtenissen bij berichten aan Veilig Thuis")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


# The permissions of sending and of the Veilig Thuis inbox (registered once the models load).
from samenveilig.meldcode import rules_vt  # noqa: E402, F401
