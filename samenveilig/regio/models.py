"""Municipalities, districts and regions, keyed on (CBS code, year): codes change with mergers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GemeenteQuerySet(models.QuerySet):
    def search(self, text: str) -> GemeenteQuerySet:
        """Match a name (part of it, any case) or a CBS code (``GM0632``, ``gm0632`` or just ``0632``)."""
        text = text.strip()
        if not text:
            return self
        code = text.upper()
        if code.isdigit():
            code = "GM" + code.zfill(4)
        return self.filter(models.Q(name__icontains=text) | models.Q(code=code))

    def latest_year(self) -> int | None:
        return self.aggregate(latest=models.Max("year"))["latest"]


class Gemeente(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6)  # GM####
    year = models.PositiveSmallIntegerField(_("jaar"))
    name = models.CharField(_("naam"), max_length=100)
    province_code = models.CharField(_("provinciecode"), max_length=4)
    province_name = models.CharField(_("provincie"), max_length=50)

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="gemeente_unique_code_year")]

    def __str__(self) -> str:
        return self.name


class Wijk(models.Model):
    code = models.CharField(_("CBS-code"), max_length=8)  # WK######
    year = models.PositiveSmallIntegerField(_("jaar"))
    name = models.CharField(_("naam"), max_length=150)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="wijken", verbose_name=_("gemeente"))

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="wijk_unique_code_year")]

    def __str__(self) -> str:
        return self.name


class Regio(models.Model):
    """A group of municipalities: a Veilig Thuis region, a youth-care region, or a local partnership."""

    class Kind(models.TextChoices):
        VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis-regio")
        JEUGDREGIO = "jeugdregio", _("Jeugdregio")
        SAMENWERKING = "samenwerking", _("Samenwerkingsverband")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    gemeenten = models.ManyToManyField(Gemeente, related_name="regios", verbose_name=_("gemeenten"))

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
