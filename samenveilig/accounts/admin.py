"""Users, organisations and memberships in the Django admin (superusers only); every write and read is audited."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from samenveilig import audit
from samenveilig.accounts.models import Membership, Organisation, User
from samenveilig.audit.admin_mixins import AuditedModelAdmin


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email", "phone", "job_title")}),
        (
            _("Rechten"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "first_name", "last_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("username", "first_name", "last_name", "email", "job_title", "is_active", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email")

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            audit.log(
                request, "accounts.user.admin_password_changed", object_type=self.opts.label_lower, object_id=str(id)
            )
        return response


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ("name", "sector", "is_active")
    list_filter = ("sector", "is_active")
    search_fields = ("name",)
    filter_horizontal = ("gemeenten",)


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "organisation", "role", "is_active", "created")
    list_filter = ("role", "is_active", "organisation__sector")
    list_select_related = ("user", "organisation")
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("user", "organisation")
