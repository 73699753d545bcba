from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from samenveilig.core import views as core_views
from samenveilig.core.access import public

# The Django admin is a last resort for superusers only (staff status alone opens nothing); every admin read and
# write is audited by AuditedModelAdmin. Day-to-day management happens in the app's own beheer pages.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "Samen Veilig — technisch beheer"

urlpatterns = [
    path("", include("samenveilig.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("", include("samenveilig.accounts.urls")),
    path("regio/", include("samenveilig.regio.urls")),
    path("sociale-kaart/", include("samenveilig.sociale_kaart.urls")),
    path("", include(("samenveilig.sociale_kaart.urls_public", "publiek"))),
    path("meldcode/", include("samenveilig.meldcode.urls")),
    path("verwijsindex/", include("samenveilig.verwijsindex.urls")),
    path("plannen/", include("samenveilig.plannen.urls")),
    path("monitor/", include("samenveilig.monitor.urls")),
    path("berichten/", include("samenveilig.notifications.urls")),
    path("beheer/toegangslog/", include("samenveilig.audit.urls")),
    path("api/v1/", include("samenveilig.api_urls")),
    path("django-admin/", admin.site.urls),
]
