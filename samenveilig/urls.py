from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from samenveilig.core import views as core_views
from samenveilig.core.access import public

urlpatterns = [
    path("", include("samenveilig.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("", include("samenveilig.accounts.urls")),
    path("regio/", include("samenveilig.regio.urls")),
    path("beheer/toegangslog/", include("samenveilig.audit.urls")),
    path("api/v1/", include("samenveilig.api_urls")),
    path("django-admin/", admin.site.urls),
]
