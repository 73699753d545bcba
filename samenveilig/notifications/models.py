"""In-app notifications ("berichten") for users, each optionally announced by a generic e-mail.

A notification's subject and body are shown in the app to its recipient only. **They must not identify a client**
(no name, BSN, address, date of birth or case detail): the caller of :func:`services.notify` is responsible for that.
Say *what kind* of thing happened and link to the page where the recipient, with their own permissions, sees the rest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user, membership=None):
        """A user sees their own notifications only, whatever organisation they act for."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens organisatie"),
        help_text=_("De organisatie waarvoor de ontvanger dit bericht krijgt, als het daarvan afhangt."),
    )
    kind = models.CharField(_("soort"), max_length=100, db_index=True)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild"), null=True, blank=True)
    # The e-mail is owed until ``emailed_at`` is set: the task queued after commit sends it, and when that could not be
    # queued or failed for good, the periodic job does (``services.send_pending_emails``).
    email_wanted = models.BooleanField(_("e-mail gewenst"), default=False, editable=False)
    email_text = models.BooleanField(_("tekst in de e-mail"), default=False, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
            models.Index(fields=["kind", "recipient", "created"], name="notification_kind_recipient"),
            models.Index(
                fields=["created"],
                condition=models.Q(email_wanted=True, emailed_at__isnull=True),
                name="notification_email_owed",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("notifications:open", args=[self.pk])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
