from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenveilig.accounts.roles import ROLES_REQUIRING_MFA, Role
from samenveilig.lib.crypto import HashedKeyMixin


class UserQuerySet(models.QuerySet):
    def visible_to(self, user, membership=None):
        """Users whose profile ``user`` may see: themselves, colleagues in a shared organisation, and — for a
        functioneel beheerder — everyone."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm("accounts.manage_users"):
            return self
        shared = Membership.objects.filter(user=user, is_active=True).values("organisation_id")
        return self.filter(
            models.Q(pk=user.pk) | models.Q(memberships__organisation_id__in=shared, memberships__is_active=True)
        ).distinct()


class SamenVeiligUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who logs in. Personal details stay minimal: name, e-mail, work phone, job title."""

    phone = models.CharField(_("telefoon (werk)"), max_length=30, blank=True)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)

    objects = SamenVeiligUserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def active_memberships(self):
        return (
            self.memberships.filter(is_active=True, organisation__is_active=True)
            .select_related("organisation")
            .order_by("organisation__name", "role")
        )

    @property
    def requires_mfa(self) -> bool:
        return self.is_superuser or self.memberships.filter(is_active=True, role__in=ROLES_REQUIRING_MFA).exists()


class Sector(models.TextChoices):
    """Kinds of organisation, as the seed plans and the Meldcode name them."""

    ONDERWIJS = "onderwijs", _("Onderwijs")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    HUISARTS = "huisarts", _("Huisartsenzorg")
    JGZ = "jgz", _("Jeugdgezondheidszorg")
    LOKAAL_TEAM = "lokaal_team", _("Lokaal team / wijkteam")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    GGZ = "ggz", _("GGZ")
    POLITIE = "politie", _("Politie")
    GI = "gi", _("Gecertificeerde instelling")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    VROUWENOPVANG = "vrouwenopvang", _("Vrouwenopvang")
    WELZIJN = "welzijn", _("Welzijn / jongerenwerk")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    SPORT = "sport", _("Sport en vrijwilligers")
    GEMEENTE = "gemeente", _("Gemeente")
    OVERIG = "overig", _("Overig")


class Organisation(models.Model):
    """An organisation whose people use Samen Veilig. The sociale kaart describes it further."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    gemeenten = models.ManyToManyField(
        "regio.Gemeente", verbose_name=_("gemeenten waar zij werkt"), related_name="organisations", blank=True
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, organisation__is_active=True)


class Membership(models.Model):
    """A user works for an organisation in one role. A user acts for one membership at a time."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisatie")
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("actief"), default=True)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked__isnull=True).filter(models.Q(expires__isnull=True) | models.Q(expires__gt=now))


class ApiToken(HashedKeyMixin, models.Model):
    """A personal API token. Only a SHA-256 hash is stored; the token itself is shown once."""

    PREFIX = "sv_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("gebruiker"))
    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("handelt namens"),
    )
    name = models.CharField(_("naam"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_hint = models.CharField(_("herkenning"), max_length=12, editable=False)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    expires = models.DateTimeField(_("verloopt"), null=True, blank=True)
    last_used = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_hint}…)"

    @classmethod
    def generate(cls, *, user, membership, name: str, expires=None) -> tuple[ApiToken, str]:
        key, key_hash, hint = cls.new_key()
        token = cls.objects.create(
            user=user, membership=membership, name=name, key_hash=key_hash, key_hint=hint, expires=expires
        )
        return token, key
