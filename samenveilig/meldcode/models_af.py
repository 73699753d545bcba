"""What the aandachtsfunctionaris' side of the Meldcode keeps: transfers, idle reminders, follow-ups, deletions.

- :class:`DossierTransfer`: the aandachtsfunctionaris hands a dossier to a colleague, who accepts or refuses it; the
  dossier's own history (simple-history) keeps the earlier owner, and the transfer row says who asked and when.
- :class:`IdleReminder`: that a reminder about an idle dossier went out (the job sends at most one per term).
- :class:`FollowUp`: something to do in a dossier by a due date ("hulp controleren", "terugkoppeling van Veilig Thuis
  verwacht"); :func:`samenveilig.meldcode.followups.open_followups` lists a user's open ones.
- :class:`DeletionRecord`: a dossier deleted at the end of its retention term, recorded with ids, dates and the rule
  applied only — no personal data, no reference, no free text. It outlives the dossier (plain ids, no foreign keys).

Imported at the end of :mod:`samenveilig.meldcode.models`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig.meldcode.models import Dossier


class DossierTransfer(models.Model):
    """A dossier handed from one professional to a colleague of the same organisation, pending until accepted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op acceptatie")
        ACCEPTED = "accepted", _("Geaccepteerd")
        REFUSED = "refused", _("Geweigerd")
        CANCELLED = "cancelled", _("Ingetrokken")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("dossier"))
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("van")
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meldcode_transfers_received",
        verbose_name=_("naar"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("overgedragen door")
    )
    requested = models.DateTimeField(_("overgedragen op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided = models.DateTimeField(_("beslist op"), null=True, blank=True)

    class Meta:
        verbose_name = _("overdracht van een dossier")
        verbose_name_plural = _("overdrachten van dossiers")
        ordering = ["-requested", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(status="pending"),
                name="meldcode_transfer_one_pending_per_dossier",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class IdleReminder(models.Model):
    """A reminder about an idle dossier went out to its owner and the aandachtsfunctionaris (ids only)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="idle_reminders", verbose_name=_("dossier")
    )
    sent = models.DateTimeField(_("verstuurd"), db_index=True)
    idle_days = models.PositiveIntegerField(_("dagen zonder activiteit"))

    class Meta:
        verbose_name = _("herinnering bij stilstand")
        verbose_name_plural = _("herinneringen bij stilstand")
        ordering = ["-sent", "-pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class FollowUp(models.Model):
    """Something to do in a dossier by a due date; open until done."""

    class Kind(models.TextChoices):
        HULP_CONTROLEREN = "hulp_controleren", _("Hulp controleren: werkt de hulp?")
        TERUGKOPPELING_VEILIG_THUIS = "terugkoppeling_veilig_thuis", _("Terugkoppeling van Veilig Thuis verwacht")
        OPNIEUW_AFWEGEN = "opnieuw_afwegen", _("Opnieuw afwegen")
        OVERIG = "overig", _("Overige opvolging")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="followups", verbose_name=_("dossier"))
    kind = models.CharField(_("soort opvolging"), max_length=40, choices=Kind.choices)
    due_on = models.DateField(_("uiterlijk op"), db_index=True)
    created = models.DateTimeField(_("gepland op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepland door"),
        help_text=_("Leeg als het systeem de opvolging plande."),
    )
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )

    class Meta:
        verbose_name = _("opvolging")
        verbose_name_plural = _("opvolgingen")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="meldcode_followup_open_due")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())


class DeletionRecord(models.Model):
    """A dossier deleted at the end of its retention term. Ids, dates and the rule only: nothing about a person."""

    dossier_id = models.BigIntegerField(_("dossier (id)"), db_index=True)
    organisation_id = models.BigIntegerField(_("organisatie (id)"), db_index=True)
    sector = models.CharField(_("soort organisatie"), max_length=30)
    concern = models.CharField(_("soort zorg"), max_length=40)
    opened_on = models.DateField(_("geopend op"))
    closed_on = models.DateField(_("gesloten op"))
    deleted = models.DateTimeField(_("verwijderd op"), default=timezone.now)
    rule = models.CharField(_("toegepaste regel"), max_length=60)
    retention_years = models.PositiveSmallIntegerField(_("bewaartermijn in jaren"))

    class Meta:
        verbose_name = _("verwijderd dossier")
        verbose_name_plural = _("verwijderde dossiers")
        ordering = ["-deleted", "-pk"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.dossier_id}"


# The permissions of these pages, next to rules.py's (registered once the models load).
from samenveilig.meldcode import rules_af  # noqa: E402, F401


def _after_assessment(sender, instance, created, raw=False, **kwargs):
    """An assessment plans (or completes) the follow-up "hulp controleren": see ``followups.after_assessment``."""
    if created and not raw:
        from samenveilig.meldcode import followups

        followups.after_assessment(instance)


models.signals.post_save.connect(
    _after_assessment, sender="meldcode.Assessment", dispatch_uid="meldcode.followups.after_assessment"
)
