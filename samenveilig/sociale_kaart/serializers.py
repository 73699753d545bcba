"""Serializers of the sociale kaart API (``api_entries``): organisations with their map entry, services, locations and
contact persons.

Municipalities and districts are given by CBS code; target groups and themes by the code of the managed list. Every
object carries its ``version`` (also sent as the ``ETag`` header): a write must send it back in ``If-Match``.
The serializers validate; saving is done by :mod:`services` (permission, version check, audit, history).
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.regio.models import Wijk
from samenveilig.sociale_kaart.forms import gemeenten_for
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service, TargetGroup, Theme
from samenveilig.sociale_kaart.search import gemeente_code
from samenveilig.sociale_kaart.services import version_of

MELDCODE_FIELDS = [
    "has_meldcode_protocol",
    "af_appointed",
    "af_trained",
    "lvak_member",
    "keurmerk_meldcode",
    "verwijsindex_connected",
    "meldcode_checked_on",
]


def _codes(manager) -> list[str]:
    """The CBS codes of municipalities, once each (a code can exist in several CBS years)."""
    return sorted({gemeente.code for gemeente in manager.all()})


@extend_schema_field({"type": "array", "items": {"type": "string", "example": "GM0632"}})
class CbsCodesField(serializers.Field):
    """Read-only: the CBS codes of a many-to-many of municipalities."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return _codes(value)


class GemeenteCodesField(serializers.ListField):
    """CBS codes of municipalities (GM0632 or 0632); each must be one the organisation works in."""

    child = serializers.CharField(max_length=6)

    def to_representation(self, data):
        return _codes(data)


class VersionedSerializer(serializers.ModelSerializer):
    version = serializers.SerializerMethodField(
        help_text="Version of the stored object; send it back in If-Match (as the ETag) when changing it."
    )

    def get_version(self, obj) -> str:
        return version_of(obj)

    @property
    def organisation(self) -> Organisation | None:
        return self.context.get("organisation")


# --- locations and contact persons --------------------------------------------------------------------------------


class LocationSerializer(VersionedSerializer):
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    gemeente = serializers.CharField(
        source="gemeente.code",
        required=False,
        allow_null=True,
        max_length=6,
        help_text="CBS code of the municipality (GM####); must be one the organisation works in",
    )
    wijk = serializers.CharField(
        source="wijk.code",
        required=False,
        allow_null=True,
        max_length=8,
        help_text="CBS code of the district (WK######); must lie in the municipality",
    )

    class Meta:
        model = Location
        fields = [
            "id",
            "organisation",
            "name",
            "address",
            "postal_code",
            "city",
            "gemeente",
            "wijk",
            "is_public",
            "version",
        ]

    def validate(self, attrs):
        """CBS codes to rows, as the page's form allows: a municipality the organisation works in, a district in it;
        a district without municipality gives its municipality."""
        current = self.instance if isinstance(self.instance, Location) else None
        allowed = gemeenten_for(self.organisation, [current.gemeente_id] if current and current.gemeente_id else None)
        if "gemeente" in attrs:
            code = (attrs.pop("gemeente") or {}).get("code")
            attrs["gemeente"] = self._gemeente(allowed, code) if code else None
        if "wijk" in attrs:
            code = (attrs.pop("wijk") or {}).get("code")
            gemeente = attrs.get("gemeente", current.gemeente if current else None)
            attrs["wijk"] = self._wijk(allowed, code, gemeente)
            if attrs["wijk"] is not None and gemeente is None:
                attrs["gemeente"] = attrs["wijk"].gemeente
        return attrs

    def _gemeente(self, allowed, code):
        found = allowed.filter(code=gemeente_code(code)).order_by("-year").first()
        if found is None:
            raise serializers.ValidationError(
                {"gemeente": [_("%(code)s is geen gemeente waar deze organisatie werkt.") % {"code": code}]}
            )
        return found

    def _wijk(self, allowed, code, gemeente):
        if not code:
            return None
        wijken = Wijk.objects.select_related("gemeente").filter(code=code.strip().upper(), gemeente__in=allowed)
        found = wijken.order_by("-year").first()
        if found is None:
            raise serializers.ValidationError({"wijk": [_("%(code)s is geen bekende wijk.") % {"code": code}]})
        if gemeente is not None and found.gemeente.code != gemeente.code:
            raise serializers.ValidationError(
                {
                    "wijk": [
                        _("De wijk %(wijk)s ligt niet in de gemeente %(gemeente)s.")
                        % {"wijk": found.name, "gemeente": gemeente.name}
                    ]
                }
            )
        return found


class ContactPersonSerializer(VersionedSerializer):
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)

    class Meta:
        model = ContactPerson
        fields = ["id", "organisation", "role", "name", "job_title", "phone", "email", "note", "trained_on", "version"]


class CreateForOrganisationSerializer(serializers.Serializer):
    """The first step of a create: whose entry is it for (the permission depends on it)."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), help_text="Id of the organisation"
    )


# --- services -------------------------------------------------------------------------------------------------------


class LocationSummarySerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code", read_only=True, allow_null=True)
    wijk = serializers.CharField(source="wijk.code", read_only=True, allow_null=True)

    class Meta:
        model = Location
        fields = ["id", "name", "address", "postal_code", "city", "gemeente", "wijk"]
        read_only_fields = fields


class ServiceSerializer(VersionedSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-sociale-kaart-dienst-detail")
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        help_text="Id of the organisation; given when the service is created, fixed afterwards",
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    target_groups = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=TargetGroup.objects.all(), required=False, help_text="Codes"
    )
    themes = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=Theme.objects.all(), required=False, help_text="Codes"
    )
    gemeenten = GemeenteCodesField(
        required=False, help_text="CBS codes of the municipalities whose inhabitants the service is for"
    )
    locations = LocationSummarySerializer(many=True, read_only=True)
    location_ids = serializers.PrimaryKeyRelatedField(
        many=True,
        source="locations",
        queryset=Location.objects.none(),
        write_only=True,
        required=False,
        help_text="Ids of locations of the organisation where the service is given",
    )
    is_stale = serializers.BooleanField(read_only=True, help_text="Not verified within the configured number of days")

    class Meta:
        model = Service
        fields = [
            "id",
            "url",
            "organisation",
            "organisation_name",
            "name",
            "description",
            "kind",
            "access",
            "cost",
            "national_programme",
            "target_groups",
            "themes",
            "gemeenten",
            "locations",
            "location_ids",
            "website",
            "email",
            "phone",
            "is_public",
            "is_active",
            "last_verified",
            "is_stale",
            "version",
        ]
        read_only_fields = ["last_verified"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance if isinstance(self.instance, Service) else None
        if current is not None:
            self.fields["organisation"].read_only = True
        if self.organisation is None:
            return
        # Managed lists: the terms in use, plus a retired term this service still has (as on the page).
        for name, model in (("target_groups", TargetGroup), ("themes", Theme)):
            terms = Q(is_active=True)
            if current is not None:
                terms |= Q(pk__in=getattr(current, name).values("pk"))
            self.fields[name].child_relation.queryset = model.objects.filter(terms)
        self.fields["location_ids"].child_relation.queryset = Location.objects.filter(organisation=self.organisation)

    def validate_gemeenten(self, codes):
        current = self.instance.gemeenten.values("pk") if isinstance(self.instance, Service) else None
        allowed = gemeenten_for(self.organisation, current)
        found, unknown = [], []
        for code in dict.fromkeys(gemeente_code(code) for code in codes):
            gemeente = allowed.filter(code=code).order_by("-year").first()
            (found if gemeente is not None else unknown).append(gemeente or code)
        if unknown:
            raise serializers.ValidationError(
                [_("%(code)s is geen gemeente waar deze organisatie werkt.") % {"code": code} for code in unknown]
            )
        return found


class ServiceSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-sociale-kaart-dienst-detail")

    class Meta:
        model = Service
        fields = ["id", "url", "name", "is_active"]
        read_only_fields = fields


# --- organisations ------------------------------------------------------------------------------------------------


class OrganisationSerializer(VersionedSerializer):
    """An organisation with its map entry (an organisation without an entry shows empty values and is stale)."""

    id = serializers.IntegerField(source="organisation_id", read_only=True)
    url = serializers.SerializerMethodField()
    name = serializers.CharField(source="organisation.name", read_only=True)
    sector = serializers.ChoiceField(source="organisation.sector", choices=Sector.choices, read_only=True)
    gemeenten = CbsCodesField(source="organisation.gemeenten", help_text="CBS codes of the municipalities it works in")
    is_stale = serializers.BooleanField(read_only=True, help_text="Not verified within the configured number of days")
    locations = LocationSerializer(source="organisation.locations", many=True, read_only=True)
    services = ServiceSummarySerializer(source="organisation.services", many=True, read_only=True)
    contact_persons = ContactPersonSerializer(source="organisation.contact_persons", many=True, read_only=True)

    class Meta:
        model = OrganisationEntry
        fields = [
            "id",
            "url",
            "name",
            "sector",
            "gemeenten",
            "description",
            "website",
            "email",
            "phone",
            "is_public",
            *MELDCODE_FIELDS,
            "last_verified",
            "is_stale",
            "locations",
            "services",
            "contact_persons",
            "version",
        ]
        read_only_fields = ["last_verified"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, entry) -> str:
        path = reverse("api-sociale-kaart-organisatie-detail", args=[entry.organisation_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
