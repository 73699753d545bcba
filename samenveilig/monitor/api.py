"""``/api/v1/monitor/``: the indicators with their definitions, and the series of imported figures.

For coordinators (``monitor.view_dashboard``), like the dashboards. Series of a municipality are limited to the
municipalities the coordinator's organisation works in; figures of larger areas (a region, the country) are CBS's
public figures and open to every coordinator. Only current versions. An unknown or suppressed value is ``null``
with status ``onbekend``, never 0. The system indicators (aggregates of the app's own data) are listed with their
definition; their figures stay on the pages and downloads, where suppression applies.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.monitor import periods, system
from samenveilig.monitor.models import Indicator, Observation, Series, Source, Status, Unit
from samenveilig.monitor.rules import gemeente_codes

PERM = "monitor.view_dashboard"


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    definitie = serializers.CharField()
    teller = serializers.CharField(allow_blank=True)
    noemer = serializers.CharField(allow_blank=True)
    eenheid = serializers.ChoiceField(choices=Unit.choices)
    bron = serializers.ChoiceField(choices=Source.choices)
    brondataset = serializers.CharField(allow_blank=True, help_text="Title of the source dataset, if one")
    vervangt = serializers.CharField(allow_null=True, help_text="Code of the indicator with the older definition")


class ObservationSerializer(serializers.Serializer):
    periode = serializers.CharField(source="period", help_text="2021 (year) or 2021HJ1 (half-year)")
    waarde = serializers.DecimalField(source="value", max_digits=14, decimal_places=4, allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices)


class SeriesSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    definitie = serializers.CharField(source="indicator.definition")
    eenheid = serializers.CharField(source="indicator.unit")
    bron = serializers.CharField(source="dataset.title")
    versie = serializers.SerializerMethodField()
    indeling = serializers.CharField(source="dimension", allow_blank=True)
    categorie = serializers.CharField(source="category", allow_blank=True)
    categorie_naam = serializers.CharField(source="category_label", allow_blank=True)
    gebied = serializers.CharField(source="region_code")
    gebied_naam = serializers.CharField(source="region_label", allow_blank=True)
    waarden = ObservationSerializer(source="current_observations", many=True)

    def get_versie(self, series) -> str:
        return series.current_observations[0].version.label if series.current_observations else ""


class IndicatorListView(APIView):
    @extend_schema(summary="Indicators with their definitions", responses={200: IndicatorSerializer(many=True)})
    def get(self, request):
        action = "monitor.indicators.listed"
        require_perm(request, PERM, action, object_type="monitor.indicator")
        rows = [
            {
                "code": i.code,
                "naam": i.name,
                "definitie": i.definition,
                "teller": i.numerator,
                "noemer": i.denominator,
                "eenheid": i.unit,
                "bron": i.source,
                "brondataset": i.dataset.title if i.dataset else "",
                "vervangt": i.replaces.code if i.replaces else None,
            }
            for i in Indicator.objects.select_related("dataset", "replaces").order_by("code")
        ]
        rows += [
            {
                "code": s.code,
                "naam": str(s.name),
                "definitie": str(s.definition),
                "teller": str(s.numerator),
                "noemer": "",
                "eenheid": Unit.COUNT,
                "bron": Source.SYSTEM,
                "brondataset": "",
                "vervangt": None,
            }
            for s in system.indicators()
        ]
        audit.log(request, action, object_type="monitor.indicator", purpose="api")
        return Response(IndicatorSerializer(rows, many=True).data)


class SeriesListView(ListAPIView):
    serializer_class = SeriesSerializer

    @extend_schema(
        summary="Series of imported figures (current versions), by indicator, area and period",
        parameters=[
            OpenApiParameter("indicator", str, description="Indicator code"),
            OpenApiParameter("gebied", str, description="CBS code of the area (GM0632, NL01…)"),
            OpenApiParameter("periode", str, description="Only this period: 2021 or 2021HJ1"),
        ],
    )
    def get(self, request, *args, **kwargs):
        action = "monitor.series.listed"
        require_perm(request, PERM, action, object_type="monitor.series")
        response = super().get(request, *args, **kwargs)
        audit.log(request, action, object_type="monitor.series", purpose="api")
        return response

    def get_queryset(self):
        params = self.request.query_params
        observations = Observation.objects.filter(version__is_current=True).select_related("version")
        if period := params.get("periode", "").strip():
            try:
                observations = observations.filter(period=periods.normalise(period))
            except ValueError:
                raise ValidationError({"periode": "Use a year (2021) or half-year (2021HJ1)."}) from None
        series = Series.objects.filter(
            ~Q(region_code__startswith="GM") | Q(region_code__in=gemeente_codes(self.request.user))
        ).filter(observations__version__is_current=True)
        if code := params.get("indicator", "").strip():
            series = series.filter(indicator__code=code)
        if area := params.get("gebied", "").strip():
            series = series.filter(region_code=area.upper())
        return (
            series.distinct()
            .select_related("indicator", "dataset")
            .prefetch_related(
                Prefetch("observations", queryset=observations.order_by("period"), to_attr="current_observations")
            )
            .order_by("indicator__code", "region_code", "dimension", "category")
        )


urlpatterns = [
    path("indicatoren/", IndicatorListView.as_view(), name="monitor-indicators"),
    path("reeksen/", SeriesListView.as_view(), name="monitor-series"),
]
