"""The access log in the Django admin: superusers may look, nobody may add, change or delete."""

from __future__ import annotations

from django.contrib import admin

from samenveilig import audit
from samenveilig.audit.admin_mixins import AuditedModelAdmin
from samenveilig.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedModelAdmin):
    list_display = ("timestamp", "actor_username", "organisation_id", "role", "action", "object_type", "object_id")
    list_display_links = ("timestamp",)
    list_filter = ("action", "outcome", "object_type")
    search_fields = ("actor_username", "object_id")
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
    # The log only grows: never count it all for the result line or the pagination.
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            audit.log(
                request,
                "audit.log.searched",
                object_type=AuditEntry._meta.label_lower,
                purpose="log review via django-admin",
            )
        return response
