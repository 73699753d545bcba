"""Read and write API on the sociale kaart (``/api/v1/sociale-kaart/``).

``organisaties/`` (an organisation with its map entry, locations, services and contact persons), ``diensten/``
(services, searched with the same filters as the search page), ``locaties/`` and ``contactpersonen/``.

Reading needs ``sociale_kaart.view_map`` (anyone acting for an organisation). Writing needs
``sociale_kaart.edit_entry`` on the organisation, as on the pages: a coordinator edits every entry, an
aandachtsfunctionaris only their own organisation's. Refusals are audited. Every response with contact persons
(personal data) is audited once per request. Writes go through :mod:`services`, the same path as the pages.

Concurrency: a GET of one object sends its version as ``ETag``; PUT, PATCH and DELETE must send it back in
``If-Match``. Without it the answer is 428 Precondition Required; when the object changed meanwhile it is
412 Precondition Failed, and nothing is changed.
"""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, Q
from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from samenveilig import audit
from samenveilig.accounts.models import Organisation, Sector
from samenveilig.core.access import require_perm
from samenveilig.lib.preconditions import (
    ETAG,
    PreconditionFailed,
    etag,
    if_match,
    write_schema,
)
from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart import services
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service, TargetGroup, Theme
from samenveilig.sociale_kaart.search import PARAMS, gemeente_code, search_services, stem, words
from samenveilig.sociale_kaart.serializers import (
    ContactPersonSerializer,
    CreateForOrganisationSerializer,
    LocationSerializer,
    OrganisationSerializer,
    ServiceSerializer,
)

VIEW = "sociale_kaart.view_map"
EDIT = services.EDIT
PURPOSE = "api"
VERBS = {
    "list": "listed",
    "retrieve": "viewed",
    "create": "created",
    "update": "updated",
    "partial_update": "updated",
    "destroy": "deleted",
}


class MapViewSetMixin:
    """Permission to read the map for every request (refusals audited), and the audit action names."""

    #: ``sociale_kaart.<object_name>.<verb>`` names reads and writes in the audit log.
    object_name = ""
    object_type = ""

    def audit_action(self) -> str:
        return f"sociale_kaart.{self.object_name}.{VERBS.get(self.action, 'viewed')}"

    def check_permissions(self, request):
        super().check_permissions(request)  # authenticated (an anonymous caller gets 401/403, not audited)
        require_perm(request, VIEW, self.audit_action(), object_type=self.object_type)

    def respond(self, obj, *, status_code=status.HTTP_200_OK, headers=None):
        serializer = self.get_serializer(obj)
        response = Response(serializer.data, status=status_code, headers=headers)
        response["ETag"] = etag(serializer.data["version"])
        return response


# --- organisations --------------------------------------------------------------------------------------------------


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", max_length=200, help_text="Words in the name or description")
    gemeente = django_filters.CharFilter(
        method="filter_gemeente",
        max_length=6,
        help_text="CBS code (GM0632 or 0632): organisations working there or with a location there",
    )
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    verouderd = django_filters.BooleanFilter(
        method="filter_stale", help_text="true: only entries not verified recently (or never); false: only fresh ones"
    )

    class Meta:
        model = Organisation
        fields = ["q", "gemeente", "sector", "verouderd"]

    def filter_q(self, queryset, name, value):
        for word in words(value):
            part = stem(word)
            queryset = queryset.filter(Q(name__icontains=part) | Q(kaart__description__icontains=part))
        return queryset

    def filter_gemeente(self, queryset, name, value):
        gemeenten = Gemeente.objects.filter(code=gemeente_code(value)).values("pk")
        return queryset.filter(
            Q(pk__in=Organisation.gemeenten.through.objects.filter(gemeente_id__in=gemeenten).values("organisation_id"))
            | Q(pk__in=Location.objects.filter(gemeente_id__in=gemeenten).values("organisation_id"))
        )

    def filter_stale(self, queryset, name, value):
        fresh = Q(pk__in=OrganisationEntry.objects.fresh().values("organisation_id"))
        return queryset.filter(fresh) if value is False else queryset.exclude(fresh)


def _entry(organisation: Organisation) -> OrganisationEntry:
    """The organisation's entry, or an unsaved empty one (version ``""``) if it has none yet."""
    try:
        return organisation.kaart
    except OrganisationEntry.DoesNotExist:
        return OrganisationEntry(organisation=organisation)


@extend_schema_view(
    list=extend_schema(summary="Organisations on the map, with their entry, services and contact persons"),
    retrieve=extend_schema(parameters=[ETAG]),
    update=write_schema(OrganisationSerializer),
    partial_update=write_schema(OrganisationSerializer),
)
class OrganisationViewSet(
    MapViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Active organisations with their map entry: channels, Meldcode status, freshness, locations, services and
    contact persons. The owner of the entry changes it with PUT or PATCH (If-Match required)."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    object_name = "organisation"
    object_type = "accounts.organisation"

    def get_queryset(self):
        return (
            Organisation.objects.filter(is_active=True)
            .select_related("kaart")
            .prefetch_related(
                "gemeenten",
                Prefetch("locations", queryset=Location.objects.select_related("gemeente", "wijk")),
                Prefetch("services", queryset=Service.objects.order_by("-is_active", "name")),
                Prefetch("contact_persons", queryset=ContactPerson.objects.order_by("role", "name")),
            )
            .order_by("name")
        )

    def audit_action(self) -> str:
        if self.action in ("update", "partial_update"):
            return "sociale_kaart.organisationentry.updated"  # the same action as the page
        return super().audit_action()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        entries = [_entry(organisation) for organisation in page]
        if any(entry.organisation.contact_persons.all() for entry in entries):
            audit.log(request, "sociale_kaart.organisation.listed", object_type=self.object_type, purpose=PURPOSE)
        return self.get_paginated_response(self.get_serializer(entries, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        organisation = self.get_object()
        audit.log(request, "sociale_kaart.organisation.viewed", organisation, purpose=PURPOSE)
        return self.respond(_entry(organisation))

    def update(self, request, *args, partial=False, **kwargs):
        organisation = self.get_object()
        require_perm(request, EDIT, self.audit_action(), organisation)
        version = if_match(request)
        entry = _entry(organisation)
        serializer = self.get_serializer(entry, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            services.save_changes(
                request,
                entry,
                serializer.validated_data,
                action=self.audit_action(),
                organisation=organisation,
                version=version,
            )
        except services.StaleVersion:
            raise PreconditionFailed from None
        return self.respond(_entry(self.get_object()))


# --- services, locations, contact persons ---------------------------------------------------------------------------


class OrganisationPartViewSet(MapViewSetMixin, viewsets.ModelViewSet):
    """Something of an organisation's entry: created for an organisation, changed and deleted by its owner."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    model: type

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["organisation"] = getattr(self, "organisation", None)
        return context

    def retrieve(self, request, *args, **kwargs):
        return self.respond(self.get_object())

    def create(self, request, *args, **kwargs):
        target = CreateForOrganisationSerializer(data=request.data)
        target.is_valid(raise_exception=True)
        self.organisation = target.validated_data["organisation"]
        require_perm(request, EDIT, self.audit_action(), self.organisation)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = {name: value for name, value in serializer.validated_data.items() if name != "organisation"}
        obj = services.save_changes(
            request,
            self.model(organisation=self.organisation),
            changes,
            action=self.audit_action(),
            organisation=self.organisation,
            version="",
        )
        created = self.get_queryset().get(pk=obj.pk)
        response = self.respond(created, status_code=status.HTTP_201_CREATED)
        if "url" in response.data:
            response["Location"] = response.data["url"]
        return response

    def update(self, request, *args, partial=False, **kwargs):
        obj = self.get_object()
        require_perm(request, EDIT, self.audit_action(), obj)
        version = if_match(request)
        self.organisation = obj.organisation
        serializer = self.get_serializer(obj, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            services.save_changes(
                request,
                obj,
                serializer.validated_data,
                action=self.audit_action(),
                organisation=obj.organisation,
                version=version,
            )
        except services.StaleVersion:
            raise PreconditionFailed from None
        return self.respond(self.get_queryset().get(pk=obj.pk))

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        require_perm(request, EDIT, self.audit_action(), obj)
        version = if_match(request)
        try:
            services.delete(request, obj, action=self.audit_action(), version=version)
        except services.StaleVersion:
            raise PreconditionFailed from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ServiceFilter(django_filters.FilterSet):
    """The filters of the search page (:data:`search.PARAMS`), applied by :func:`search.search_services`."""

    q = django_filters.CharFilter(
        max_length=200, help_text='Words (on PostgreSQL: websearch syntax, e.g. "huiselijk geweld" -ouderen)'
    )
    gemeente = django_filters.CharFilter(
        max_length=6, help_text="CBS code (GM0632 or 0632): services for its inhabitants or at a location in it"
    )
    wijk = django_filters.CharFilter(max_length=8, help_text="CBS code of a district (WK063201): at a location in it")
    sector = django_filters.ChoiceFilter(choices=Sector.choices, help_text="Sector of the organisation")
    doelgroep = django_filters.CharFilter(max_length=50, help_text="Code of a target group, e.g. ouders")
    thema = django_filters.CharFilter(max_length=50, help_text="Code of a theme, e.g. kindermishandeling")
    soort = django_filters.ChoiceFilter(choices=Service.Kind.choices, help_text="Kind of service")
    organisatie = django_filters.NumberFilter(help_text="Id of the organisation")

    class Meta:
        model = Service
        fields = [*PARAMS, "organisatie"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        result = search_services({name: data.get(name) for name in PARAMS}, user=self.request.user)
        if data.get("organisatie") is not None:
            result = result.filter(organisation_id=data["organisatie"])
        # search.base_queryset prefetches themes and target groups; the API shows municipalities and locations too.
        return result.prefetch_related(*SERVICE_PREFETCH[2:])


SERVICE_PREFETCH = (
    Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
    Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name")),
    "gemeenten",
    Prefetch("locations", queryset=Location.objects.select_related("gemeente", "wijk")),
)


@extend_schema_view(
    list=extend_schema(summary="Active services, searched and filtered like the search page"),
    retrieve=extend_schema(parameters=[ETAG]),
    create=write_schema(ServiceSerializer, created=True),
    update=write_schema(ServiceSerializer),
    partial_update=write_schema(ServiceSerializer),
    destroy=write_schema(None, body=False),
)
class ServiceViewSet(OrganisationPartViewSet):
    """Services on the map. The list holds active services of active organisations (as the search page); one
    service, inactive or not, by its id. The owner of the organisation's entry creates, changes and deletes them."""

    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter
    model = Service
    object_name = "service"
    object_type = "sociale_kaart.service"

    def get_queryset(self):
        return Service.objects.select_related("organisation").prefetch_related(*SERVICE_PREFETCH).order_by("name", "pk")

    def filter_queryset(self, queryset):
        # The search filters (active services only) are for the list; one service is found by its id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def audit_action(self) -> str:
        if self.action == "list":
            return "sociale_kaart.search"  # the same action as the search page
        return super().audit_action()


class LocationFilter(django_filters.FilterSet):
    organisatie = django_filters.NumberFilter(field_name="organisation_id", help_text="Id of the organisation")

    class Meta:
        model = Location
        fields = ["organisatie"]


@extend_schema_view(
    retrieve=extend_schema(parameters=[ETAG]),
    create=write_schema(LocationSerializer, created=True),
    update=write_schema(LocationSerializer),
    partial_update=write_schema(LocationSerializer),
    destroy=write_schema(None, body=False),
)
class LocationViewSet(OrganisationPartViewSet):
    """Locations of organisations (municipality and district by CBS code)."""

    serializer_class = LocationSerializer
    filterset_class = LocationFilter
    model = Location
    object_name = "location"
    object_type = "sociale_kaart.location"

    def get_queryset(self):
        return Location.objects.select_related("gemeente", "wijk").order_by("organisation_id", "name", "pk")


class ContactPersonFilter(django_filters.FilterSet):
    organisatie = django_filters.NumberFilter(field_name="organisation_id", help_text="Id of the organisation")
    rol = django_filters.ChoiceFilter(field_name="role", choices=ContactPerson.Role.choices)

    class Meta:
        model = ContactPerson
        fields = ["organisatie", "rol"]


@extend_schema_view(
    retrieve=extend_schema(parameters=[ETAG]),
    create=write_schema(ContactPersonSerializer, created=True),
    update=write_schema(ContactPersonSerializer),
    partial_update=write_schema(ContactPersonSerializer),
    destroy=write_schema(None, body=False),
)
class ContactPersonViewSet(OrganisationPartViewSet):
    """Contact persons of organisations (aandachtsfunctionarissen and others): personal data for those acting for an
    organisation; every read is audited."""

    serializer_class = ContactPersonSerializer
    filterset_class = ContactPersonFilter
    model = ContactPerson
    object_name = "contactperson"
    object_type = "sociale_kaart.contactperson"

    def get_queryset(self):
        return ContactPerson.objects.filter(organisation__is_active=True).order_by("organisation_id", "role", "name")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if response.data.get("results"):
            audit.log(request, self.audit_action(), object_type=self.object_type, purpose=PURPOSE)
        return response

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        audit.log(request, self.audit_action(), person, purpose=PURPOSE)
        return self.respond(person)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organisaties", OrganisationViewSet, basename="api-sociale-kaart-organisatie")
router.register("diensten", ServiceViewSet, basename="api-sociale-kaart-dienst")
router.register("locaties", LocationViewSet, basename="api-sociale-kaart-locatie")
router.register("contactpersonen", ContactPersonViewSet, basename="api-sociale-kaart-contactpersoon")

urlpatterns = [path("", include(router.urls))]
