"""Serializers of the plannen API: plans with their themes and activities, activities with their cost lines.

The municipality of a plan is given by CBS code; target groups, programmes and funding sources by the code of their
managed list; organisations and contact persons by id. Every object carries its ``version`` (also the ``ETag``
header): a write must send it back in ``If-Match``. Serializers validate; :mod:`services` saves.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenveilig.accounts.models import Organisation
from samenveilig.plannen.forms import clean_planning
from samenveilig.plannen.models import (
    MAX_YEAR,
    MIN_YEAR,
    Activity,
    Cost,
    FundingSource,
    Plan,
    Programme,
    StatusChange,
    Theme,
)
from samenveilig.plannen.services import version_of
from samenveilig.regio.models import Gemeente, Regio
from samenveilig.sociale_kaart.models import ContactPerson, TargetGroup


def year_field(**kwargs):
    return serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


def month_field(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=12, **kwargs)


class CostSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, help_text="Id of an existing line to change; leave out to add one")
    year = year_field()
    until_year = year_field(required=False, allow_null=True)
    funding_source = serializers.SlugRelatedField(
        slug_field="code", queryset=FundingSource.objects.all(), required=False, allow_null=True
    )
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)

    class Meta:
        model = Cost
        fields = ["id", "description", "year", "until_year", "funding_source", "amount"]

    def validate(self, attrs):
        if attrs.get("until_year") and attrs["until_year"] < attrs["year"]:
            raise serializers.ValidationError({"until_year": _("Dit jaar ligt voor het eerste jaar.")})
        return attrs


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusChange
        fields = ["status", "date", "note"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="theme.plan_id", read_only=True)
    theme = serializers.PrimaryKeyRelatedField(queryset=Theme.objects.all())
    organisations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.filter(is_active=True), required=False
    )
    contact_persons = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ContactPerson.objects.all(), required=False
    )
    target_groups = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=TargetGroup.objects.all(), required=False
    )
    programmes = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=Programme.objects.all(), required=False
    )
    start_year = year_field(required=False, allow_null=True)
    start_month = month_field(required=False, allow_null=True)
    end_year = year_field(required=False, allow_null=True)
    end_month = month_field(required=False, allow_null=True)
    quarter = serializers.IntegerField(
        min_value=1, max_value=4, required=False, allow_null=True, help_text="1-4, with planning 'kwartaal'"
    )
    capacity_hours = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=0, required=False, allow_null=True
    )
    order = serializers.IntegerField(min_value=0, max_value=9999, required=False)
    costs = CostSerializer(many=True, required=False)
    status_history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)
    late = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "plan",
            "theme",
            "goal",
            "what",
            "organisations",
            "contact_persons",
            "who_text",
            "target_groups",
            "target_group_text",
            "programmes",
            "planning",
            "start_year",
            "start_month",
            "end_year",
            "end_month",
            "quarter",
            "priority",
            "status",
            "done_on",
            "capacity_hours",
            "capacity_unit",
            "capacity_note",
            "order",
            "costs",
            "status_history",
            "late",
            "version",
        ]

    def get_late(self, obj) -> bool:
        return obj.is_late(timezone.localdate())

    def get_version(self, obj) -> str:
        return version_of(obj)

    def validate(self, attrs):
        errors: dict[str, list[str]] = {}
        merged = {
            name: attrs.get(name, getattr(self.instance, name, None))
            for name in ("planning", "start_year", "start_month", "end_year", "end_month")
        }
        merged["planning"] = merged["planning"] or Activity.Planning.MONTHS
        merged["quarter"] = attrs.pop("quarter", None) or (self.instance.quarter if self.instance else None)
        clean_planning(merged, lambda name, message: errors.setdefault(name, []).append(str(message)))
        if errors:
            raise serializers.ValidationError(errors)
        attrs.update({name: merged[name] for name in ("start_year", "start_month", "end_year", "end_month")})
        status = attrs.get("status", getattr(self.instance, "status", Activity.Status.PLANNED))
        if status == Activity.Status.DONE and not attrs.get("done_on", getattr(self.instance, "done_on", None)):
            attrs["done_on"] = timezone.localdate()
        return attrs


class ThemeSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    order = serializers.IntegerField(min_value=0, max_value=9999, required=False)
    version = serializers.SerializerMethodField()

    class Meta:
        model = Theme
        fields = ["id", "plan", "name", "description", "order", "version"]

    def get_version(self, obj) -> str:
        return version_of(obj)


class ThemeWithActivitiesSerializer(serializers.ModelSerializer):
    activities = ActivitySerializer(source="shown_activities", many=True, read_only=True)

    class Meta:
        model = Theme
        fields = ["id", "name", "description", "order", "activities"]
        read_only_fields = fields


class ThemeSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "name", "order"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Gemeente.objects.all(),
        required=False,
        allow_null=True,
        help_text="CBS code of the municipality (GM0632); leave out for a regional plan",
    )
    regio = serializers.PrimaryKeyRelatedField(queryset=Regio.objects.all(), required=False, allow_null=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    start_year = year_field()
    end_year = year_field()
    version = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "title",
            "gemeente",
            "regio",
            "organisation",
            "start_year",
            "end_year",
            "theme_label",
            "mission",
            "goals",
            "version",
        ]

    def get_version(self, obj) -> str:
        return version_of(obj)

    def to_internal_value(self, data):
        # A CBS code exists once per CBS year: take the newest row of that code.
        code = data.get("gemeente") if hasattr(data, "get") else None
        if code:
            latest = Gemeente.objects.filter(code=str(code).upper()).order_by("-year").first()
            if latest is not None:
                data = {**data, "gemeente": latest.code}
                self.fields["gemeente"].queryset = Gemeente.objects.filter(pk=latest.pk)
        return super().to_internal_value(data)

    def validate(self, attrs):
        gemeente = attrs.get("gemeente", getattr(self.instance, "gemeente", None))
        regio = attrs.get("regio", getattr(self.instance, "regio", None))
        if bool(gemeente) == bool(regio):
            raise serializers.ValidationError({"gemeente": _("Kies een gemeente of een regio, niet allebei.")})
        start = attrs.get("start_year", getattr(self.instance, "start_year", None))
        end = attrs.get("end_year", getattr(self.instance, "end_year", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_year": _("Het laatste jaar ligt voor het eerste jaar.")})
        return attrs


class PlanListSerializer(PlanSerializer):
    themes = ThemeSummarySerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "themes"]


class PlanDetailSerializer(PlanSerializer):
    themes = ThemeWithActivitiesSerializer(source="shown_themes", many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "themes"]


class StatusChangeRequestSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Activity.Status.choices)
    date = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    def validate_date(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("Een status gaat niet in de toekomst in."))
        return value
