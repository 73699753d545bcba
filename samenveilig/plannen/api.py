"""API of the plannen app (``/api/v1/plannen/``), with the permissions of the pages.

* ``plannen/`` — plans (list: with their themes; one plan: its themes with the activities the caller may see);
  coordinators create plans for their area and change the plans they keep.
* ``themas/`` — themes, pillars or action lines of a plan.
* ``activiteiten/`` — activities with their cost lines (written in the same request) and their status history;
  ``activiteiten/{id}/status/`` records a dated status change.

Reading: ``plannen.view_plans``; a plan is found only when the caller may see it (``Plan.objects.visible_to``):
coordinators of its area see all of it, a partner named in an activity sees those activities. Writing:
``plannen.change_plan`` on the plan (``plannen.add_plan`` for a new one). Refusals are audited; writes go through
:mod:`services`, the same path as the pages.

Concurrency as in the sociale kaart: a GET of one object sends its version as ``ETag``; PUT, PATCH and DELETE (and
a status change) must send it back in ``If-Match`` (428 without it, 412 when the object changed meanwhile).
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.lib.preconditions import (
    ETAG,
    IF_MATCH,
    WRITE_ERRORS,
    PreconditionFailed,
    etag,
    if_match,
    write_schema,
)
from samenveilig.plannen import access, planning, services
from samenveilig.plannen.models import Activity, Plan, Theme
from samenveilig.plannen.serializers import (
    ActivitySerializer,
    PlanDetailSerializer,
    PlanListSerializer,
    PlanSerializer,
    StatusChangeRequestSerializer,
    ThemeSerializer,
)

VIEW = "plannen.view_plans"
CHANGE = services.CHANGE
ADD = services.ADD
PURPOSE = "api"
VERBS = {
    "list": "listed",
    "retrieve": "viewed",
    "create": "created",
    "update": "updated",
    "partial_update": "updated",
    "destroy": "deleted",
    "status": "status_changed",
}


def _validation(error: DjangoValidationError):
    return exceptions.ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


class PlannenViewSetMixin:
    object_name = ""

    def audit_action(self) -> str:
        return f"plannen.{self.object_name}.{VERBS.get(self.action, 'viewed')}"

    def check_permissions(self, request):
        super().check_permissions(request)
        require_perm(request, VIEW, self.audit_action(), object_type=f"plannen.{self.object_name}")

    def respond(self, obj, *, status_code=status.HTTP_200_OK, serializer_class=None):
        serializer = (serializer_class or self.get_serializer_class())(obj, context=self.get_serializer_context())
        response = Response(serializer.data, status=status_code)
        response["ETag"] = etag(serializer.data["version"])
        return response


def _with_themes(request, plan: Plan) -> Plan:
    activities = access.visible_activities(planning.activity_queryset().filter(theme__plan=plan), request.user, plan)
    themes = planning.load_plan(plan, activities)
    if access.plan_access(request.user, plan) == access.PARTNER:
        themes = [theme for theme in themes if theme.shown_activities]
    plan.shown_themes = themes
    return plan


class PlanFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(field_name="gemeente__code", max_length=6, help_text="CBS code, e.g. GM0632")
    jaar = django_filters.NumberFilter(method="filter_year", help_text="Plans whose period includes this year")

    class Meta:
        model = Plan
        fields = ["gemeente", "jaar"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_year__lte=value, end_year__gte=value)


@extend_schema_view(
    list=extend_schema(summary="Plans the caller may see, with their themes"),
    retrieve=extend_schema(summary="A plan with its themes and the activities the caller may see", parameters=[ETAG]),
    create=write_schema(PlanSerializer, created=True),
    update=write_schema(PlanSerializer),
    partial_update=write_schema(PlanSerializer),
    destroy=write_schema(None, body=False),
)
class PlanViewSet(PlannenViewSetMixin, viewsets.ModelViewSet):
    """Action plans of municipalities and regions."""

    object_name = "plan"
    filterset_class = PlanFilter
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_serializer_class(self):
        if self.action == "list":
            return PlanListSerializer
        if self.action == "retrieve":
            return PlanDetailSerializer
        return PlanSerializer

    def get_queryset(self):
        queryset = Plan.objects.visible_to(self.request.user).select_related("gemeente", "regio", "organisation")
        if self.action == "list":
            queryset = queryset.prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "pk")))
        return queryset.order_by("-start_year", "title", "pk")

    def get_object(self):
        try:
            return super().get_object()
        except exceptions.NotFound:
            audit.log(
                self.request,
                self.audit_action(),
                object_type="plannen.plan",
                object_id=str(self.kwargs.get("pk", "")),
                outcome=audit.REFUSED,
            )
            raise

    def list(self, request, *args, **kwargs):
        audit.log(request, self.audit_action(), object_type="plannen.plan", purpose=PURPOSE)
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        plan = self.get_object()
        audit.log(request, self.audit_action(), plan, purpose=PURPOSE)
        return self.respond(_with_themes(request, plan))

    def create(self, request, *args, **kwargs):
        require_perm(request, ADD, self.audit_action(), object_type="plannen.plan")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            plan = services.create_plan(request, serializer.validated_data)
        except DjangoValidationError as error:
            raise _validation(error) from None
        return self.respond(self.get_queryset().get(pk=plan.pk), status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        plan = self.get_object()
        require_perm(request, CHANGE, self.audit_action(), plan)
        version = if_match(request)
        serializer = self.get_serializer(plan, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            services.save_plan(request, plan, serializer.validated_data, version=version)
        except services.StaleVersion:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _validation(error) from None
        return self.respond(Plan.objects.select_related("gemeente", "regio", "organisation").get(pk=plan.pk))

    def destroy(self, request, *args, **kwargs):
        plan = self.get_object()
        require_perm(request, CHANGE, self.audit_action(), plan)
        version = if_match(request)
        try:
            services.delete_plan(request, plan, version=version)
        except services.StaleVersion:
            raise PreconditionFailed from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanPartMixin(PlannenViewSetMixin):
    """Something inside a plan: found only in plans the caller may see; changed by who keeps the plan.

    A subclass defines ``plan_of(obj) -> Plan``, the plan the object belongs to.
    """

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs.get("pk")).first()
        if obj is None or access.plan_access(self.request.user, self.plan_of(obj)) is None:
            audit.log(
                self.request,
                self.audit_action(),
                object_type=f"plannen.{self.object_name}",
                object_id=str(self.kwargs.get("pk", "")),
                outcome=audit.REFUSED,
            )
            raise exceptions.NotFound
        return obj


@extend_schema_view(
    retrieve=extend_schema(parameters=[ETAG]),
    create=write_schema(ThemeSerializer, created=True),
    update=write_schema(ThemeSerializer),
    partial_update=write_schema(ThemeSerializer),
    destroy=write_schema(None, body=False),
)
class ThemeViewSet(
    PlanPartMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Themes, pillars or action lines of a plan."""

    object_name = "theme"
    serializer_class = ThemeSerializer

    def get_queryset(self):
        return Theme.objects.select_related("plan__gemeente", "plan__regio").order_by("plan_id", "order", "pk")

    def plan_of(self, obj):
        return obj.plan

    def retrieve(self, request, *args, **kwargs):
        theme = self.get_object()
        require_perm(request, "plannen.view_plan", self.audit_action(), theme.plan)
        return self.respond(theme)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = serializer.validated_data["plan"]
        if access.plan_access(request.user, plan) is None:
            raise exceptions.ValidationError({"plan": ["Unknown plan"]})
        changes = {k: v for k, v in serializer.validated_data.items() if k != "plan"}
        theme = services.save_theme(request, Theme(plan=plan), changes, version="")
        return self.respond(theme, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        theme = self.get_object()
        require_perm(request, CHANGE, self.audit_action(), theme.plan)
        version = if_match(request)
        serializer = self.get_serializer(theme, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = {k: v for k, v in serializer.validated_data.items() if k != "plan"}
        try:
            services.save_theme(request, theme, changes, version=version)
        except services.StaleVersion:
            raise PreconditionFailed from None
        return self.respond(self.get_queryset().get(pk=theme.pk))

    def destroy(self, request, *args, **kwargs):
        theme = self.get_object()
        require_perm(request, CHANGE, self.audit_action(), theme.plan)
        version = if_match(request)
        try:
            services.delete_theme(request, theme, version=version)
        except services.StaleVersion:
            raise PreconditionFailed from None
        except services.ThemeNotEmpty:
            raise exceptions.ValidationError({"detail": ["The theme still has activities."]}) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActivityFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="theme__plan_id", help_text="Id of the plan")
    status = django_filters.ChoiceFilter(choices=Activity.Status.choices)

    class Meta:
        model = Activity
        fields = ["plan", "status"]


@extend_schema_view(
    list=extend_schema(summary="Activities the caller may see (filter by plan)"),
    retrieve=extend_schema(parameters=[ETAG]),
    create=write_schema(ActivitySerializer, created=True),
    update=write_schema(ActivitySerializer),
    partial_update=write_schema(ActivitySerializer),
    destroy=write_schema(None, body=False),
)
class ActivityViewSet(PlanPartMixin, viewsets.ModelViewSet):
    """Activities with their cost lines and status history."""

    object_name = "activity"
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = planning.activity_queryset().select_related("theme__plan__gemeente", "theme__plan__regio")
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        if self.action == "list":
            plans = Plan.objects.visible_to(self.request.user)
            membership = self.request.user.active_membership
            full = [plan.pk for plan in plans if access.plan_access(self.request.user, plan) != access.PARTNER]
            queryset = queryset.filter(theme__plan__in=full) | queryset.filter(access.named_activities_q(membership))
            queryset = queryset.distinct()
        return queryset.order_by("theme__plan_id", "theme__order", "order", "pk")

    def plan_of(self, obj):
        return obj.theme.plan

    def list(self, request, *args, **kwargs):
        audit.log(request, self.audit_action(), object_type="plannen.activity", purpose=PURPOSE)
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        activity = self.get_object()
        require_perm(request, "plannen.view_activity", self.audit_action(), activity)
        audit.log(request, self.audit_action(), activity, purpose=PURPOSE)
        return self.respond(activity)

    def _changes(self, serializer):
        changes = dict(serializer.validated_data)
        costs = changes.pop("costs", None)
        return changes, costs

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        theme = serializer.validated_data["theme"]
        if access.plan_access(request.user, theme.plan) is None:
            raise exceptions.ValidationError({"theme": ["Unknown theme"]})
        changes, costs = self._changes(serializer)
        try:
            activity = services.save_activity(request, Activity(theme=theme), changes, version="", costs=costs or [])
        except DjangoValidationError as error:
            raise _validation(error) from None
        return self.respond(self.get_queryset().get(pk=activity.pk), status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        activity = self.get_object()
        require_perm(request, CHANGE, self.audit_action(), activity.theme.plan)
        version = if_match(request)
        serializer = self.get_serializer(activity, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes, costs = self._changes(serializer)
        try:
            services.save_activity(request, activity, changes, version=version, costs=costs)
        except services.StaleVersion:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _validation(error) from None
        return self.respond(self.get_queryset().get(pk=activity.pk))

    def destroy(self, request, *args, **kwargs):
        activity = self.get_object()
        require_perm(request, CHANGE, self.audit_action(), activity.theme.plan)
        version = if_match(request)
        try:
            services.delete_activity(request, activity, version=version)
        except services.StaleVersion:
            raise PreconditionFailed from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Record a dated status change",
        request=StatusChangeRequestSerializer,
        parameters=[IF_MATCH, ETAG],
        responses={200: ActivitySerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        activity = self.get_object()
        require_perm(request, CHANGE, self.audit_action(), activity.theme.plan)
        version = if_match(request)
        serializer = StatusChangeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.change_status(
                request, activity, status=data["status"], on=data["date"], note=data["note"], version=version
            )
        except services.StaleVersion:
            raise PreconditionFailed from None
        return self.respond(self.get_queryset().get(pk=activity.pk), serializer_class=ActivitySerializer)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("plannen", PlanViewSet, basename="api-plannen-plan")
router.register("themas", ThemeViewSet, basename="api-plannen-thema")
router.register("activiteiten", ActivityViewSet, basename="api-plannen-activiteit")

urlpatterns = [path("", include(router.urls))]
