from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samenveilig.audit import ALLOWED, REFUSED


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    # bulk_update goes through update(); keep the error message clear there too.
    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Audit entries cannot be changed.")


class AuditEntry(models.Model):
    """One thing someone did or tried to do with (personal) data. Holds identifiers only."""

    class Outcome(models.TextChoices):
        ALLOWED = ALLOWED, _("toegestaan")
        REFUSED = REFUSED, _("geweigerd")

    timestamp = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # Plain ids, not foreign keys: the log outlives users and organisations, and may never be rewritten by a cascade.
    actor_id = models.BigIntegerField(_("gebruiker (id)"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True, db_index=True)
    organisation_id = models.BigIntegerField(_("organisatie (id)"), null=True, blank=True)
    role = models.CharField(_("rol"), max_length=40, blank=True)
    action = models.CharField(_("handeling"), max_length=100, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True, db_index=True)
    purpose = models.CharField(_("doel"), max_length=200, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    request_id = models.CharField(_("verzoek-id"), max_length=36, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    # What a reader of the log (page, export, API) sees of an entry, in this order.
    FIELDS = (
        "timestamp",
        "actor_id",
        "actor_username",
        "organisation_id",
        "role",
        "action",
        "object_type",
        "object_id",
        "purpose",
        "outcome",
        "request_id",
    )

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "timestamp"], name="audit_object_time"),
            # The review page and the API filtered by actor read only the page's rows, however long the history.
            models.Index(fields=["actor_username", "timestamp"], name="audit_actor_time"),
            # 'Action contains' has a trigram GIN index on UPPER(action): PostgreSQL only, see migration 0003.
        ]
        default_permissions = ("view",)
        permissions = [("export_auditentry", _("Mag het toegangslog exporteren"))]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.actor_username or '-'} {self.action} {self.outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
