"""The sociale kaart: who does what, and whom to call.

Modelled after Open Referral HSDS 3.0 where it fits (organization, service, location, contact, taxonomy terms):
an :class:`accounts.Organisation` gets a map entry (:class:`OrganisationEntry`) with its Meldcode status; it offers
:class:`Service` s at :class:`Location` s; :class:`ContactPerson` s hold roles such as aandachtsfunctionaris. Target
groups and themes are managed lists. Every change keeps a history (django-simple-history: who, when, what).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samenveilig.lib.models import ManagedTerm


class TargetGroup(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Theme(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class FreshnessQuerySet(models.QuerySet):
    """Entries have an owner and a 'last verified' date; older than the configured age means stale."""

    def stale(self, today=None):
        return self.filter(models.Q(last_verified__isnull=True) | models.Q(last_verified__lt=stale_before(today)))

    def fresh(self, today=None):
        return self.filter(last_verified__gte=stale_before(today))


def stale_before(today=None):
    today = today or timezone.localdate()
    return today - timedelta(days=settings.SAMENVEILIG_KAART_STALE_DAYS)


class Freshness(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De aandachtsfunctionaris van de organisatie of een coördinator."),
    )
    last_verified = models.DateField(_("laatst gecontroleerd"), null=True, blank=True)
    is_public = models.BooleanField(
        _("openbaar"), default=False, help_text=_("Openbare gegevens staan op de pagina 'Wie kan ik bellen?'.")
    )

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        return self.last_verified is None or self.last_verified < stale_before()


class OrganisationEntry(Freshness):
    """The map entry of an organisation: how to reach it and the state of its Meldcode."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="kaart", verbose_name=_("organisatie")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail (algemeen)"), blank=True)
    phone = models.CharField(_("telefoon (algemeen)"), max_length=30, blank=True)
    # Meldcode status (seed 003 asks for it per organisation, municipal departments included).
    has_meldcode_protocol = models.BooleanField(_("heeft een meldcodeprotocol"), null=True, blank=True)
    af_appointed = models.BooleanField(_("aandachtsfunctionaris aangesteld"), null=True, blank=True)
    af_trained = models.BooleanField(_("aandachtsfunctionaris geschoold"), null=True, blank=True)
    lvak_member = models.BooleanField(_("lid van de LVAK"), null=True, blank=True)
    keurmerk_meldcode = models.BooleanField(_("Keurmerk Meldcode"), null=True, blank=True)
    verwijsindex_connected = models.BooleanField(_("aangesloten op de Verwijsindex"), null=True, blank=True)
    meldcode_checked_on = models.DateField(_("meldcodestatus gecontroleerd op"), null=True, blank=True)

    history = HistoricalRecords()
    objects = FreshnessQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie op de kaart")
        verbose_name_plural = _("organisaties op de kaart")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)


class Location(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="locations", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    gemeente = models.ForeignKey(
        "regio.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"), null=True, blank=True
    )
    wijk = models.ForeignKey(
        "regio.Wijk", on_delete=models.SET_NULL, related_name="+", verbose_name=_("wijk"), null=True, blank=True
    )
    is_public = models.BooleanField(_("openbaar"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(Freshness):
    """Something an organisation offers (HSDS service)."""

    class Kind(models.TextChoices):
        PREVENTIEF = "preventief", _("Preventief")
        ONDERSTEUNING = "ondersteuning", _("Ondersteuning")
        SPECIALISTISCH = "specialistisch", _("Specialistisch")

    class Access(models.TextChoices):
        VRIJ = "vrij", _("Vrij toegankelijk")
        VERWIJZING = "verwijzing", _("Op verwijzing")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="services", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    access = models.CharField(_("toegang"), max_length=20, choices=Access.choices, default=Access.VRIJ)
    cost = models.CharField(_("kosten"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: gratis."))
    national_programme = models.CharField(_("landelijk programma"), max_length=200, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="services", verbose_name=_("doelgroepen"), blank=True
    )
    themes = models.ManyToManyField(Theme, related_name="services", verbose_name=_("thema's"), blank=True)
    gemeenten = models.ManyToManyField(
        "regio.Gemeente", related_name="+", verbose_name=_("voor inwoners van"), blank=True
    )
    locations = models.ManyToManyField(Location, related_name="services", verbose_name=_("locaties"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    # The free-text search document (name A; organisation, themes and target groups B; description C), kept by
    # search.refresh_search_documents on PostgreSQL, with a GIN index made by migration 0003 (PostgreSQL only).
    # Elsewhere a plain column that stays empty. Derived data: not in the history.
    search_document = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(m2m_fields=[target_groups, themes, gemeenten], excluded_fields=["search_document"])
    objects = FreshnessQuerySet.as_manager()

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "is_active"], name="service_kind_active"),
            # Finds the (normally no) services whose search document is missing, for the search's fallback.
            models.Index(
                fields=["id"], condition=models.Q(search_document__isnull=True), name="service_no_search_document"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ContactPerson(models.Model):
    """A person in a role at an organisation. Personal data: never public, never in an export for citizens."""

    class Role(models.TextChoices):
        AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", _("Aandachtsfunctionaris")
        VASTE_CONTACTPERSOON = "vaste_contactpersoon", _("Vaste contactpersoon")
        SLEUTELPERSOON = "sleutelpersoon", _("Sleutelpersoon")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="contact_persons",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    name = models.CharField(_("naam"), max_length=150)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.CharField(
        _("waarvoor"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: vaste contactpersoon voor scholen.")
    )
    trained_on = models.DateField(_("geschoold op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["organisation__name", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
