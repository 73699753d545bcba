"""Action plans of a municipality or region, kept live instead of in a Word table.

A :class:`Plan` (a municipality or a region, a period of years, a mission and goals) has ordered :class:`Theme` s
(called thema, pijler or actielijn per plan). A theme holds :class:`Activity` s — goal, what, who (organisations
and contact persons of the sociale kaart, or free text), target group, national programme or law, planning, priority,
status with a dated :class:`StatusChange` history, capacity — with :class:`Cost` lines per year and funding source.
:class:`EvaluationMoment` s sit on the timeline; an :class:`Evaluation` records per activity what was done, its
effect and a proposed change. Every change keeps a history (django-simple-history: who, when, what).

Plans are not personal data; the contact persons named as "who" are, and are shown only to those who may see the
plan (see ``rules.py``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samenveilig.lib.models import ManagedTerm

MIN_YEAR = 2000
MAX_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class Programme(ManagedTerm):
    """A national programme or law an activity contributes to (Geweld hoort nergens thuis, Jeugdwet, …)."""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("landelijk programma of wet")
        verbose_name_plural = _("landelijke programma's en wetten")


class FundingSource(ManagedTerm):
    """Where the money of a cost line comes from (DUVO-middelen, jeugdhulpbudget, …)."""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("financieringsbron")
        verbose_name_plural = _("financieringsbronnen")


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user, membership=None):
        """Plans the user may open: wholly (coordinators of the area) or in part (partners named in an activity)."""
        from samenveilig.plannen import access

        return access.visible_plans(self, user)


class Plan(models.Model):
    class ThemeLabel(models.TextChoices):
        THEMA = "thema", _("Thema")
        PIJLER = "pijler", _("Pijler")
        ACTIELIJN = "actielijn", _("Actielijn")

    title = models.CharField(_("titel"), max_length=200)
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
    )
    regio = models.ForeignKey(
        "regio.Regio", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio"), null=True, blank=True
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bijgehouden door"),
    )
    start_year = models.PositiveSmallIntegerField(_("eerste jaar"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("laatste jaar"), validators=YEAR_VALIDATORS)
    mission = models.TextField(_("missie"), blank=True)
    goals = models.TextField(_("doelen"), blank=True)
    theme_label = models.CharField(
        _("indeling in"), max_length=20, choices=ThemeLabel.choices, default=ThemeLabel.THEMA
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name=_("vervolg op")
    )
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(gemeente__isnull=False) & Q(regio__isnull=True))
                | (Q(gemeente__isnull=True) & Q(regio__isnull=False)),
                name="plan_gemeente_or_regio",
            ),
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="plan_period_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def area(self):
        return self.gemeente or self.regio

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def period(self) -> str:
        return str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}–{self.end_year}"


class Theme(models.Model):
    """A theme, pillar or action line of a plan (the plan says which word it uses)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("plan"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=10, validators=[MaxValueValidator(9999)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["plan_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    class Planning(models.TextChoices):
        MONTHS = "maanden", _("Van maand tot maand")
        QUARTER = "kwartaal", _("Een kwartaal")
        ONGOING = "doorlopend", _("Doorlopend")

    class Priority(models.TextChoices):
        HIGH = "hoog", _("Hoog")
        NORMAL = "normaal", _("Normaal")
        LOW = "laag", _("Laag")

    class Status(models.TextChoices):
        PLANNED = "gepland", _("Gepland")
        RUNNING = "loopt", _("Loopt")
        DONE = "gereed", _("Gereed")
        CANCELLED = "vervallen", _("Vervallen")

    class CapacityUnit(models.TextChoices):
        WEEK = "week", _("uur per week")
        MONTH = "maand", _("uur per maand")

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="activities", verbose_name=_("thema"))
    goal = models.TextField(_("doel"), blank=True)
    what = models.TextField(_("wat"))
    organisations = models.ManyToManyField(
        "accounts.Organisation", related_name="+", verbose_name=_("wie (organisaties)"), blank=True
    )
    contact_persons = models.ManyToManyField(
        "sociale_kaart.ContactPerson", related_name="+", verbose_name=_("wie (contactpersonen)"), blank=True
    )
    who_text = models.CharField(
        _("wie (anders)"),
        max_length=300,
        blank=True,
        help_text=_("Voor wie niet op de sociale kaart staat, bijvoorbeeld: beleidsadviseur."),
    )
    target_groups = models.ManyToManyField(
        "sociale_kaart.TargetGroup", related_name="+", verbose_name=_("doelgroepen"), blank=True
    )
    target_group_text = models.CharField(_("doelgroep (anders)"), max_length=200, blank=True)
    programmes = models.ManyToManyField(
        Programme, related_name="activities", verbose_name=_("landelijk programma of wet"), blank=True
    )
    planning = models.CharField(_("planning"), max_length=20, choices=Planning.choices, default=Planning.MONTHS)
    start_year = models.PositiveSmallIntegerField(_("beginjaar"), null=True, blank=True, validators=YEAR_VALIDATORS)
    start_month = models.PositiveSmallIntegerField(_("beginmaand"), null=True, blank=True, validators=MONTH_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("eindjaar"), null=True, blank=True, validators=YEAR_VALIDATORS)
    end_month = models.PositiveSmallIntegerField(_("eindmaand"), null=True, blank=True, validators=MONTH_VALIDATORS)
    priority = models.CharField(_("prioriteit"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(_("gereed op"), null=True, blank=True)
    capacity_hours = models.DecimalField(
        _("capaciteit (uren)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    capacity_unit = models.CharField(
        _("capaciteit per"), max_length=10, choices=CapacityUnit.choices, default=CapacityUnit.WEEK
    )
    capacity_note = models.CharField(
        _("capaciteit (toelichting)"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: uren voorlichting door Veilig Thuis (binnen budget)."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=10, validators=[MaxValueValidator(9999)])

    history = HistoricalRecords(m2m_fields=[organisations, contact_persons, target_groups, programmes])

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["theme__plan_id", "theme__order", "theme_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="gereed", done_on__isnull=False) | ~Q(status="gereed"),
                name="activity_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.short_what

    @property
    def short_what(self) -> str:
        first = self.what.strip().splitlines()[0] if self.what.strip() else ""
        return first if len(first) <= 120 else first[:117] + "…"

    @property
    def plan(self) -> Plan:
        return self.theme.plan

    # --- planning ------------------------------------------------------------------------------------------------

    @property
    def start(self) -> tuple[int, int] | None:
        if self.planning == self.Planning.ONGOING or not (self.start_year and self.start_month):
            return None
        return (self.start_year, self.start_month)

    @property
    def end(self) -> tuple[int, int] | None:
        if self.planning == self.Planning.ONGOING or not (self.end_year and self.end_month):
            return self.start
        return (self.end_year, self.end_month)

    @property
    def quarter(self) -> int | None:
        if self.planning != self.Planning.QUARTER or not self.start_month:
            return None
        return (self.start_month - 1) // 3 + 1

    def planning_label(self) -> str:
        from samenveilig.plannen.planning import planning_label

        return planning_label(self)

    def active_in(self, year: int, month: int, plan: Plan | None = None) -> bool:
        """Planned in that month: between start and end, or any month of the plan's period when ongoing."""
        if self.planning == self.Planning.ONGOING:
            plan = plan or self.plan
            return plan.start_year <= year <= plan.end_year
        start, end = self.start, self.end
        if start is None or end is None:
            return False
        return start <= (year, month) <= end

    def is_late(self, today: date) -> bool:
        """Late: the end month has passed and it is not done (nor cancelled). Ongoing work is never late."""
        if self.status in (self.Status.DONE, self.Status.CANCELLED):
            return False
        end = self.end
        return end is not None and end < (today.year, today.month)

    @property
    def who_names(self) -> list[str]:
        names = [organisation.name for organisation in self.organisations.all()]
        names += [f"{person.name} ({person.organisation.name})" for person in self.contact_persons.all()]
        if self.who_text:
            names.append(self.who_text)
        return names

    @property
    def target_group_names(self) -> list[str]:
        names = [group.name for group in self.target_groups.all()]
        if self.target_group_text:
            names.append(self.target_group_text)
        return names

    def capacity_label(self) -> str:
        from samenveilig.plannen.planning import capacity_label

        return capacity_label(self)


class StatusChange(models.Model):
    """A dated change of an activity's status. Appended, never edited."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("activiteit")
    )
    status = models.CharField(_("status"), max_length=10, choices=Activity.Status.choices)
    date = models.DateField(_("datum"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["activity_id", "date", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.date:%Y-%m-%d})"


class Cost(models.Model):
    """A budget line of an activity: an amount in euros per year, from a year up to and including a year."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="costs", verbose_name=_("activiteit"))
    description = models.CharField(
        _("begrotingspost"),
        max_length=200,
        blank=True,
        help_text=_("Zoals in de financiële tabel, bijvoorbeeld: Training meldcode. Leeg: de activiteit."),
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    until_year = models.PositiveSmallIntegerField(
        _("tot en met jaar"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leeg: alleen dit jaar. Anders geldt het bedrag voor elk jaar tot en met dit jaar."),
    )
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("financieringsbron"),
    )
    amount = models.DecimalField(
        _("bedrag per jaar (euro)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kostenregel")
        verbose_name_plural = _("kostenregels")
        ordering = ["activity_id", "year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until_year__isnull=True) | Q(until_year__gte=models.F("year")), name="cost_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.description or self.activity.short_what

    @property
    def years(self) -> list[int]:
        return list(range(self.year, (self.until_year or self.year) + 1))


class EvaluationMoment(models.Model):
    """A moment the plan is evaluated (on the timeline); evaluations of activities hang under it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluation_moments", verbose_name=_("plan"))
    date = models.DateField(_("datum"))
    title = models.CharField(_("titel"), max_length=200)
    notes = models.TextField(_("conclusies"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluatiemoment")
        verbose_name_plural = _("evaluatiemomenten")
        ordering = ["plan_id", "date", "pk"]

    def __str__(self) -> str:
        return self.title


class Evaluation(models.Model):
    """Per activity at an evaluation moment: what was done, its effect, and a change proposed for the next period."""

    moment = models.ForeignKey(
        EvaluationMoment, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("evaluatiemoment")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("activiteit")
    )
    done = models.TextField(_("wat is gedaan"))
    effect = models.TextField(_("effect"), blank=True)
    proposed_change = models.TextField(_("voorgestelde wijziging"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["moment_id", "activity_id"]
        constraints = [models.UniqueConstraint(fields=["moment", "activity"], name="evaluation_once_per_moment")]

    def __str__(self) -> str:
        return f"{self.moment} — {self.activity}"
