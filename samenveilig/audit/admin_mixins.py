"""``AuditedModelAdmin``: Django admin pages whose writes and reads land in the audit log.

Every save, delete and bulk delete writes ``"<app>.<model>.admin_created|admin_changed|admin_deleted"`` and every
opened change form ``"…admin_viewed"`` — identifiers only, as everywhere else in the log.

Django's own admin history (``LogEntry``) is not written: it stores the object's name (``str(obj)``, often a
person's name) and the changed field names in a table no retention rule covers. The audit log replaces it.

The admin is for superusers only: a staff account without superuser rights sees and may do nothing here.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from samenveilig import audit


def _is_superuser(request) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class AuditedModelAdmin(admin.ModelAdmin):
    def audit_action(self, verb: str) -> str:
        return f"{self.opts.app_label}.{self.opts.model_name}.{verb}"

    # --- superusers only ------------------------------------------------------------------------------------------
    def has_module_permission(self, request) -> bool:
        return _is_superuser(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return _is_superuser(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return _is_superuser(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return _is_superuser(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return _is_superuser(request) and super().has_delete_permission(request, obj)

    # --- writes ---------------------------------------------------------------------------------------------------
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        audit.log(request, self.audit_action("admin_changed" if change else "admin_created"), obj)

    def delete_model(self, request, obj) -> None:
        object_id = str(obj.pk)
        super().delete_model(request, obj)
        audit.log(request, self.audit_action("admin_deleted"), object_type=self.opts.label_lower, object_id=object_id)

    def delete_queryset(self, request, queryset) -> None:
        object_ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        with transaction.atomic(using=queryset.db):
            super().delete_queryset(request, queryset)
            for object_id in object_ids:
                audit.log(
                    request, self.audit_action("admin_deleted"), object_type=self.opts.label_lower, object_id=object_id
                )

    # --- reads ----------------------------------------------------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:  # the form was shown (on GET, or again after an invalid POST)
            audit.log(
                request,
                self.audit_action("admin_viewed"),
                object_type=self.opts.label_lower,
                object_id=str(object_id)[:64],
            )
        return response

    # --- no second history with personal values ------------------------------------------------------------------
    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletions(self, request, queryset):
        return []
