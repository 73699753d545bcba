"""Read-only API on municipalities, districts and regions (``/api/v1/regio/``): public reference data, not audited."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.routers import DefaultRouter

from samenveilig.regio.models import Gemeente, Regio, Wijk


class CanViewRegio(permissions.BasePermission):
    """The same rule as the pages: anyone acting for an organisation (``regio.view_regio``)."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("regio.view_regio")


class ByCodeAndYearMixin:
    """Look an object up by its CBS code; a code can exist in several years: ``?year=`` picks one, else the newest."""

    lookup_field = "code"
    permission_classes = [permissions.IsAuthenticated, CanViewRegio]

    def get_object(self):
        queryset = self.get_queryset().filter(code=self.kwargs["code"].upper())
        year = self.request.query_params.get("year", "")
        if year.isdigit():
            queryset = queryset.filter(year=int(year))
        obj = get_object_or_404(queryset.order_by("-year")[:1])
        self.check_object_permissions(self.request, obj)
        return obj


def _retrieve_schema(example: str):
    return extend_schema(
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description=f"CBS code, e.g. {example}"),
            OpenApiParameter("year", OpenApiTypes.INT, description="CBS year; without it, the newest year"),
        ]
    )


# The same on every database backend (a small integer's range differs between SQLite and PostgreSQL).
CBS_YEAR_KWARGS = {"year": {"min_value": 1900, "max_value": 2100}}


class GemeenteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeente
        fields = ["code", "year", "name", "province_code", "province_name"]
        extra_kwargs = CBS_YEAR_KWARGS


class WijkSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(
        source="gemeente.code", read_only=True, help_text="CBS code of the municipality (GM####)"
    )

    class Meta:
        model = Wijk
        fields = ["code", "year", "name", "gemeente"]
        extra_kwargs = CBS_YEAR_KWARGS


class RegioGemeenteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeente
        fields = ["code", "year", "name"]
        extra_kwargs = CBS_YEAR_KWARGS


class RegioSerializer(serializers.ModelSerializer):
    gemeenten = RegioGemeenteSerializer(many=True, read_only=True)

    class Meta:
        model = Regio
        fields = ["id", "name", "kind", "gemeenten"]


class GemeenteFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year", help_text="CBS year, e.g. 2024")
    province = django_filters.CharFilter(method="filter_province", help_text="Province code (PV26) or name (Utrecht)")
    q = django_filters.CharFilter(method="filter_q", help_text="Part of the name, or the CBS code (GM0632)")

    class Meta:
        model = Gemeente
        fields = ["year", "province", "q"]

    def filter_province(self, queryset, name, value):
        value = value.strip()
        if value.upper().startswith("PV"):
            return queryset.filter(province_code=value.upper())
        return queryset.filter(province_name__iexact=value)

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class WijkFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(
        field_name="gemeente__code", method="filter_gemeente", help_text="CBS code of the municipality, e.g. GM0632"
    )
    year = django_filters.NumberFilter(field_name="year", help_text="CBS year, e.g. 2024")

    class Meta:
        model = Wijk
        fields = ["gemeente", "year"]

    def filter_gemeente(self, queryset, name, value):
        return queryset.filter(gemeente__code=value.strip().upper())


@extend_schema_view(retrieve=_retrieve_schema("GM0632"))
class GemeenteViewSet(ByCodeAndYearMixin, viewsets.ReadOnlyModelViewSet):
    """Dutch municipalities by CBS code and year (Bron: CBS, Kadaster, CC BY 4.0)."""

    queryset = Gemeente.objects.order_by("name", "-year")
    serializer_class = GemeenteSerializer
    filterset_class = GemeenteFilter


@extend_schema_view(retrieve=_retrieve_schema("WK063201"))
class WijkViewSet(ByCodeAndYearMixin, viewsets.ReadOnlyModelViewSet):
    """Districts (wijken) by CBS code and year (Bron: CBS, Kadaster, CC BY 4.0)."""

    queryset = Wijk.objects.select_related("gemeente").order_by("code", "-year")
    serializer_class = WijkSerializer
    filterset_class = WijkFilter


class RegioViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions: groups of municipalities (Veilig Thuis region, youth-care region, partnership)."""

    queryset = Regio.objects.prefetch_related(
        Prefetch("gemeenten", queryset=Gemeente.objects.order_by("name", "year"))
    ).order_by("name")
    serializer_class = RegioSerializer
    permission_classes = [permissions.IsAuthenticated, CanViewRegio]


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("gemeenten", GemeenteViewSet, basename="regio-gemeente")
router.register("wijken", WijkViewSet, basename="regio-wijk")
router.register("regios", RegioViewSet, basename="regio-regio")

urlpatterns = [path("", include(router.urls))]
