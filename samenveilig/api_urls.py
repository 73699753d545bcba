"""``/api/v1/``: each app contributes its own routes from ``<app>/api.py``; this file only gathers them.

The schema and its documentation need a login like every other route; the documentation page loads its script
from a separate URL (the "split" view), so it runs under the strict Content-Security-Policy.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("samenveilig.accounts.api")),
    path("regio/", include("samenveilig.regio.api")),
    path("audit/", include("samenveilig.audit.api")),
    path("sociale-kaart/", include("samenveilig.sociale_kaart.api")),
    path("meldcode/", include("samenveilig.meldcode.api")),
    path("verwijsindex/", include("samenveilig.verwijsindex.api")),
    path("plannen/", include("samenveilig.plannen.api")),
    path("monitor/", include("samenveilig.monitor.api")),
]
