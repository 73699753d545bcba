"""``/api/v1/audit/``: the access log, read-only, for a functioneel beheerder's review tools.

Entries come newest first with cursor pagination (no ``COUNT(*)`` over a log that only grows). Nothing can be
created, changed or deleted through the API: only GET is served, and every list, every refusal and every attempt
to write is itself written to the log.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.urls import path
from rest_framework import generics, pagination, permissions, serializers

from samenveilig import audit
from samenveilig.audit.forms import PeriodFormMixin
from samenveilig.audit.models import AuditEntry
from samenveilig.audit.queries import filter_entries, search_purpose

OBJECT_TYPE = AuditEntry._meta.label_lower


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = ["id", *AuditEntry.FIELDS]
        read_only_fields = fields


class AuditFilterForm(PeriodFormMixin, forms.Form):
    pass


class AuditEntryFilterSet(django_filters.FilterSet):
    """The same filters as the review page; the filtering itself is :func:`queries.filter_entries`."""

    actor = django_filters.CharFilter(help_text="Username of the actor (exact)", max_length=150)
    action = django_filters.CharFilter(help_text="Part of the action, e.g. viewed or meldcode.", max_length=100)
    object_type = django_filters.CharFilter(help_text="Object type, e.g. accounts.user", max_length=100)
    object_id = django_filters.CharFilter(help_text="Object id", max_length=64)
    outcome = django_filters.ChoiceFilter(choices=AuditEntry.Outcome.choices)
    date_from = django_filters.DateFilter(help_text="From this day (YYYY-MM-DD, Europe/Amsterdam)")
    date_to = django_filters.DateFilter(help_text="Up to and including this day (YYYY-MM-DD, Europe/Amsterdam)")

    class Meta:
        model = AuditEntry
        fields: list[str] = []
        form = AuditFilterForm

    def filter_queryset(self, queryset):
        return filter_entries(queryset, self.form.cleaned_data)


class CanViewAuditLog(permissions.BasePermission):
    """Only who may review the log; a refusal is logged (after authentication, so never for an anonymous caller)."""

    def has_permission(self, request, view) -> bool:
        if request.user.has_perm("audit.view_log"):
            return True
        action = "audit.log.searched" if request.method in permissions.SAFE_METHODS else "audit.log.changed"
        audit.log(request, action, object_type=OBJECT_TYPE, purpose="api", outcome=audit.REFUSED)
        return False


class AuditCursorPagination(pagination.CursorPagination):
    ordering = ("-timestamp", "-id")
    page_size = 50


class AuditEntryList(generics.ListAPIView):
    """Entries of the access log, newest first, filtered like the review page. Read-only."""

    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet
    pagination_class = AuditCursorPagination
    permission_classes = [permissions.IsAuthenticated, CanViewAuditLog]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        filterset = self.filterset_class(request.query_params, queryset=self.queryset, request=request)
        data = filterset.form.cleaned_data if filterset.is_valid() else {}
        audit.log(request, "audit.log.searched", object_type=OBJECT_TYPE, purpose=search_purpose("api", data))
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        # A beheerder trying to write the log: refused (405) and recorded.
        audit.log(request, "audit.log.changed", object_type=OBJECT_TYPE, purpose="api", outcome=audit.REFUSED)
        return super().http_method_not_allowed(request, *args, **kwargs)


urlpatterns = [path("entries/", AuditEntryList.as_view(), name="api-audit-entries")]
