"""Abstract models shared by several apps (no tables of their own)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ManagedTerm(models.Model):
    """An entry of a managed list (an HSDS taxonomy term, a programme, a funding source): name, stable code, order.

    Terms are switched off, never deleted: what refers to them keeps its meaning.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
