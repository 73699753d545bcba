"""``/api/v1/``: each app contributes its own routes from ``<app>/api.py``; this file only gathers them."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include("samenveilig.accounts.api")),
    path("regio/", include("samenveilig.regio.api")),
    path("audit/", include("samenveilig.audit.api")),
]
