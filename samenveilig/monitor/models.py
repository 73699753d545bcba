"""The figures behind the approach: datasets with versions, indicators with their definition, series, observations
and targets.

- A :class:`Dataset` is one source: a CBS StatLine table, a municipality's own Veilig Thuis report, or the system's
  own aggregates. Each import is a :class:`DatasetVersion`; re-importing a version replaces that version's values, a
  newer version becomes current and the older ones stay as history.
- An :class:`Indicator` says what is counted (definition, numerator and denominator, unit, source). Its definition
  is fixed: when what is counted changes, a new indicator is made (``replaces`` points back) so that two series of a
  different definition are never joined into one line.
- A :class:`Series` is one indicator × category × region from one dataset; an :class:`Observation` is its value for
  one period (``2021`` or ``2021HJ1``) in one version. The value is nullable with a status: a suppressed or unknown
  figure (CBS ``.``, an empty cell) is never a zero.
- A :class:`Target` is a value to reach for an indicator in a region by a deadline.

No personal data lives here: these are aggregates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    CBS = "cbs", _("CBS StatLine")
    VT_REPORT = "vt_rapportage", _("Eigen rapportage Veilig Thuis")
    SYSTEM = "systeem", _("Samen Veilig zelf")


class Dataset(models.Model):
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    # the CBS table id (84847NED), the CBS code of the municipality a Veilig Thuis report is about, or a system name
    identifier = models.CharField(_("kenmerk"), max_length=40)
    title = models.CharField(_("titel"), max_length=250)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["source", "identifier"]
        constraints = [models.UniqueConstraint(fields=["source", "identifier"], name="monitor_dataset_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self):
        return self.versions.filter(is_current=True).first()


class DatasetVersion(models.Model):
    """One import of a dataset. ``label`` orders versions (an ISO date: CBS's "Modified", or the report's date)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions", verbose_name=_("dataset"))
    label = models.CharField(_("versie"), max_length=40)
    is_current = models.BooleanField(_("actueel"), default=False)
    imported = models.DateTimeField(_("geïmporteerd op"), auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geïmporteerd door"),
    )
    file_format = models.CharField(_("formaat"), max_length=20, blank=True)
    observation_count = models.PositiveIntegerField(_("aantal waarden"), default=0)

    class Meta:
        verbose_name = _("datasetversie")
        verbose_name_plural = _("datasetversies")
        ordering = ["dataset", "-label"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "label"], name="monitor_version_unique_label"),
            models.UniqueConstraint(
                fields=["dataset"], condition=models.Q(is_current=True), name="monitor_version_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} ({self.label})"


class Unit(models.TextChoices):
    COUNT = "aantal", _("aantal")
    PERCENT = "procent", _("procent")
    PER_1000 = "per_1000", _("per 1.000")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("naam"), max_length=250)
    definition = models.TextField(_("definitie (wat wordt geteld)"))
    numerator = models.CharField(_("teller"), max_length=250, blank=True)
    denominator = models.CharField(_("noemer"), max_length=250, blank=True)
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices, default=Unit.COUNT)
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    dataset = models.ForeignKey(
        Dataset,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("brondataset"),
    )
    # the measure in the source: a CBS topic (its title identifies it in v3 and v4 alike), or a system name
    measure = models.CharField(_("maat in de bron"), max_length=250, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("vervangt (oudere definitie)"),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    REGIO = "regio", _("Regio")
    LAND = "land", _("Nederland")


class Series(models.Model):
    """One indicator × category × region, from one dataset. ``category`` is empty for the total."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="series", verbose_name=_("dataset"))
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="series", verbose_name=_("indicator")
    )
    dimension = models.CharField(_("indeling"), max_length=120, blank=True)
    category = models.CharField(_("categorie"), max_length=250, blank=True)
    category_label = models.CharField(_("categorie (naam)"), max_length=250, blank=True)
    region_kind = models.CharField(_("soort gebied"), max_length=10, choices=RegionKind.choices)
    # GM#### for a municipality (CBS code), the CBS code of a larger area (VR##, PV##, NL01)
    region_code = models.CharField(_("gebiedscode"), max_length=20, db_index=True)
    region_label = models.CharField(_("gebied"), max_length=150, blank=True)
    regio = models.ForeignKey(
        "regio.Regio", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("regio")
    )

    class Meta:
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")
        ordering = ["indicator", "region_code", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "indicator", "dimension", "category", "region_code"], name="monitor_series_unique"
            )
        ]
        indexes = [models.Index(fields=["region_code", "indicator"], name="monitor_series_region")]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.category_label or _('totaal')} — {self.region_label or self.region_code}"


class Status(models.TextChoices):
    DEFINITIVE = "definitief", _("definitief")
    PROVISIONAL = "voorlopig", _("voorlopig")
    UNKNOWN = "onbekend", _("onbekend of geheim")


class Observation(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="observations")
    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="observations")
    period = models.CharField(_("periode"), max_length=10)  # 2021 or 2021HJ1
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=4, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DEFINITIVE)

    class Meta:
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        ordering = ["series", "period"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version", "period"], name="monitor_observation_unique"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | models.Q(status="onbekend"),
                name="monitor_observation_empty_is_unknown",
            ),
        ]
        indexes = [models.Index(fields=["version", "series"], name="monitor_observation_version")]

    def __str__(self) -> str:
        return f"{self.series_id} {self.period}"


class Direction(models.TextChoices):
    AT_MOST = "hoogstens", _("hoogstens")
    AT_LEAST = "minstens", _("minstens")


class Target(models.Model):
    """A value to reach: ``value`` itself, or — with ``baseline_period`` — a change in percent from that period."""

    # the code of an Indicator or of a system indicator (samenveilig.monitor.system), which live in code
    indicator_code = models.CharField(_("indicator"), max_length=120)
    region_code = models.CharField(_("gebiedscode"), max_length=20, db_index=True)
    value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=4)
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices)
    baseline_period = models.CharField(
        _("basisperiode"),
        max_length=10,
        blank=True,
        help_text=_("Leeg: de streefwaarde zelf. Ingevuld: de streefwaarde is een verandering in procenten."),
    )
    deadline = models.CharField(_("uiterlijk in periode"), max_length=10)
    description = models.CharField(_("omschrijving"), max_length=250, blank=True)
    # Hook for the plannen app: the plan goal this target belongs to (a foreign key once that app's models land).
    plan_goal_id = models.PositiveIntegerField(_("doel in het plan"), null=True, blank=True)

    class Meta:
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")
        ordering = ["indicator_code", "deadline"]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.get_direction_display()} {self.value}"
